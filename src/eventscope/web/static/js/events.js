// Event table: filtered, paginated, with the evidence sentence and its spans highlighted.

import { getJSON, itemsOf } from "./api.js";
import {
  QUAD_LABELS, findWord, fmtDate, fmtNumber, goldsteinColour, h, highlight, placeNote, quadColour, replace,
} from "./util.js";

const PAGE = 50;

/** Spans (relative to the evidence text) for the trigger, source and target of an event row. */
export function evidenceSpans(ev) {
  const text = ev.evidence_text || "";
  const base = Number.isInteger(ev.evidence_start) ? ev.evidence_start : null;
  const spans = [];
  const add = (cls, title, start, end, ...texts) => {
    if (base !== null && Number.isInteger(start) && Number.isInteger(end)
        && start >= base && end <= base + text.length) {
      spans.push({ start: start - base, end: end - base, cls, title });
      return;
    }
    // The longer of name and mention text first: "Karim Hadi" before a bare "Hadi".
    const ordered = texts.filter(Boolean).sort((a, b) => b.length - a.length);
    for (const candidate of ordered) {
      const hit = findWord(text, candidate);
      if (hit) { spans.push({ start: hit[0], end: hit[1], cls, title }); return; }
    }
  };
  add("hl-source", `source: ${ev.source_name || ev.source_text || "?"}`,
      ev.source_start, ev.source_end, ev.source_text, ev.source_name);
  add("hl-target", `target: ${ev.target_name || ev.target_text || "?"}`,
      ev.target_start, ev.target_end, ev.target_text, ev.target_name);
  add("hl-trigger", `trigger: ${ev.type || ""}`,
      ev.trigger_start, ev.trigger_end, ev.trigger_text);
  return spans;
}

export function evidenceNode(ev) {
  return h("span", { class: "evidence" }, highlight(ev.evidence_text || "", evidenceSpans(ev)));
}

export function typeBadge(ev) {
  return h("span", {
    class: "badge",
    title: QUAD_LABELS[ev.quad_class] || "",
    style: { background: quadColour(ev.quad_class) },
    text: ev.type || "?",
  });
}

function actorCell(name, country, sector) {
  if (!name && !country) return h("span", { class: "muted", text: "–" });
  const codes = [country, sector].filter(Boolean).join(" ");
  return h("span", { class: "actor" }, name || country, codes ? h("small", { text: ` ${codes}` }) : null);
}

/** One <tr> for an event row, plus a hidden detail row toggled by a click. */
export function eventRows(ev, { onDocument } = {}) {
  const gold = ev.goldstein;
  const row = h("tr", { class: "event-row", dataset: { eventId: ev.event_id ?? "" } },
    ev.date ? h("td", { class: "nowrap", text: fmtDate(ev.date) })
      : h("td", { class: "nowrap muted", title: "publication date (the event's own date is unknown)",
        text: fmtDate(ev.day) }),
    h("td", {}, typeBadge(ev), ev.mode ? h("small", { class: "muted", text: ` ${ev.mode}` }) : null),
    h("td", {}, actorCell(ev.source_name, ev.source_country, ev.source_sector)),
    h("td", {}, actorCell(ev.target_name, ev.target_country, ev.target_sector)),
    h("td", { class: `modality mod-${ev.modality || "asserted"}`, text: ev.modality || "asserted" }),
    h("td", { class: "num" },
      h("span", { class: "gold", style: { color: goldsteinColour(gold) }, text: fmtNumber(gold) })),
    placeCell(ev),
    h("td", { class: "evidence-cell" }, evidenceNode(ev)),
  );
  const detail = h("tr", { class: "event-detail", hidden: true },
    h("td", { attrs: { colspan: 8 } }, detailBox(ev, onDocument)));
  const toggle = () => {
    detail.hidden = !detail.hidden;
    row.classList.toggle("open", !detail.hidden);
    row.setAttribute("aria-expanded", String(!detail.hidden));
  };
  row.tabIndex = 0;
  row.setAttribute("aria-expanded", "false");
  row.addEventListener("click", toggle);
  row.addEventListener("keydown", (e) => {
    if (e.key === "Enter" || e.key === " ") { e.preventDefault(); toggle(); }
  });
  return [row, detail];
}

