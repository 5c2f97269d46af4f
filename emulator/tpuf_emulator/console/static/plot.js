// The vector space: a server-side 2-D PCA of a sample, as an SVG scatter coloured by an attribute,
// with the last workbench query's hits highlighted.
import { api, nsPath, session, enc } from "./api.js";
import { h, svg } from "./dom.js";
import { status, tabs } from "./ui.js";

const PALETTE = ["#0b5cad", "#e36209", "#2da44e", "#8250df", "#bf3989", "#1b7c83", "#9a6700", "#6e7781"];
const W = 720, H = 400, PAD = 20;

function scatter(data, hits) {
  const xs = data.points.map((p) => p.x), ys = data.points.map((p) => p.y);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)], [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  const sx = (x) => PAD + ((x - x0) / ((x1 - x0) || 1)) * (W - 2 * PAD);
  const sy = (y) => H - PAD - ((y - y0) / ((y1 - y0) || 1)) * (H - 2 * PAD);
  const categories = [...new Set(data.points.map((p) => String(p.color ?? "")))].slice(0, PALETTE.length - 1);
  const colour = (value) => {
    const i = categories.indexOf(String(value ?? ""));
    return i < 0 ? PALETTE[PALETTE.length - 1] : PALETTE[i];
  };
  const hitSet = new Set(hits.map(String));
  const ordered = [...data.points].sort((a, b) => hitSet.has(String(a.id)) - hitSet.has(String(b.id)));
  const circles = ordered.map((p) => {
    const hit = hitSet.has(String(p.id));
    return svg("circle", { cx: sx(p.x).toFixed(1), cy: sy(p.y).toFixed(1), r: hit ? 6 : 3.5,
      fill: colour(p.color), "fill-opacity": hit ? 1 : 0.7, class: hit ? "point hit" : "point", "data-id": String(p.id) },
      svg("title", {}, `id ${p.id}${data.color_by ? `, ${data.color_by} = ${p.color}` : ""}${hit ? " (query hit)" : ""}`));
  });
  const picture = svg("svg", { class: "scatter", id: "projection", width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: "img",
    "aria-label": `PCA of ${data.sampled} of ${data.total} vectors of ${data.attribute}; ${hitSet.size} query hit(s) highlighted` }, circles);
  const legend = h("ul", { class: "legend", "aria-label": "Legend" },
    data.color_by ? categories.map((c) => h("li", {}, h("span", { class: "swatch", style: `background:${colour(c)}` }), c || "(none)")) : null,
    h("li", {}, h("span", { class: "swatch", style: "border:2.5px solid #d1242f" }), "hit of the last query"));
  return h("div", { class: "row", style: "align-items:flex-start" }, picture, legend);
}

export async function plotPage(root, ns) {
  const schema = await api("GET", nsPath(ns, "/schema"));
  const vectors = Object.entries(schema).filter(([, c]) => typeof c.type === "string" && c.type.startsWith("[")).map(([n]) => n);
  const others = Object.keys(schema).filter((n) => !vectors.includes(n));
  const attrSelect = h("select", { id: "vector-attribute" }, vectors.map((v) => h("option", { value: v }, v)));
  const colourSelect = h("select", { id: "color-by" }, h("option", { value: "" }, "(none)"), others.map((v) => h("option", { value: v }, v)));
  const sample = h("input", { id: "sample-size", type: "number", min: 1, max: 5000, value: 2000 });
  const holder = h("div", { id: "plot" });
  async function draw() {
    const query = new URLSearchParams({ attribute: attrSelect.value, sample: sample.value });
    if (colourSelect.value) query.set("color_by", colourSelect.value);
    status("Projecting…");
    try {
      const data = await api("GET", `/console/api/namespaces/${enc(ns)}/projection?${query}`);
      const hits = session.hits(ns);
      holder.replaceChildren(h("p", { class: "muted", id: "plot-caption" },
        `${data.sampled} of ${data.total} documents; first two principal components explain ` +
        `${data.explained_variance_ratio.map((r) => (100 * r).toFixed(1) + "%").join(" and ")} of the variance.`),
        scatter(data, hits));
      status(`Drew ${data.sampled} point(s).`);
    } catch (error) { status(`Projection failed: ${error.message}`, true); }
  }
  const form = h("form", { class: "row" },
    h("label", { for: "vector-attribute" }, "Vector attribute"), attrSelect,
    h("label", { for: "color-by" }, "Colour by"), colourSelect,
    h("label", { for: "sample-size" }, "Sample"), sample,
    h("button", { type: "submit", id: "draw" }, "Draw"));
  form.addEventListener("submit", (event) => { event.preventDefault(); draw(); });
  root.append(h("h2", {}, `Vector space of ${ns}`), tabs(ns, "plot"), form, holder);
  if (!vectors.length) { holder.append(h("p", {}, "This namespace has no vector attribute.")); return; }
  const guess = others.find((n) => schema[n].type === "string" && !schema[n].full_text_search);
  if (guess) colourSelect.value = guess;
  await draw();
}
