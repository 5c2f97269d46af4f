// Tiny DOM helpers: h() builds elements, abbreviate() shortens vectors for tables.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on")) el.addEventListener(name.slice(2), value);
    else if (name === "text") el.textContent = value;
    else el.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
  for (const child of children.flat()) if (child) el.append(child instanceof Node ? child : String(child));
  return el;
}

export function abbreviate(value) {
  if (Array.isArray(value) && value.length > 4 && value.every((x) => typeof x === "number")) {
    const head = value.slice(0, 3).map((x) => Number(x).toFixed(3)).join(", ");
    return `[${head}, … (${value.length} dims)]`;
  }
  if (typeof value === "string" && value.length > 80) return value.slice(0, 77) + "…";
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : value.toFixed(4);
  if (value === undefined) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}

export function formatBytes(n) {
  if (typeof n !== "number") return "";
  const units = ["B", "KB", "MB", "GB", "TB"];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i += 1; }
  return `${n.toFixed(i ? 1 : 0)} ${units[i]}`;
}

// A table of rows (objects); `columns` fixes the order, `onOpen(row)` makes the id a button.
export function table(rows, columns, { caption, onOpen, id } = {}) {
  const head = h("tr", {}, columns.map((c) => h("th", { scope: "col" }, c)));
  const body = rows.map((row) => h("tr", {}, columns.map((c, i) => {
    const text = abbreviate(row[c]);
    if (i === 0 && onOpen) {
      return h("td", {}, h("button", { type: "button", class: "link", "data-id": String(row[c]),
        "aria-label": `Show document ${text}`, onclick: () => onOpen(row) }, text));
    }
    return h("td", { class: typeof row[c] === "number" ? "num" : null }, text);
  })));
  return h("table", { id }, caption ? h("caption", { class: "muted" }, caption) : null,
    h("thead", {}, head), h("tbody", {}, body));
}

export function columnsOf(rows, first = ["id"]) {
  const seen = new Set(first);
  const out = [...first];
  for (const row of rows) for (const key of Object.keys(row)) if (!seen.has(key)) { seen.add(key); out.push(key); }
  return out;
}

export function showJson(title, value) {
  const dialog = h("dialog", { "aria-label": title, id: "json-dialog" },
    h("h3", {}, title), h("pre", {}, JSON.stringify(value, null, 2)),
    h("div", { class: "row" }, h("button", { type: "button", onclick: () => dialog.close() }, "Close")));
  dialog.addEventListener("close", () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  return dialog;
}
