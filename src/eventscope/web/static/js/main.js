// Dashboard entry point: the filter bar, the tabs and hash routing (#/events?type=ASSAULT,
// #/documents/<id>, ...). Each view lives in its own module and is built once.

import { getJSON, itemsOf } from "./api.js";
import { DocumentsView } from "./documents.js";
import { EventsView } from "./events.js";
import { MapView } from "./map.js";
import { NetworkView } from "./network.js";
import { TimelineView } from "./timeline.js";
import { MODALITIES, PLOVER_TYPES, QUAD_LABELS, debounce, h, plural, replace } from "./util.js";

// Query parameters of the API's event filters (eventscope.api.deps.filter_params).
const FILTER_KEYS = ["type", "country", "actor", "modality", "quad_class", "date_from", "date_to", "q",
  "source", "target", "doc"];
const VIEWS = ["events", "network", "timeline", "map", "documents"];

const state = { actors: [], actorsByKey: new Map(), filters: {} };

/** The id an actor is filtered by: the store's global ``actor_id`` (``ac-…``). */
export function actorId(actor) {
  return String(actor.actor_id ?? actor.id ?? actor.actor_key);
}

const ctx = {
  state,
  actorId,
  actorName(key) {
    const actor = state.actorsByKey.get(String(key));
    return actor ? actor.name || String(key) : String(key ?? "–");
  },
  actorLabel(actor) {
    return actor.country && actor.country !== actor.name ? `${actor.name} (${actor.country})` : actor.name;
  },
  openDocument(id, eventId = null) { navigate("documents", eventId ? { ev: eventId } : {}, id); },
  openTimeline(source, target) { navigate("timeline", { ...state.filters, source, target }); },
  openDyadEvents(source, target) { navigate("events", { ...state.filters, actor: "", source, target }); },
  filterBy(extra) { navigate("events", { ...state.filters, ...extra }); },
  refresh() { Promise.all([loadActors(), loadStats()]).then(() => { fillCountries(); route(); }); },
};

function showError(err) {
  const banner = document.getElementById("error");
  replace(banner, err && err.message ? err.message : String(err));
  banner.hidden = false;
}

/** Build the location hash for a view, its filters and an optional id. */
function hashFor(view, params = {}, id = null) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  const qs = query.toString();
  return `#/${view}${id ? `/${encodeURIComponent(id)}` : ""}${qs ? `?${qs}` : ""}`;
}

function navigate(view, params = {}, id = null) {
  const hash = hashFor(view, params, id);
  if (window.location.hash === hash) route();
  else window.location.hash = hash;
}

