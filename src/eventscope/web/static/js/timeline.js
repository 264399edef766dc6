// Dyad timeline: event counts per period (bars) and mean Goldstein (line), drawn as plain SVG.

import { getJSON, itemsOf } from "./api.js";
import { QUAD_LABELS, plural, fmtNumber, goldsteinColour, h, quadColour, replace, s } from "./util.js";

const gold = (o) => (o.goldstein_mean !== undefined ? o.goldstein_mean : o.goldstein);

/** Merge timeline points into one series: [{period, count, goldstein, q1..q4}] by period. */
export function aggregate(points) {
  const byPeriod = new Map();
  for (const item of points) {
    const key = String(item.period).slice(0, 10);
    const cur = byPeriod.get(key) || { period: key, count: 0, gsum: 0, gn: 0, q1: 0, q2: 0, q3: 0, q4: 0 };
    const count = Number(item.count) || 0;
    cur.count += count;
    for (const q of ["q1", "q2", "q3", "q4"]) cur[q] += Number(item[q]) || 0;
    const g = gold(item);
    if (g !== null && g !== undefined && count > 0) {
      cur.gsum += Number(g) * count;
      cur.gn += count;
    }
    byPeriod.set(key, cur);
  }
  return [...byPeriod.values()]
    .sort((a, b) => (a.period < b.period ? -1 : 1))
    .map(({ gsum, gn, ...p }) => ({ ...p, goldstein: gn ? gsum / gn : null }));
}

function dyadTotals(items) {
  const totals = new Map();
  for (const item of items) {
    const key = `${item.source}\u0000${item.target}`;
    const cur = totals.get(key) || { source: item.source, target: item.target, count: 0, gsum: 0, gn: 0 };
    const count = Number(item.count) || 0;
    cur.count += count;
    const g = gold(item);
    if (g !== null && g !== undefined && count > 0) { cur.gsum += Number(g) * count; cur.gn += count; }
    totals.set(key, cur);
  }
  return [...totals.values()].sort((a, b) => b.count - a.count)
    .map(({ gsum, gn, ...d }) => ({ ...d, goldstein: gn ? gsum / gn : null }));
}

/**
 * Read either timeline shape: `{series: [{source, target, source_name, target_name, count,
 * goldstein_mean, points: [{period, count, goldstein_mean, q1..q4}]}]}` (analysis.dyad_timeline)
 * or `{items: [{period, source, target, count, goldstein}]}`.
 * RETURNS {series: [{period, count, goldstein, q1..q4}], dyads: [{source, target, ...}]}.
 */
export function normalise(payload) {
  if (payload && Array.isArray(payload.series)) {
    const points = payload.series.flatMap((sr) => sr.points || []);
    const dyads = payload.series.map((sr) => ({
      source: sr.source, target: sr.target, source_name: sr.source_name, target_name: sr.target_name,
      count: Number(sr.count) || 0, goldstein: gold(sr),
    })).sort((a, b) => b.count - a.count);
    return { series: aggregate(points), dyads };
  }
  const items = itemsOf(payload);
  return { series: aggregate(items), dyads: dyadTotals(items) };
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
  const stacked = series.some((p) => p.q1 + p.q2 + p.q3 + p.q4 > 0);
  series.forEach((p, i) => {
    const bw = Math.max(2, Math.min(40, band * 0.7));
    const tip = `${p.period}: ${p.count} events, mean Goldstein ${fmtNumber(p.goldstein)}`;
    // Stack material conflict at the bottom, then verbal conflict, material and verbal cooperation.
    const parts = stacked
      ? [[4, p.q4], [3, p.q3], [2, p.q2], [1, p.q1], [0, Math.max(0, p.count - p.q1 - p.q2 - p.q3 - p.q4)]]
      : [[null, p.count]];
    let base = 0;
    for (const [quad, n] of parts) {
      if (!n) continue;
      const y0 = yCount(base);
      const y1 = yCount(base + n);
      const bar = s("rect", { x: x(i) - bw / 2, y: y1, width: bw, height: Math.max(0, y0 - y1),
        class: "bar", fill: quad === null ? goldsteinColour(p.goldstein) : quadColour(quad) });
      bar.append(s("title", { text: quad ? `${tip} · ${QUAD_LABELS[quad]}: ${n}` : tip }));
      svg.append(bar);
      base += n;
    }
    if (i % labelEvery === 0) {
      svg.append(s("text", { x: x(i), y: m.top + hgt + 16, class: "axis-label", "text-anchor": "middle",
        text: p.period }));
    }
  });
  // Goldstein line.
  // The Goldstein line breaks where a period has no event (no mean to draw).
  let run = [];
  const flush = () => {
    if (run.length > 1) svg.append(s("polyline", { points: run.join(" "), class: "gold-line" }));
    run = [];
  };
  series.forEach((p, i) => {
    if (p.goldstein === null || p.goldstein === undefined) flush();
    else run.push(`${x(i)},${yGold(p.goldstein)}`);
  });
  flush();
  series.forEach((p, i) => {
    if (p.goldstein === null || p.goldstein === undefined) return;
    const dot = s("circle", { cx: x(i), cy: yGold(p.goldstein), r: 3.5, class: "gold-dot" });
    dot.append(s("title", { text: `${p.period}: Goldstein ${fmtNumber(p.goldstein)}` }));
    svg.append(dot);
  });
  return svg;
}

