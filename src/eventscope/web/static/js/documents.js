// Documents: a list, and a reading view with the brief, the actors, and the events marked inline.

import { getJSON, itemsOf, postJSON } from "./api.js";
import { eventTable } from "./events.js";
import { QUAD_LABELS, colourFor, fmtDate, h, highlight, plural, quadColour, replace } from "./util.js";

export class DocumentsView {
  constructor(root, ctx) {
    this.root = root;
    this.ctx = ctx;
    this.search = h("input", { type: "search", id: "doc-search", placeholder: "filter by title or id…",
      oninput: () => this.renderList() });
    this.summary = h("div", { class: "summary", id: "documents-summary" });
    this.listBox = h("div", { class: "doc-list" });
    this.detail = h("article", { class: "doc", id: "doc-view" });
    this.items = [];
    replace(root, h("h2", { text: "Documents" }),
      h("div", { class: "controls" }, this.search), this.summary,
      h("div", { class: "doc-wrap" }, this.listBox, this.detail), this.addForm());
  }

  addForm() {
    const text = h("textarea", { id: "add-text", rows: 6, placeholder: "Paste a news article…" });
    const title = h("input", { id: "add-title", placeholder: "title (optional)" });
    const date = h("input", { id: "add-date", type: "date" });
    const token = h("input", { id: "add-token", type: "password", placeholder: "API token",
      autocomplete: "off" });
    const status = h("span", { class: "muted", id: "add-status" });
    const submit = h("button", { type: "submit", text: "Code and store", onclick: async () => {
      replace(status, "Coding…");
      try {
        const body = { text: text.value };
        if (title.value) body.title = title.value;
        if (date.value) body.date = date.value;
        const result = await postJSON("/api/documents", body, token.value);
        const first = result && Array.isArray(result.documents) ? result.documents[0] : result;
        const id = first && (first.doc_id || first.id);
        const verb = first && first.status === "exists" ? "Already stored" : "Stored";
        replace(status, `${verb}${id ? ` as ${id}` : ""}.`);
        text.value = "";
        this.ctx.refresh();
        if (id) this.ctx.openDocument(id);
      } catch (err) {
        replace(status, h("span", { class: "error", text: err.message }));
      }
    } });
    const form = h("form", { class: "add-grid", onsubmit: (e) => e.preventDefault() },
      text, h("div", { class: "add-side" }, title, date, token, submit, status));
    return h("details", { class: "add-doc" }, h("summary", { text: "Add a document" }), form);
  }

  async show(docId = null, eventId = null) {
    const payload = await getJSON("/api/documents", { limit: 500 });
    this.items = itemsOf(payload);
    this.total = Number.isInteger(payload.total) ? payload.total : this.items.length;
    this.renderList();
    if (docId) await this.open(docId, eventId);
    else if (!this.current) {
      replace(this.detail, h("p", { class: "muted", text: "Choose a document on the left." }));
    }
  }

  renderList() {
    const q = this.search.value.trim().toLowerCase();
    const shown = this.items.filter((d) => !q || `${d.title || ""} ${d.doc_id}`.toLowerCase().includes(q));
    replace(this.summary, `${this.total} document${this.total === 1 ? "" : "s"}`);
    replace(this.listBox, h("ul", {}, ...shown.map((d) => h("li", {
      class: d.doc_id === this.current ? "current" : "",
      dataset: { docId: d.doc_id },
    }, h("a", { href: `#/documents/${encodeURIComponent(d.doc_id)}`, text: d.title || d.doc_id }),
    h("div", { class: "muted small", text: [fmtDate(d.date),
      d.n_events !== undefined ? plural(d.n_events, "event") : null].filter(Boolean).join(" · ") }),
    d.brief_summary ? h("div", { class: "snippet", text: d.brief_summary }) : null))));
  }

  async open(docId, eventId = null) {
    this.current = docId;
    this.renderList();
    replace(this.detail, "Loading…");
    const doc = await getJSON(`/api/documents/${encodeURIComponent(docId)}`);
    replace(this.detail, ...this.renderDocument(doc));
    if (eventId) this.focusEvent(doc, eventId);
  }