/** The place of an event, marked when it was inferred (not named by the event's own text). */
function placeCell(ev) {
  if (!ev.location_name) return h("td", { text: "–" });
  const note = placeNote(ev.location_precision, ev.location_inferred);
  return h("td", { class: ev.location_inferred ? "place-inferred" : null, title: note },
    ev.location_name, ev.location_inferred ? h("small", { class: "muted", text: " (inferred)" }) : null);
}

function detailBox(ev, onDocument) {
  const fields = [
    ["event", ev.event_id],
    ["CAMEO", ev.cameo],
    ["quad class", ev.quad_class ? `${ev.quad_class} · ${QUAD_LABELS[ev.quad_class] || ""}` : null],
    ["Goldstein", fmtNumber(ev.goldstein)],
    ["confidence", fmtNumber(ev.confidence, 2)],
    ["source", [ev.source_name, ev.source_country, ev.source_sector].filter(Boolean).join(" · ")],
    ["target", [ev.target_name, ev.target_country, ev.target_sector].filter(Boolean).join(" · ")],
    ["place", [ev.location_name, ev.country,
      ev.lat !== null && ev.lat !== undefined ? `${fmtNumber(ev.lat, 2)}, ${fmtNumber(ev.lon, 2)}` : null]
      .filter(Boolean).join(" · ")],
    ["place precision", ev.location_name ? placeNote(ev.location_precision, ev.location_inferred) : null],
    ["evidence offsets", Number.isInteger(ev.evidence_start) ? `${ev.evidence_start}–${ev.evidence_end}` : null],
  ];
  const dl = h("dl", { class: "kv" });
  for (const [key, value] of fields) {
    if (value === null || value === undefined || value === "") continue;
    dl.append(h("dt", { text: key }), h("dd", { text: value }));
  }
  return h("div", { class: "detail-box" }, dl,
    ev.doc_id ? h("button", {
      class: "link-button open-doc", text: `Open document ${ev.doc_id}`,
      onclick: (e) => { e.stopPropagation(); if (onDocument) onDocument(ev.doc_id, ev.event_id); },
    }) : null);
}

export function eventTable(events, opts = {}) {
  const tbody = h("tbody");
  for (const ev of events) tbody.append(...eventRows(ev, opts));
  return h("table", { class: "events" },
    h("thead", {}, h("tr", {},
      ["date", "type", "source", "target", "modality", "Goldstein", "place", "evidence"]
        .map((label) => h("th", { text: label })))),
    tbody);
}

/** The Events view: the table for the current filters, with paging. */
export class EventsView {
  constructor(root, ctx) {
    this.root = root;
    this.ctx = ctx;
    this.offset = 0;
    this.summary = h("div", { class: "summary", id: "events-summary" });
    this.tableBox = h("div", { class: "table-box" });
    this.prev = h("button", { text: "‹ previous", onclick: () => this.page(-1) });
    this.next = h("button", { text: "next ›", onclick: () => this.page(1) });
    this.pager = h("div", { class: "pager" }, this.prev, this.next);
    const legend = h("div", { class: "legend" },
      h("span", { class: "legend-item" }, h("mark", { class: "hl-source", text: "source" })),
      h("span", { class: "legend-item" }, h("mark", { class: "hl-trigger", text: "trigger" })),
      h("span", { class: "legend-item" }, h("mark", { class: "hl-target", text: "target" })),
      h("span", { class: "legend-item muted", text: "click a row for its codes and provenance" }));
    replace(root, h("h2", { text: "Events" }), this.summary, legend, this.tableBox, this.pager);
  }

  page(direction) {
    this.offset = Math.max(0, this.offset + direction * PAGE);
    this.load();
  }

  show(filters, resetPage = true) {
    this.filters = filters;
    if (resetPage) this.offset = 0;
    return this.load();
  }

  async load() {
    replace(this.summary, "Loading…");
    const payload = await getJSON("/api/events", { ...this.filters, limit: PAGE, offset: this.offset });
    const events = itemsOf(payload);
    const total = Number.isInteger(payload.total) ? payload.total : events.length;
    const last = Math.min(total, this.offset + events.length);
    replace(this.summary, total === 0 ? "No event matches these filters."
      : `${total} event${total === 1 ? "" : "s"} · showing ${this.offset + 1}–${last}`);
    replace(this.tableBox, eventTable(events, { onDocument: (id, eventId) => this.ctx.openDocument(id, eventId) }));
    this.prev.disabled = this.offset === 0;
    this.next.disabled = last >= total;
  }
}
