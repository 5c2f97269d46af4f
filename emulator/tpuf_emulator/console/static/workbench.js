// The query workbench: a query as JSON (examples one click away), its results with $dist, and
// explain_query's plan beside them. Aggregations and multi-queries are shown as tables.
import { api, nsPath, session } from "./api.js";
import { h, table, columnsOf, showJson } from "./dom.js";
import { status, tabs } from "./ui.js";

function firstOfType(schema, test) {
  return Object.entries(schema).find(([, c]) => test(c))?.[0];
}

async function examples(ns, schema) {
  const vectorAttr = firstOfType(schema, (c) => typeof c.type === "string" && c.type.startsWith("["));
  const textAttr = firstOfType(schema, (c) => c.full_text_search);
  const first = (await api("POST", nsPath(ns, "/query", "v2"), { rank_by: ["id", "asc"], limit: 1, include_attributes: true })).rows?.[0];
  const out = {};
  if (vectorAttr && first && Array.isArray(first[vectorAttr])) {
    out.ann = { label: `ANN (document ${first.id}'s vector)`, query: { rank_by: [vectorAttr, "ANN", first[vectorAttr]], limit: 10, include_attributes: [textAttr].filter(Boolean) } };
  }
  if (textAttr) {
    const word = String((first && first[textAttr]) || "hello").split(/\W+/).find((w) => w.length > 2) || "hello";
    out.bm25 = { label: `BM25 on ${textAttr}`, query: { rank_by: [textAttr, "BM25", word], limit: 10, include_attributes: [textAttr] } };
  }
  out.filter = { label: "Filter", query: { filters: ["id", "Lte", first ? first.id : 10], rank_by: ["id", "asc"], limit: 10, include_attributes: true } };
  out.aggregate = { label: "Aggregation", query: { aggregate_by: { count: ["Count"] } } };
  const groupAttr = firstOfType(schema, (c) => c.type === "string" && !c.full_text_search && c.filterable !== false);
  if (groupAttr) out.group = { label: `Count by ${groupAttr}`, query: { aggregate_by: { count: ["Count"] }, group_by: [groupAttr], limit: 10 } };
  return out;
}

// "Build from fields": a simple query from a few inputs (a document's vector, BM25 text, one
// filter), written into the JSON editor so the user sees, and can edit, exactly what runs.
function builderForm(ns, schema, editor, run) {
  const vectorAttr = firstOfType(schema, (c) => typeof c.type === "string" && c.type.startsWith("["));
  const textAttr = firstOfType(schema, (c) => c.full_text_search);
  const filterable = Object.keys(schema).filter((a) => schema[a].filterable !== false && a !== vectorAttr);
  const field = (id, label, input) => h("div", { class: "field" }, h("label", { for: id }, label), input);
  const kind = h("select", { id: "build-kind" },
    vectorAttr ? h("option", { value: "ann" }, `ANN on ${vectorAttr} (a document's vector)`) : null,
    textAttr ? h("option", { value: "bm25" }, `BM25 on ${textAttr}`) : null,
    h("option", { value: "id" }, "by id"));
  const docId = h("input", { id: "build-doc", type: "text", value: "1", size: "8" });
  const text = h("input", { id: "build-text", type: "text", placeholder: "words to search" });
  const fAttr = h("select", { id: "build-filter-attr" }, h("option", { value: "" }, "(no filter)"),
    ["id", ...filterable].map((a) => h("option", { value: a }, a)));
  const fOp = h("select", { id: "build-filter-op" }, ["Eq", "NotEq", "Lt", "Lte", "Gt", "Gte", "Glob"].map((o) => h("option", { value: o }, o)));
  const fValue = h("input", { id: "build-filter-value", type: "text", size: "12" });
  const limit = h("input", { id: "build-limit", type: "number", min: "1", max: "10000", value: "10", size: "6" });
  const parse = (raw) => { try { return JSON.parse(raw); } catch { return raw; } };
  async function build() {
    const body = { limit: Number(limit.value) || 10, include_attributes: [textAttr].filter(Boolean) };
    if (kind.value === "ann") {
      const id = parse(docId.value);
      const doc = (await api("POST", nsPath(ns, "/query", "v2"), { rank_by: ["id", "asc"], limit: 1, filters: ["id", "Eq", id], include_attributes: [vectorAttr] })).rows?.[0];
      if (!doc || !Array.isArray(doc[vectorAttr])) { status(`Document ${docId.value} has no ${vectorAttr}.`, true); return; }
      body.rank_by = [vectorAttr, "ANN", doc[vectorAttr]];
    } else if (kind.value === "bm25") {
      body.rank_by = [textAttr, "BM25", text.value];
    } else {
      body.rank_by = ["id", "asc"];
    }
    if (fAttr.value) body.filters = [fAttr.value, fOp.value, parse(fValue.value)];
    editor.value = JSON.stringify(body, null, 2);
    await run();
  }
  return h("form", { id: "query-builder", "aria-labelledby": "builder-h", onsubmit: (e) => { e.preventDefault(); build(); } },
    h("h3", { id: "builder-h" }, "Build from fields"),
    h("div", { class: "row" }, field("build-kind", "Rank by", kind), field("build-doc", "Document id (ANN)", docId),
      field("build-text", "Text (BM25)", text), field("build-limit", "Limit", limit)),
    h("div", { class: "row" }, field("build-filter-attr", "Filter attribute", fAttr), field("build-filter-op", "Operator", fOp),
      field("build-filter-value", "Value (JSON or text)", fValue),
      h("button", { type: "submit", id: "build-query" }, "Build and run")));
}