const MAX_PERIODS = 240;
const LEVEL_CLASS = { escalating: "lvl-up", "de-escalating": "lvl-down" };

export class TimelineView {
  constructor(root, ctx) {
    this.root = root;
    this.ctx = ctx;
    const go = () => this.ctx.openTimeline(this.source.value, this.target.value);
    this.source = h("select", { id: "tl-source", onchange: go });
    this.target = h("select", { id: "tl-target", onchange: go });
    this.freq = h("select", { id: "tl-freq", onchange: () => this.reload() },
      h("option", { value: "auto", text: "auto" }), h("option", { value: "day", text: "daily" }),
      h("option", { value: "week", text: "weekly" }), h("option", { value: "month", text: "monthly" }));
    this.summary = h("div", { class: "summary", id: "timeline-summary" });
    this.plot = h("div", { class: "plot", id: "timeline-plot" });
    this.dyads = h("div", { class: "dyads" });
    this.escBy = h("select", { id: "esc-by", onchange: () => this.loadEscalation() },
      h("option", { value: "dyad", text: "actor dyads" }),
      h("option", { value: "country_dyad", text: "country dyads" }),
      h("option", { value: "country", text: "countries" }));
    this.escalation = h("div", { class: "escalation", id: "escalation" });
    this.escSummary = h("div", { class: "summary muted" });
    replace(root, h("h2", { text: "Dyad timeline" }),
      h("div", { class: "controls" },
        h("label", {}, "source ", this.source), h("label", {}, "target ", this.target),
        h("label", {}, "step ", this.freq)),
      this.summary, this.plot,
      h("div", { class: "legend" },
        ...[4, 3, 2, 1].map((q) => h("span", { class: "legend-item" },
          h("span", { class: "swatch block", style: { background: quadColour(q) } }), QUAD_LABELS[q])),
        h("span", { class: "legend-item muted", text: "bars: events per period · line: mean Goldstein (right axis)" })),
      h("div", { class: "two-col" },
        h("div", {}, h("h3", { text: "Most active dyads" }), this.dyads),
        h("div", {}, h("h3", {}, "Escalation signals ", this.escBy), this.escSummary, this.escalation)));
  }

  fillActors() {
    for (const select of [this.source, this.target]) {
      replace(select, h("option", { value: "", text: "any actor" }),
        ...this.ctx.state.actors.map((a) => h("option", { value: this.ctx.actorId(a), text: this.ctx.actorLabel(a) })));
    }
  }

  show(filters) {
    this.filters = filters;
    this.fillActors();
    for (const [select, value] of [[this.source, filters.source], [this.target, filters.target]]) {
      if (value && ![...select.options].some((o) => o.value === value)) {
        select.append(h("option", { value, text: this.ctx.actorName(value) }));
      }
      select.value = value || "";
    }
    return Promise.all([this.reload(), this.loadEscalation()]);
  }

  /** The step for "auto": the finest of day/week/month that keeps the span under MAX_PERIODS / 2,
   * judged from the date filters or else the store's first and last event day (no extra request). */
  autoFreq() {
    const stats = this.ctx.state.stats || {};
    const first = (this.filters && this.filters.date_from) || stats.first_day;
    const last = (this.filters && this.filters.date_to) || stats.last_day;
    const days = first && last ? (Date.parse(last) - Date.parse(first)) / 86400000 : 0;
    if (!(days >= 0)) return "day";
    if (days <= MAX_PERIODS / 2) return "day";
    if (days / 7 <= MAX_PERIODS / 2) return "week";
    return "month";
  }