  /** Scroll to an event's evidence in the text and mark it (arrival from the Events view). */
  focusEvent(doc, eventId) {
    const index = (doc.events || []).findIndex((e) => e.event_id === eventId);
    if (index < 0) return;
    const marks = this.detail.querySelectorAll(`#doc-text mark.ev-${index}`);
    marks.forEach((m) => m.classList.add("focus"));
    if (marks.length) marks[0].scrollIntoView({ block: "center" });
  }

  renderDocument(doc) {
    const brief = doc.brief || {};
    const actors = doc.actors || [];
    const events = doc.events || [];
    const quotes = doc.quotes || [];
    const head = h("header", {},
      h("h2", { class: "doc-title", text: doc.title || doc.doc_id }),
      h("div", { class: "muted" }, `${fmtDate(doc.date)} · ${doc.doc_id}`,
        doc.url ? h("span", {}, " · ", h("span", { class: "url", text: doc.url })) : null));
    const briefBox = h("section", { class: "brief", id: "doc-brief" }, h("h3", { text: "Brief" }),
      h("p", { class: "brief-summary", text: brief.summary || "(no summary)" }),
      (brief.key_points || []).length ? h("ul", {}, ...brief.key_points.map((k) => h("li", { text: k }))) : null);
    const actorBox = h("section", { class: "doc-actors" }, h("h3", { text: `Actors (${actors.length})` }),
      h("div", { class: "chips" }, ...actors.map((a) => h("span", {
        class: "chip", title: [a.kind, a.sector].filter(Boolean).join(" · "),
      }, h("span", { class: "dot", style: { background: colourFor(a.country || a.name) } }),
      a.name || a.actor_key || a.id, a.country ? h("small", { text: ` ${a.country}` }) : null,
      a.sector ? h("small", { text: ` ${a.sector}` }) : null))));
    const textBox = h("section", { class: "doc-text-box" }, h("h3", { text: "Text" }),
      h("div", { class: "doc-text", id: "doc-text" }, this.markedText(doc.text || "", actors, events)));
    const quoteBox = quotes.length ? h("section", {}, h("h3", { text: `Quotes (${quotes.length})` }),
      h("ul", { class: "quotes" }, ...quotes.map((q) => h("li", {},
        h("q", { text: q.text }), q.speaker_text || q.speaker_name || q.speaker
          ? h("small", { class: "muted", text: ` — ${q.speaker_text || q.speaker_name || q.speaker}` }) : null)))) : null;
    const eventBox = h("section", {}, h("h3", { text: `Events (${events.length})` }),
      events.length ? eventTable(events) : h("p", { class: "muted", text: "No event coded." }));
    return [head, briefBox, actorBox, textBox, eventBox, quoteBox];
  }

  /** The article text with actor mentions and event evidence marked, and a badge per event. */
  markedText(text, actors, events) {
    const spans = [];
    for (const actor of actors) {
      for (const m of actor.mentions || []) {
        spans.push({ start: m.start, end: m.end, cls: "hl-mention", title: actor.name || "" });
      }
    }
    const after = {};
    events.forEach((ev, index) => {
      const start = ev.evidence_start;
      const end = ev.evidence_end;
      if (!Number.isInteger(start) || !Number.isInteger(end)) return;
      spans.push({ start, end, cls: `hl-evidence q${ev.quad_class || 0} ev-${index}`,
        title: `${ev.type} · ${QUAD_LABELS[ev.quad_class] || ""}` });
      if (Number.isInteger(ev.trigger_start) && Number.isInteger(ev.trigger_end)) {
        spans.push({ start: ev.trigger_start, end: ev.trigger_end, cls: "hl-trigger", title: ev.type });
      }
      const who = [ev.source_name, ev.target_name].filter(Boolean).join(" → ");
      (after[end] = after[end] || []).push(h("span", {
        class: "ev-tag", style: { background: quadColour(ev.quad_class) },
        title: who, text: ev.type || "?",
      }));
    });
    return highlight(text, spans, after);
  }
}
