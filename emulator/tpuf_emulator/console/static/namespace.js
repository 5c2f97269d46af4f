// One namespace: schema, metadata and its documents in pages of PAGE rows (id > last id).
import { api, nsPath } from "./api.js";
import { h, table, columnsOf, showJson, formatBytes } from "./dom.js";
import { status, tabs } from "./ui.js";

const PAGE = 20;

function schemaTable(schema) {
  const rows = Object.entries(schema).map(([name, c]) => ({
    attribute: name,
    type: c.type,
    filterable: c.filterable === undefined ? "" : String(c.filterable),
    "full-text": c.full_text_search ? JSON.stringify(c.full_text_search) : "",
    index: c.ann ? `ANN ${JSON.stringify(c.ann)}` : (c.regex ? "regex" : ""),
  }));
  return table(rows, ["attribute", "type", "filterable", "full-text", "index"], { id: "schema-table" });
}

export async function namespacePage(root, ns) {
  const [schema, meta] = await Promise.all([api("GET", nsPath(ns, "/schema")), api("GET", nsPath(ns, "/metadata"))]);
  const docs = h("div", { id: "documents" });
  const facts = [
    ["Rows", meta.approx_row_count], ["Logical size", formatBytes(meta.approx_logical_bytes)],
    ["Created", meta.created_at], ["Last write", meta.last_write_at || "—"], ["Index", meta.index?.status],
  ];
  root.append(h("h2", {}, `Namespace ${ns}`), tabs(ns, "overview"),
    h("div", { class: "grid" },
      h("section", { "aria-labelledby": "schema-h" }, h("h3", { id: "schema-h" }, "Schema"), schemaTable(schema)),
      h("section", { "aria-labelledby": "meta-h" }, h("h3", { id: "meta-h" }, "Metadata"),
        h("dl", { class: "card" }, facts.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v ?? "")])))),
    h("section", { "aria-labelledby": "docs-h" }, h("h3", { id: "docs-h" }, "Documents"), docs));
  const cursors = [null]; // last id of each previous page
  async function load(pageIndex) {
    const after = cursors[pageIndex];
    const body = { rank_by: ["id", "asc"], limit: PAGE, include_attributes: true };
    if (after !== null) body.filters = ["id", "Gt", after];
    const result = await api("POST", nsPath(ns, "/query", "v2"), body);
    const rows = result.rows || [];
    if (rows.length) cursors[pageIndex + 1] = rows[rows.length - 1].id;
    const prev = h("button", { type: "button", class: "secondary", id: "prev-page", disabled: pageIndex === 0,
      onclick: () => load(pageIndex - 1) }, "Previous page");
    const next = h("button", { type: "button", class: "secondary", id: "next-page", disabled: rows.length < PAGE,
      onclick: () => load(pageIndex + 1) }, "Next page");
    docs.replaceChildren(
      table(rows, columnsOf(rows), { id: "documents-table", caption: `Page ${pageIndex + 1}, ordered by id. Select an id to see the whole document.`,
        onOpen: (row) => showJson(`Document ${row.id}`, row) }),
      h("div", { class: "row" }, prev, next));
    status(`${rows.length} document(s) on page ${pageIndex + 1}.`);
  }
  await load(0);
}
