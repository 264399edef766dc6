// Actor network: nodes are actors (coloured by country, sized by events), edges are directed
// dyads (width = events, colour = quad class). Drawn by the vendored Cytoscape.js on a canvas.

import { getJSON } from "./api.js";
import { QUAD_LABELS, colourFor, fmtNumber, h, plural, quadColour, replace } from "./util.js";

const gold = (o) => (o.goldstein_mean !== undefined ? o.goldstein_mean : o.goldstein);

/** Events per quad class on an edge: {1: n, ...} from q1..q4, a `quad` map, or `quad_class`. */
export function quadCounts(edge) {
  const out = {};
  for (const q of [1, 2, 3, 4]) {
    const n = edge[`q${q}`] ?? (edge.quad && edge.quad[q] ? edge.quad[q].count : undefined);
    if (n) out[q] = Number(n);
  }
  if (!Object.keys(out).length && Number.isInteger(edge.quad_class)) out[edge.quad_class] = Number(edge.count) || 1;
  return out;
}

/** The quad class with most events on an edge (ties: the more conflictual one). */
export function edgeQuad(edge) {
  let best = null;
  for (const [quad, n] of Object.entries(quadCounts(edge))) {
    if (!best || n > best[1] || (n === best[1] && Number(quad) > best[0])) best = [Number(quad), n];
  }
  if (best) return best[0];
  const g = gold(edge);
  if (g !== null && g !== undefined) return g < 0 ? 3 : 1;
  return null;
}

export class NetworkView {
  constructor(root, ctx) {
    this.root = root;
    this.ctx = ctx;
    this.summary = h("div", { class: "summary", id: "network-summary" });
    this.canvas = h("div", { class: "graph", id: "network-graph" });
    this.side = h("aside", { class: "side", id: "network-side" });
    const legend = h("div", { class: "legend" },
      ...[1, 2, 3, 4].map((q) => h("span", { class: "legend-item" },
        h("span", { class: "swatch", style: { background: quadColour(q) } }), QUAD_LABELS[q])),
      h("span", { class: "legend-item muted", text: "node colour = country · size = events" }));
    this.by = h("select", { id: "net-by", onchange: () => this.show(this.filters) },
      h("option", { value: "actor", text: "actors" }), h("option", { value: "country", text: "countries" }));
    this.top = h("select", { id: "net-top", onchange: () => this.show(this.filters) },
      ...[30, 60, 150, 500].map((n) => h("option", { value: String(n), text: `top ${n}` })));
    this.top.value = "60";
    replace(root, h("h2", { text: "Actor network" }),
      h("div", { class: "controls" }, h("label", {}, "nodes ", this.by), h("label", {}, "show ", this.top)),
      this.summary, legend,
      h("div", { class: "graph-wrap" }, this.canvas, this.side));
    this.cy = null;
  }

  async show(filters) {
    this.filters = filters;
    replace(this.summary, "Loading…");
    const payload = await getJSON("/api/network", { ...filters, by: this.by.value, top: this.top.value });
    const edges = payload.edges || [];
    // Actors with no dyad among those shown would only float around the graph: list them apart.
    const linked = new Set(edges.flatMap((e) => [String(e.source), String(e.target)]));
    const nodes = (payload.nodes || []).filter((n) => linked.has(String(n.id)));
    const alone = (payload.nodes || []).length - nodes.length;
    const nodeCount = this.byCountry() ? plural(nodes.length, "country", "countries") : plural(nodes.length, "actor");
    replace(this.summary, `${nodeCount} · ${plural(edges.length, "dyad")}`
      + (alone ? ` · ${alone} without a dyad among these not drawn` : "")
      + " · edge width = events · click for details");
    this.nodesById = new Map(nodes.map((n) => [String(n.id), n]));
    this.edges = edges;
    this.draw(nodes, edges);
    this.dyadList();
  }

  /** The side panel's default: the strongest dyads as a list (readable without the canvas). */
  dyadList() {
    const name = (id) => (this.nodesById.get(String(id)) || {}).name || String(id);
    const top = [...this.edges].sort((a, b) => (b.count || 0) - (a.count || 0)).slice(0, 12);
    replace(this.side, h("h3", { text: "Strongest dyads" }),
      top.length ? h("ol", { class: "dyad-list", id: "network-dyads" }, ...top.map((edge, i) => h("li", {},
        h("button", { class: "link-button", type: "button",
          text: `${name(edge.source)} → ${name(edge.target)}`,
          onclick: () => this.selectEdge(edge) }),
        h("small", { class: "muted", text: ` ${edge.count ?? ""}` }))))
        : h("p", { class: "muted", text: "No dyad for these filters." }),
      h("p", { class: "muted small", text: "Click an actor or a dyad in the graph for details." }));
  }

  selectEdge(edge) {
    const index = this.edges.indexOf(edge);
    if (this.cy && index >= 0) {
      this.cy.elements().unselect();
      this.cy.getElementById(`e${index}`).select();
    }
    this.edgeDetail(edge, this.nodesById.get(String(edge.source)), this.nodesById.get(String(edge.target)));
  }