function parseHash() {
  const raw = window.location.hash.replace(/^#\/?/, "");
  const [path, qs = ""] = raw.split("?");
  const [view, ...rest] = path.split("/");
  const params = Object.fromEntries(new URLSearchParams(qs));
  return { view: VIEWS.includes(view) ? view : "events", id: rest.length ? decodeURIComponent(rest.join("/")) : null, params };
}

// ---------------------------------------------------------------------------- filter bar
const inputs = {};

function buildFilterBar() {
  inputs.type = h("select", { id: "f-type" }, h("option", { value: "", text: "any type" }),
    ...PLOVER_TYPES.map((t) => h("option", { value: t, text: t })));
  inputs.country = h("select", { id: "f-country" }, h("option", { value: "", text: "any country" }));
  inputs.actor = h("select", { id: "f-actor" }, h("option", { value: "", text: "any actor" }));
  inputs.modality = h("select", { id: "f-modality" }, h("option", { value: "", text: "any modality" }),
    ...MODALITIES.map((m) => h("option", { value: m, text: m })));
  inputs.quad_class = h("select", { id: "f-quad" }, h("option", { value: "", text: "any quad class" }),
    ...[1, 2, 3, 4].map((q) => h("option", { value: String(q), text: `${q} · ${QUAD_LABELS[q]}` })));
  inputs.date_from = h("input", { id: "f-from", type: "date", title: "first day" });
  inputs.date_to = h("input", { id: "f-to", type: "date", title: "last day" });
  inputs.q = h("input", { id: "f-q", type: "search", placeholder: "words in the evidence", maxLength: 200 });
  // Set by links (a dyad, a document), shown as removable chips rather than inputs.
  for (const key of ["source", "target", "doc"]) inputs[key] = h("input", { id: `f-${key}`, type: "hidden" });
  const chips = h("span", { id: "filter-chips", class: "filter-chips" });
  const apply = h("button", { id: "f-apply", class: "primary", type: "submit", text: "Apply" });
  const reset = h("button", { id: "f-reset", type: "button", text: "Reset", onclick: () => {
    for (const key of FILTER_KEYS) inputs[key].value = "";
    navigate(currentView(), {});
  } });
  const form = h("form", { id: "filters", class: "filters", onsubmit: (e) => {
    e.preventDefault();
    navigate(currentView() === "documents" ? "events" : currentView(), readFilters());
  } },
  h("label", {}, "type", inputs.type), h("label", {}, "quad class", inputs.quad_class),
  h("label", {}, "country", inputs.country), h("label", {}, "actor", inputs.actor),
  h("label", {}, "modality", inputs.modality),
  h("label", {}, "from", inputs.date_from), h("label", {}, "to", inputs.date_to),
  h("label", {}, "text", inputs.q), inputs.source, inputs.target, inputs.doc, apply, reset, chips);
  replace(document.getElementById("filter-bar"), form);
}

function readFilters() {
  const out = {};
  for (const key of FILTER_KEYS) if (inputs[key].value) out[key] = inputs[key].value;
  return out;
}

function writeFilters(params) {
  for (const key of FILTER_KEYS) {
    const value = params[key] || "";
    const input = inputs[key];
    if (input.tagName === "SELECT" && value && ![...input.options].some((o) => o.value === value)) {
      input.append(h("option", { value, text: value }));
    }
    input.value = value;
  }
  const labels = { source: "source", target: "target", doc: "document" };
  replace(document.getElementById("filter-chips"), ...["source", "target", "doc"]
    .filter((key) => params[key])
    .map((key) => h("span", { class: "chip filter-chip" },
      `${labels[key]}: ${key === "doc" ? params[key] : ctx.actorName(params[key])}`,
      h("button", { type: "button", class: "chip-x", title: "remove", text: "×", onclick: () => {
        inputs[key].value = "";
        navigate(currentView(), readFilters());
      } }))));
}

async function loadStats() {
  const box = document.getElementById("stats");
  try {
    const stats = await getJSON("/api/stats");
    state.stats = stats;
    const counts = stats.counts || {};
    const range = stats.first_day ? ` · ${stats.first_day} → ${stats.last_day}` : "";
    replace(box, `${plural(counts.documents ?? 0, "document")} · ${plural(counts.events ?? 0, "event")}`
      + ` · ${plural(stats.distinct_actors ?? 0, "actor")}${range}`);
  } catch (_) {
    replace(box, "");
  }
}

async function loadActors() {
  const actors = itemsOf(await getJSON("/api/actors", { limit: 1000 }));
  actors.sort((a, b) => (b.n_events || 0) - (a.n_events || 0) || String(a.name).localeCompare(String(b.name)));
  state.actors = actors;
  state.actorsByKey = new Map(actors.map((a) => [actorId(a), a]));
  const keepActor = inputs.actor.value;
  replace(inputs.actor, h("option", { value: "", text: "any actor" }),
    ...actors.map((a) => h("option", { value: actorId(a), text: ctx.actorLabel(a) })));
  inputs.actor.value = keepActor;
}

/** Country choices: the actors' countries and the countries where events happened. */
function fillCountries() {
  const fromPlaces = ((state.stats && state.stats.countries) || []).map((c) => c.country);
  const countries = [...new Set([...state.actors.map((a) => a.country), ...fromPlaces].filter(Boolean))].sort();
  const keep = inputs.country.value;
  replace(inputs.country, h("option", { value: "", text: "any country" }),
    ...countries.map((c) => h("option", { value: c, text: c })));
  if (keep && !countries.includes(keep)) inputs.country.append(h("option", { value: keep, text: keep }));
  inputs.country.value = keep;
}

// ---------------------------------------------------------------------------- views
const views = {};
let active = null;

function currentView() { return parseHash().view; }

function makeViews() {
  const main = document.getElementById("views");
  for (const name of VIEWS) {
    const section = h("section", { id: `view-${name}`, class: "view", hidden: true });
    main.append(section);
  }
  views.events = new EventsView(document.getElementById("view-events"), ctx);
  views.network = new NetworkView(document.getElementById("view-network"), ctx);
  views.timeline = new TimelineView(document.getElementById("view-timeline"), ctx);
  views.map = new MapView(document.getElementById("view-map"), ctx);
  views.documents = new DocumentsView(document.getElementById("view-documents"), ctx);
}

async function route() {
  const { view, id, params } = parseHash();
  const filters = {};
  for (const key of FILTER_KEYS) if (params[key]) filters[key] = params[key];
  state.filters = filters;
  writeFilters(filters);
  document.getElementById("error").hidden = true;
  for (const name of VIEWS) {
    document.getElementById(`view-${name}`).hidden = name !== view;
    const tab = document.querySelector(`nav a[data-view="${name}"]`);
    if (tab) tab.classList.toggle("active", name === view);
  }
  document.getElementById("filter-bar").classList.toggle("dim", view === "documents");
  active = view;
  document.body.dataset.view = view;
  document.body.dataset.ready = "loading";
  try {
    if (view === "events") await views.events.show(filters);
    else if (view === "network") await views.network.show(filters);
    else if (view === "timeline") {
      await views.timeline.show(filters);
    } else if (view === "map") await views.map.show(filters);
    else if (view === "documents") await views.documents.show(id, params.ev || null);
  } catch (err) {
    showError(err);
  } finally {
    if (active === view) document.body.dataset.ready = view;
  }
}

function buildNav() {
  const nav = document.getElementById("tabs");
  const labels = { events: "Events", network: "Network", timeline: "Timeline", map: "Map", documents: "Documents" };
  replace(nav, ...VIEWS.map((name) => h("a", {
    href: `#/${name}`, dataset: { view: name }, text: labels[name],
    onclick: (e) => { e.preventDefault(); navigate(name, name === "documents" ? {} : state.filters); },
  })));
}

async function start() {
  buildNav();
  buildFilterBar();
  makeViews();
  try {
    await Promise.all([loadActors(), loadStats()]);
    fillCountries();
  } catch (err) {
    showError(err);
  }
  window.addEventListener("hashchange", route);
  window.addEventListener("resize", debounce(() => {
    if (active === "network") views.network.resize();
    if (active === "map") views.map.resize();
  }, 250));
  await route();
}

start();
