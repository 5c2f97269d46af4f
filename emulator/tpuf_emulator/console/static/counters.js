// Live counters of the signed-in organisation, refreshed every two seconds while the page is open.
import { api, enc } from "./api.js";
import { h, table } from "./dom.js";
import { status } from "./ui.js";

export async function countersPage(root, ns) {
  const holder = h("div", { id: "counters" });
  root.append(h("h2", {}, "Live counters"), h("p", { class: "muted" },
    `Requests of your organisation to the public API since the emulator started${ns ? `; index state of ${ns}` : ""}. Refreshes every 2 s.`), holder);
  async function refresh() {
    const c = await api("GET", `/console/api/counters${ns ? `?namespace=${enc(ns)}` : ""}`);
    const ops = Object.entries(c.operations).map(([operation, o]) => ({ operation, requests: o.count, errors: o.errors,
      "p50 ms": o.p50_ms, "p99 ms": o.p99_ms }));
    const parts = [
      h("dl", { class: "card" }, h("dt", {}, "Requests per second"), h("dd", { id: "rps" }, c.requests_per_second),
        h("dt", {}, "Requests"), h("dd", {}, c.requests), h("dt", {}, "429 answers"), h("dd", { id: "throttled" }, c.throttled_429)),
      h("h3", {}, "Latency by operation"), table(ops, ["operation", "requests", "errors", "p50 ms", "p99 ms"], { id: "operations-table" }),
    ];
    if (c.index) {
      const ann = Object.entries(c.index.ann).map(([attribute, s]) => ({ attribute, kind: "ANN", state: s.state, rows: s.rows, unindexed: s.unindexed_rows }));
      const bm25 = Object.entries(c.index.bm25).map(([attribute, s]) => ({ attribute, kind: "BM25", state: s.state, rows: s.documents, unindexed: 0 }));
      parts.push(h("h3", {}, `Indexes of ${c.index.namespace}`), table([...ann, ...bm25], ["attribute", "kind", "state", "rows", "unindexed"], { id: "index-table" }));
    }
    holder.replaceChildren(...parts);
  }
  await refresh();
  status("Live.");
  const timer = setInterval(() => refresh().catch((e) => status(e.message, true)), 2000);
  return () => clearInterval(timer);
}
