// Dyad timeline: event counts per period (bars) and mean Goldstein (line), drawn as plain SVG.

import { getJSON, itemsOf } from "./api.js";
import { fmtNumber, goldsteinColour, h, replace, s } from "./util.js";

/** Merge timeline rows into one series: [{period, count, goldstein}] sorted by period. */
export function aggregate(items) {
  const byPeriod = new Map();
  for (const item of items) {
    const key = String(item.period).slice(0, 10);
    const cur = byPeriod.get(key) || { period: key, count: 0, gsum: 0, gn: 0 };
    const count = Number(item.count) || 0;
    cur.count += count;
    if (item.goldstein !== null && item.goldstein !== undefined) {
      cur.gsum += Number(item.goldstein) * Math.max(count, 1);
      cur.gn += Math.max(count, 1);
    }
    byPeriod.set(key, cur);
  }
  return [...byPeriod.values()]
    .sort((a, b) => (a.period < b.period ? -1 : 1))
    .map((p) => ({ period: p.period, count: p.count, goldstein: p.gn ? p.gsum / p.gn : null }));
}

function dyadTotals(items) {
  const totals = new Map();
  for (const item of items) {
    const key = `${item.source}\u0000${item.target}`;
    const cur = totals.get(key) || { source: item.source, target: item.target, count: 0, gsum: 0, gn: 0 };
    cur.count += Number(item.count) || 0;
    if (item.goldstein !== null && item.goldstein !== undefined) {
      cur.gsum += Number(item.goldstein) * Math.max(Number(item.count) || 1, 1);
      cur.gn += Math.max(Number(item.count) || 1, 1);
    }
    totals.set(key, cur);
  }
  return [...totals.values()].sort((a, b) => b.count - a.count);
}

/** An SVG chart of a series: bars = counts (left axis), line = Goldstein (right axis, −10…10). */
export function chart(series, { width = 900, height = 300 } = {}) {
  const m = { left: 44, right: 48, top: 16, bottom: 46 };
  const w = width - m.left - m.right;
  const hgt = height - m.top - m.bottom;
  const svg = s("svg", { class: "timeline-chart", viewBox: `0 0 ${width} ${height}`, role: "img",
    "aria-label": "events per period and mean Goldstein" });
  const maxCount = Math.max(1, ...series.map((p) => p.count));
  const n = Math.max(series.length, 1);
  const band = w / n;
  const x = (i) => m.left + band * i + band / 2;
  const yCount = (v) => m.top + hgt - (v / maxCount) * hgt;
  const yGold = (v) => m.top + hgt / 2 - (v / 10) * (hgt / 2);
  // Grid and axes.
  const ticks = maxCount <= 5 ? maxCount : 5;
  for (let t = 0; t <= ticks; t++) {
    const v = Math.round((maxCount * t) / ticks);
    const y = yCount(v);
    svg.append(s("line", { x1: m.left, x2: m.left + w, y1: y, y2: y, class: "grid" }),
      s("text", { x: m.left - 6, y: y + 4, class: "axis-label", "text-anchor": "end", text: v }));
  }
  for (const g of [-10, -5, 0, 5, 10]) {
    svg.append(s("text", { x: m.left + w + 6, y: yGold(g) + 4, class: "axis-label gold-axis", text: g }));
  }
  svg.append(s("line", { x1: m.left, x2: m.left + w, y1: yGold(0), y2: yGold(0), class: "zero" }));
  svg.append(s("text", { x: 12, y: m.top + hgt / 2, class: "axis-title",
    transform: `rotate(-90 12 ${m.top + hgt / 2})`, "text-anchor": "middle", text: "events" }));
  svg.append(s("text", { x: width - 8, y: m.top + hgt / 2, class: "axis-title",
    transform: `rotate(90 ${width - 8} ${m.top + hgt / 2})`, "text-anchor": "middle", text: "Goldstein" }));
  // Bars.
  const labelEvery = Math.max(1, Math.ceil(n / 12));
  series.forEach((p, i) => {
    const bw = Math.max(2, Math.min(40, band * 0.7));
    const y = yCount(p.count);
    const bar = s("rect", { x: x(i) - bw / 2, y, width: bw, height: m.top + hgt - y, class: "bar",
      fill: goldsteinColour(p.goldstein) });
    bar.append(s("title", { text: `${p.period}: ${p.count} events, mean Goldstein ${fmtNumber(p.goldstein)}` }));
    svg.append(bar);
    if (i % labelEvery === 0) {
      svg.append(s("text", { x: x(i), y: m.top + hgt + 16, class: "axis-label", "text-anchor": "middle",
        text: p.period }));
    }
  });
  // Goldstein line.
  const pts = series.map((p, i) => (p.goldstein === null ? null : `${x(i)},${yGold(p.goldstein)}`)).filter(Boolean);
  if (pts.length > 1) svg.append(s("polyline", { points: pts.join(" "), class: "gold-line" }));
  series.forEach((p, i) => {
    if (p.goldstein === null) return;
    const dot = s("circle", { cx: x(i), cy: yGold(p.goldstein), r: 3.5, class: "gold-dot" });
    dot.append(s("title", { text: `${p.period}: Goldstein ${fmtNumber(p.goldstein)}` }));
    svg.append(dot);
  });
  return svg;
}