  async reload() {
    replace(this.summary, "Loading…");
    const { actor, ...rest } = this.filters || {};
    const dyad = Boolean(this.source.value || this.target.value);
    const params = { ...rest, source: this.source.value, target: this.target.value, top: 15 };
    const freq = this.freq.value === "auto" ? this.autoFreq() : this.freq.value;
    const payload = await getJSON("/api/timeline", { ...params, freq });
    const { dyads } = normalise(payload);
    // No dyad chosen: the series of every matching event (``overall``), not just the top dyads.
    let series = !dyad && Array.isArray(payload.overall) ? aggregate(payload.overall) : normalise(payload).series;
    const total = series.reduce((acc, p) => acc + p.count, 0);
    // Very long spans (often a few events dated decades back) would squash the chart: keep the
    // most recent periods and say what was left out.
    let note = "";
    if (series.length > MAX_PERIODS) {
      const cut = series.length - MAX_PERIODS;
      const hidden = series.slice(0, cut).reduce((acc, p) => acc + p.count, 0);
      series = series.slice(cut);
      note = ` · ${plural(hidden, "earlier event")} (before ${series[0].period}) not drawn: set a date range to see them`;
    }
    const name = (id, fallback) => (id && this.ctx.state.actorsByKey.has(String(id))
      ? this.ctx.actorName(id) : fallback || (id ? String(id) : "any actor"));
    const who = dyad ? `${name(this.source.value)} → ${name(this.target.value)}` : "All events";
    const step = { day: "day", week: "week", month: "month" }[freq] || "period";
    replace(this.summary, `${who}: ${plural(total, "event")} · ${step === "day" ? "daily" : `${step}ly`} `
      + `over ${plural(series.length, step)}${note}`);
    const width = Math.max(600, Math.min(1200, this.plot.clientWidth || 900));
    replace(this.plot, series.length ? chart(series, { width })
      : h("p", { class: "muted", text: "No dated event for this selection." }));
    const rows = dyads.slice(0, 25).map((d) => h("tr", {
      class: "dyad-row", onclick: () => this.ctx.openTimeline(d.source, d.target),
    },
    h("td", { text: name(d.source, d.source_name) }), h("td", { text: "→" }),
    h("td", { text: name(d.target, d.target_name) }), h("td", { class: "num", text: d.count }),
    h("td", { class: "num", text: fmtNumber(d.goldstein) })));
    replace(this.dyads, rows.length ? h("table", { class: "compact" },
      h("thead", {}, h("tr", {}, ...["source", "", "target", "events", "Goldstein"].map((x) => h("th", { text: x })))),
      h("tbody", {}, ...rows)) : h("p", { class: "muted", text: "No dyad." }));
  }

  /** The escalation windows from the data's own dates (the filters, else the store's first and
   * last event day), never from today: the recent window is an eighth of the span (7 to 90 days)
   * ending on the last day, and the baseline the four windows before it. */
  escWindows() {
    const stats = this.ctx.state.stats || {};
    const first = (this.filters && this.filters.date_from) || stats.first_day;
    const last = (this.filters && this.filters.date_to) || stats.last_day;
    const days = first && last ? (Date.parse(last) - Date.parse(first)) / 86400000 + 1 : 0;
    if (!(days > 0)) return {};
    const window = Math.max(7, Math.min(90, Math.round(days / 8)));
    return { window, baseline: 4 * window, end: last };
  }

  async loadEscalation() {
    const { actor, source, target, ...rest } = this.filters || {};
    let payload;
    try {
      payload = await getJSON("/api/escalation", { ...rest, ...this.escWindows(), by: this.escBy.value, limit: 15 });
    } catch (err) {
      replace(this.escalation, h("p", { class: "muted", text: `No escalation data (${err.message}).` }));
      return;
    }
    const signals = payload.signals || [];
    replace(this.escSummary, payload.window
      ? `recent ${payload.window[0]} → ${payload.window[1]} vs baseline ${payload.baseline[0]} → ${payload.baseline[1]}` : "");
    const by = this.escBy.value;
    const rows = signals.map((sg) => {
      const names = (sg.names || [].concat(sg.unit)).map((n) => n ?? "?");
      const row = h("tr", { class: "esc-row", title: "events behind this signal in the Events view" },
        h("td", { text: names.join(" → ") }),
        h("td", {}, h("span", { class: `level ${LEVEL_CLASS[sg.level] || ""}`, text: sg.level || "–" })),
        h("td", { class: "num", text: fmtNumber(sg.score, 2) }),
        h("td", { class: "num", text: `${sg.recent?.events ?? 0} / ${sg.baseline?.events ?? 0}` }),
        h("td", { class: "num", text: sg.delta_goldstein === null || sg.delta_goldstein === undefined
          ? "–" : `${sg.delta_goldstein > 0 ? "+" : ""}${fmtNumber(sg.delta_goldstein)}` }));
      row.addEventListener("click", () => {
        const unit = [].concat(sg.unit);
        if (by === "dyad") this.ctx.openTimeline(unit[0], unit[1]);
        else this.ctx.filterBy({ country: unit[0] });
      });
      return row;
    });
    replace(this.escalation, rows.length ? h("table", { class: "compact" },
      h("thead", {}, h("tr", {}, ...["unit", "level", "score", "events recent / baseline", "Δ Goldstein"]
        .map((x) => h("th", { text: x })))),
      h("tbody", {}, ...rows)) : h("p", { class: "muted", text: "No signal for these filters." }));
  }
}