  draw(nodes, edges) {
    if (typeof window.cytoscape !== "function") {
      replace(this.canvas, h("p", { class: "error", text: "Graph library missing." }));
      return;
    }
    const maxEvents = Math.max(1, ...nodes.map((n) => n.n_events || 1));
    const maxCount = Math.max(1, ...edges.map((e) => e.count || 1));
    const ids = new Set(nodes.map((n) => String(n.id)));
    const elements = [];
    for (const node of nodes) {
      const label = node.country && node.name !== node.country ? `${node.name} (${node.country})` : node.name;
      elements.push({ group: "nodes", data: {
        id: String(node.id), label: label || String(node.id), raw: node,
        colour: colourFor(node.country || node.name),
        size: 12 + 40 * Math.sqrt((node.n_events || 1) / maxEvents),
        // Busier actors get bigger labels, which stay readable when the whole graph is shown.
        font: 9 + 8 * Math.sqrt((node.n_events || 1) / maxEvents),
      } });
    }
    edges.forEach((edge, i) => {
      const source = String(edge.source);
      const target = String(edge.target);
      if (!ids.has(source) || !ids.has(target)) return;
      elements.push({ group: "edges", data: {
        id: `e${i}`, source, target, raw: edge,
        colour: quadColour(edgeQuad(edge)),
        width: 1.5 + 7 * Math.sqrt((edge.count || 1) / maxCount),
      } });
    });
    if (this.cy) this.cy.destroy();
    this.cy = window.cytoscape({
      container: this.canvas,
      elements,
      minZoom: 0.2,
      maxZoom: 4,
      style: [
        { selector: "node", style: {
          "background-color": "data(colour)", "width": "data(size)", "height": "data(size)",
          "label": "data(label)", "font-size": "data(font)", "color": "#1d2733",
          "text-valign": "bottom", "text-margin-y": 3, "text-wrap": "ellipsis",
          "text-max-width": 160, "border-width": 1, "border-color": "#44505c",
          "text-background-color": "#ffffff", "text-background-opacity": 0.7,
          "text-background-padding": 1, "min-zoomed-font-size": 6,
        } },
        { selector: "edge", style: {
          "line-color": "data(colour)", "target-arrow-color": "data(colour)",
          "target-arrow-shape": "triangle", "curve-style": "bezier", "width": "data(width)",
          "opacity": 0.8, "arrow-scale": 0.9,
        } },
        { selector: "node:selected", style: { "border-width": 3, "border-color": "#111" } },
        { selector: "edge:selected", style: { "opacity": 1, "underlay-color": "#1d2733",
          "underlay-opacity": 0.25, "underlay-padding": 5 } },
      ],
      layout: {
        name: elements.length > 2 ? "cose" : "grid", animate: false, padding: 20, randomize: true,
        nodeRepulsion: () => 9000, idealEdgeLength: () => 70, nodeDimensionsIncludeLabels: true,
        // Lay out into the box's own shape, so fitting it does not shrink the labels away.
        boundingBox: { x1: 0, y1: 0, w: Math.max(300, this.canvas.clientWidth - 40),
          h: Math.max(300, this.canvas.clientHeight - 40) },
      },
    });
    this.canvas.cy = this.cy; // the drawn graph, for the page's own tests
    this.cy.on("tap", (evt) => { if (evt.target === this.cy) this.dyadList(); });
    this.cy.on("tap", "node", (evt) => this.nodeDetail(evt.target.data("raw")));
    this.cy.on("tap", "edge", (evt) => this.edgeDetail(evt.target.data("raw"),
      evt.target.source().data("raw"), evt.target.target().data("raw")));
  }

  byCountry() { return this.by.value === "country"; }

  backButton() {
    return h("button", { class: "link-button", type: "button", text: "‹ strongest dyads",
      onclick: () => { if (this.cy) this.cy.elements().unselect(); this.dyadList(); } });
  }

  resize() {
    if (this.cy) { this.cy.resize(); this.cy.fit(undefined, 30); }
  }

  nodeDetail(node) {
    replace(this.side, this.backButton(),
      h("h3", { text: node.name || String(node.id) }),
      h("dl", { class: "kv" },
        h("dt", { text: "country" }), h("dd", { text: node.country || "–" }),
        h("dt", { text: "sector" }), h("dd", { text: node.sector || "–" }),
        h("dt", { text: "events" }), h("dd", { text: node.n_events ?? "–" }),
      h("dt", { text: "as source / target" }),
      h("dd", { text: `${node.as_source ?? "–"} / ${node.as_target ?? "–"}` }),
      h("dt", { text: "mean Goldstein" }), h("dd", { text: fmtNumber(gold(node)) })),
      h("div", { class: "buttons" },
        h("button", { text: "Its events", onclick: () => this.ctx.filterBy(
          this.byCountry() ? { country: node.id } : { actor: node.id }) }),
        this.byCountry() ? null
          : h("button", { text: "Its timeline", onclick: () => this.ctx.openTimeline(node.id, "") })));
  }

  edgeDetail(edge, source, target) {
    const name = (n, fallback) => (n && n.name) || String(fallback);
    const dl = h("dl", { class: "kv" },
      h("dt", { text: "events" }), h("dd", { text: edge.count ?? "–" }),
      h("dt", { text: "mean Goldstein" }), h("dd", { text: fmtNumber(gold(edge)) }));
    for (const [quad, n] of Object.entries(quadCounts(edge))) {
      dl.append(h("dt", { text: QUAD_LABELS[quad] || `quad ${quad}` }), h("dd", { text: n }));
    }
    if (edge.types && typeof edge.types === "object") {
      const types = Object.entries(edge.types).sort((a, b) => b[1] - a[1]).map(([t, n]) => `${t} ${n}`);
      if (types.length) dl.append(h("dt", { text: "types" }), h("dd", { text: types.join(", ") }));
    }
    replace(this.side, this.backButton(),
      h("h3", { text: `${name(source, edge.source)} → ${name(target, edge.target)}` }), dl,
      h("div", { class: "buttons" },
        this.byCountry() ? null
          : h("button", { text: "Dyad timeline", onclick: () => this.ctx.openTimeline(edge.source, edge.target) }),
        h("button", { text: "Dyad events", onclick: () => this.byCountry()
          ? this.ctx.filterBy({ country: edge.source })
          : this.ctx.openDyadEvents(edge.source, edge.target) })));
  }
}