export class TimelineView {
  constructor(root, ctx) {
    this.root = root;
    this.ctx = ctx;
    this.source = h("select", { id: "tl-source", onchange: () => this.reload() });
    this.target = h("select", { id: "tl-target", onchange: () => this.reload() });
    this.freq = h("select", { id: "tl-freq", onchange: () => this.reload() },
      h("option", { value: "day", text: "daily" }), h("option", { value: "week", text: "weekly" }));
    this.summary = h("div", { class: "summary", id: "timeline-summary" });
    this.plot = h("div", { class: "plot", id: "timeline-plot" });
    this.dyads = h("div", { class: "dyads" });
    replace(root, h("h2", { text: "Dyad timeline" }),
      h("div", { class: "controls" },
        h("label", {}, "source ", this.source), h("label", {}, "target ", this.target),
        h("label", {}, "step ", this.freq)),
      this.summary, this.plot,
      h("p", { class: "legend muted", text: "Bars: events per period (colour = mean Goldstein) · line: mean Goldstein (right axis)." }),
      h("h3", { text: "Dyads" }), this.dyads);
  }

  fillActors() {
    for (const select of [this.source, this.target]) {
      const keep = select.value;
      replace(select, h("option", { value: "", text: "any actor" }),
        ...this.ctx.state.actors.map((a) => h("option", { value: this.ctx.actorId(a), text: this.ctx.actorLabel(a) })));
      select.value = keep;
    }
  }

  show(filters, dyad = null) {
    this.filters = filters;
    this.fillActors();
    if (dyad) {
      this.source.value = dyad.source || "";
      this.target.value = dyad.target || "";
    }
    return this.reload();
  }

  async reload() {
    replace(this.summary, "Loading…");
    const { actor, ...rest } = this.filters || {};
    const params = { ...rest, source: this.source.value, target: this.target.value, freq: this.freq.value };
    const items = itemsOf(await getJSON("/api/timeline", params));
    const series = aggregate(items);
    const total = series.reduce((acc, p) => acc + p.count, 0);
    const who = `${this.source.value ? this.ctx.actorName(this.source.value) : "any actor"} → `
      + `${this.target.value ? this.ctx.actorName(this.target.value) : "any actor"}`;
    replace(this.summary, `${who}: ${total} events over ${series.length} ${this.freq.value === "week" ? "weeks" : "days"}`);
    const width = Math.max(600, Math.min(1200, this.plot.clientWidth || 900));
    replace(this.plot, series.length ? chart(series, { width })
      : h("p", { class: "muted", text: "No dated event for this dyad." }));
    const rows = dyadTotals(items).slice(0, 25).map((d) => h("tr", {
      class: "dyad-row", onclick: () => this.show(this.filters, d),
    },
    h("td", { text: this.ctx.actorName(d.source) }), h("td", { text: "→" }),
    h("td", { text: this.ctx.actorName(d.target) }), h("td", { class: "num", text: d.count }),
    h("td", { class: "num", text: fmtNumber(d.gn ? d.gsum / d.gn : null) })));
    replace(this.dyads, h("table", { class: "compact" },
      h("thead", {}, h("tr", {}, ...["source", "", "target", "events", "Goldstein"].map((t) => h("th", { text: t })))),
      h("tbody", {}, ...rows)));
  }
}
