// Shared page furniture: the status line (announced to screen readers) and a namespace's tabs.
import { enc } from "./api.js";
import { h } from "./dom.js";

export function status(message, isError = false) {
  const el = document.getElementById("status");
  el.textContent = message || "";
  el.className = isError ? "error" : "";
}

export function tabs(ns, current) {
  const link = (href, label, key) => h("a", { href, "aria-current": current === key ? "page" : null }, label);
  return h("nav", { class: "tabs", "aria-label": `Namespace ${ns}` },
    link(`#/ns/${enc(ns)}`, "Overview & documents", "overview"),
    link(`#/ns/${enc(ns)}/query`, "Query workbench", "query"),
    link(`#/ns/${enc(ns)}/plot`, "Vector space", "plot"),
    link(`#/counters?namespace=${enc(ns)}`, "Counters", "counters"));
}