function aggregationsTable(result) {
  if (result.aggregation_groups) {
    const rows = result.aggregation_groups;
    const numeric = Object.keys(rows[0] || {}).find((k) => typeof rows[0][k] === "number");
    const max = Math.max(1, ...rows.map((r) => Number(r[numeric]) || 0));
    const cols = columnsOf(rows, []);
    return h("table", { id: "aggregations-table" },
      h("thead", {}, h("tr", {}, [...cols, "chart"].map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, rows.map((r) => h("tr", {}, cols.map((c) => h("td", {}, typeof r[c] === "object" ? JSON.stringify(r[c]) : String(r[c]))),
        h("td", {}, numeric ? h("span", { class: "bar", style: `width:${(200 * Number(r[numeric])) / max}px`, "aria-hidden": "true" }) : null)))));
  }
  const rows = Object.entries(result.aggregations || {}).map(([name, value]) => ({ aggregation: name, value }));
  return table(rows, ["aggregation", "value"], { id: "aggregations-table" });
}

function resultBlock(ns, result, index) {
  const parts = [];
  if (result.aggregations || result.aggregation_groups) parts.push(aggregationsTable(result));
  if (result.rows) {
    const rows = result.rows;
    const cols = columnsOf(rows, ["id", ...(rows.some((r) => "$dist" in r) ? ["$dist"] : [])]);
    parts.push(table(rows, cols, { id: index === 0 ? "results-table" : `results-table-${index}`,
      caption: `${rows.length} row(s)`, onOpen: (row) => showJson(`Document ${row.id}`, row) }));
  }
  return parts;
}

export async function workbenchPage(root, ns) {
  const schema = await api("GET", nsPath(ns, "/schema"));
  const prefilled = await examples(ns, schema);
  const editor = h("textarea", { id: "query-json", spellcheck: "false", "aria-describedby": "query-help" });
  editor.value = JSON.stringify((prefilled.ann || prefilled.filter).query, null, 2);
  const results = h("div", { id: "results", "aria-live": "polite" });
  const explain = h("pre", { id: "explain" }, "Run a query to see its plan.");
  const buttons = Object.entries(prefilled).map(([key, ex]) => h("button", { type: "button", class: "secondary",
    id: `example-${key}`, onclick: () => { editor.value = JSON.stringify(ex.query, null, 2); editor.focus(); } }, ex.label));
  async function run() {
    let body;
    try { body = JSON.parse(editor.value); } catch (error) { status(`The query is not valid JSON: ${error.message}`, true); return; }
    status("Running…");
    try {
      const multi = Array.isArray(body.queries);
      const [result, plan] = await Promise.all([
        api("POST", nsPath(ns, multi ? "/multi-query" : "/query", "v2"), body),
        multi ? Promise.resolve(null) : api("POST", nsPath(ns, "/explain_query", "v2"), body).catch((e) => ({ error: e.message })),
      ]);
      const blocks = multi ? result.results : [result];
      results.replaceChildren(...blocks.flatMap((r, i) => [...(multi ? [h("h4", {}, `Query ${i + 1}`)] : []), ...resultBlock(ns, r, i)]));
      explain.textContent = !plan ? "explain_query takes one query at a time."
        : typeof plan.plan_text === "string" ? plan.plan_text : JSON.stringify(plan, null, 2);
      const hits = blocks.flatMap((r) => (r.rows || []).map((row) => row.id));
      session.setHits(ns, hits);
      const billing = result.performance ? ` in ${result.performance.server_total_ms ?? "?"} ms` : "";
      status(`${hits.length} hit(s)${billing}. They are highlighted in the vector-space picture.`);
    } catch (error) {
      results.replaceChildren(h("p", { class: "error" }, error.message));
      status(`Query failed: ${error.message}`, true);
    }
  }
  editor.addEventListener("keydown", (event) => { if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); run(); } });
  root.append(h("h2", {}, `Query ${ns}`), tabs(ns, "query"),
    h("div", { class: "row", role: "group", "aria-label": "Examples" }, h("span", { class: "muted" }, "Examples:"), buttons),
    h("label", { for: "query-json" }, "Query (JSON body of POST /v2/namespaces/:namespace/query)"), editor,
    h("p", { id: "query-help", class: "muted" }, "Ctrl+Enter runs the query. A body with \"queries\" runs as a multi-query."),
    h("div", { class: "row" }, h("button", { type: "button", id: "run-query", onclick: run }, "Run query")),
    builderForm(ns, schema, editor, run),
    h("div", { class: "grid wide" },
      h("section", { "aria-labelledby": "results-h" }, h("h3", { id: "results-h" }, "Results"), results),
      h("section", { "aria-labelledby": "explain-h" }, h("h3", { id: "explain-h" }, "explain_query"), explain)));
  status("Pick an example or write a query, then run it.");
}
