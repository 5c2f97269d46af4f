// The console's router: #/signin, #/namespaces, #/ns/<name>[/query|/plot], #/counters.
import { api, session, enc } from "./api.js";
import { h, formatBytes } from "./dom.js";
import { status } from "./ui.js";
import { namespacePage } from "./namespace.js";
import { workbenchPage } from "./workbench.js";
import { plotPage } from "./plot.js";
import { countersPage } from "./counters.js";

const main = () => document.getElementById("main");
let leave = null; // cleanup of the current page (timers)

function signInPage(root) {
  const input = h("input", { id: "api-key", type: "password", autocomplete: "off", required: true });
  const form = h("form", { class: "signin card", id: "signin-form" },
    h("h2", {}, "Sign in"),
    h("p", { class: "muted" }, "Enter an API key of this emulator. The key stays in this tab's session storage; every request uses the public API with it, so you see only your organisation's namespaces."),
    h("label", { for: "api-key" }, "API key"), input,
    h("div", { class: "row" }, h("button", { type: "submit", id: "sign-in" }, "Sign in")));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    session.signIn(input.value.trim());
    try {
      await api("GET", "/v1/namespaces?page_size=1");
      status("Signed in.");
      location.hash = "#/namespaces";
    } catch (error) {
      session.signOut();
      status(`Sign-in failed: ${error.message}`, true);
    }
  });
  root.append(form);
  input.focus();
}

async function namespacesPage(root, params) {
  const prefix = params.get("prefix") || "";
  const search = h("input", { id: "prefix", type: "search", value: prefix, placeholder: "e.g. prod-" });
  const form = h("form", { class: "row", role: "search" }, h("label", { for: "prefix" }, "Prefix"), search,
    h("button", { type: "submit" }, "Search"));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    location.hash = `#/namespaces?prefix=${enc(search.value)}`;
  });
  const holder = h("div", {}, h("p", { class: "muted" }, "Loading…"));
  root.append(h("h2", {}, "Namespaces"), form, holder);
  const names = [];
  let cursor = null;
  do {
    const query = new URLSearchParams({ page_size: "1000" });
    if (prefix) query.set("prefix", prefix);
    if (cursor) query.set("cursor", cursor);
    const page = await api("GET", `/v1/namespaces?${query}`);
    names.push(...page.namespaces.map((n) => n.id));
    cursor = page.next_cursor;
  } while (cursor && names.length < 5000);
  const metas = await Promise.all(names.map((n) => api("GET", `/v1/namespaces/${enc(n)}/metadata`).catch(() => null)));
  const rows = names.map((name, i) => {
    const m = metas[i] || {};
    const del = h("button", { type: "button", class: "danger", "aria-label": `Delete namespace ${name}`,
      onclick: () => confirmDelete(name) }, "Delete");
    return h("tr", { "data-namespace": name },
      h("td", {}, h("a", { href: `#/ns/${enc(name)}`, class: "ns-link" }, name)),
      h("td", { class: "num" }, m.approx_row_count ?? ""),
      h("td", { class: "num" }, formatBytes(m.approx_logical_bytes)),
      h("td", {}, m.last_write_at || m.updated_at || ""),
      h("td", {}, m.index ? m.index.status : ""),
      h("td", {}, del));
  });
  holder.replaceChildren(rows.length ? h("table", { id: "namespaces-table" },
    h("thead", {}, h("tr", {}, ["Namespace", "Rows", "Logical size", "Last write", "Index", ""].map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, rows)) : h("p", {}, prefix ? `No namespace starts with “${prefix}”.` : "No namespaces yet."));
  status(`${names.length} namespace(s).`);
}

function confirmDelete(name) {
  const typed = h("input", { id: "confirm-name", autocomplete: "off" });
  const dialog = h("dialog", { "aria-labelledby": "confirm-title", id: "confirm-dialog" },
    h("h3", { id: "confirm-title" }, `Delete namespace ${name}?`),
    h("p", {}, "This deletes every document in it and cannot be undone. Type the namespace's name to confirm."),
    h("label", { for: "confirm-name" }, "Namespace name"), typed,
    h("div", { class: "row" },
      h("button", { type: "button", class: "danger", id: "confirm-delete", onclick: async () => {
        if (typed.value !== name) { status("The name does not match; nothing was deleted.", true); return; }
        dialog.close();
        try {
          await api("DELETE", `/v2/namespaces/${enc(name)}`);
          await render();
          status(`Deleted ${name}.`);
        } catch (error) { status(`Delete failed: ${error.message}`, true); }
      } }, "Delete"),
      h("button", { type: "button", class: "secondary", onclick: () => dialog.close() }, "Cancel")));
  dialog.addEventListener("close", () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  typed.focus();
}

async function render() {
  if (leave) { leave(); leave = null; }
  const root = main();
  root.replaceChildren();
  const [path, query = ""] = location.hash.replace(/^#/, "").split("?");
  const params = new URLSearchParams(query);
  document.getElementById("sign-out").hidden = !session.key;
  if (!session.key && path !== "/signin") { location.hash = "#/signin"; return; }
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  try {
    if (parts[0] === "signin") signInPage(root);
    else if (parts[0] === "ns" && parts[2] === "query") await workbenchPage(root, parts[1]);
    else if (parts[0] === "ns" && parts[2] === "plot") await plotPage(root, parts[1]);
    else if (parts[0] === "ns") await namespacePage(root, parts[1]);
    else if (parts[0] === "counters") leave = await countersPage(root, params.get("namespace"));
    else await namespacesPage(root, params);
  } catch (error) {
    status(error.message, true);
    if (error.status === 401) { session.signOut(); location.hash = "#/signin"; }
  }
}

document.getElementById("sign-out").addEventListener("click", () => {
  session.signOut();
  status("Signed out.");
  location.hash = "#/signin";
});
window.addEventListener("hashchange", render);
render();
