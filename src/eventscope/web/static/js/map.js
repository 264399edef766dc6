// Map of event places over an offline basemap: Natural Earth country outlines (packaged GeoJSON)
// shaded by events per country, with a circle per place. Drawn by the vendored Leaflet as SVG.

import { getJSON, itemsOf } from "./api.js";
import { PRECISION_LABELS, PRECISION_SHORT, h, plural, replace } from "./util.js";

const BASEMAP = "/static/vendor/world-atlas/countries-110m.geojson";

function shade(n, max) {
  if (!n) return "#f4f1ea";
  const t = Math.sqrt(n / Math.max(max, 1));
  const light = Math.round(88 - 40 * t);
  return `hsl(210, 55%, ${light}%)`;
}

/** A place's tooltip: name, country, events, how exact the point is, and how many were inferred. */
export function placeTip(p) {
  const n = p.n_events || 0;
  const lines = [h("b", { text: p.name || "?" }), ` ${p.country || ""} · ${plural(n, "event")}`];
  const level = PRECISION_LABELS[p.precision] || p.precision;
  lines.push(h("br"), `precision: ${level ? `${level} level` : "unknown"}`);
  if (p.n_inferred) {
    lines.push(h("br"), p.inferred ? "inferred from the story (dateline or focus), not named for these events"
      : `${p.n_inferred} of ${n} inferred from the story`);
  }
  return h("span", { class: "place-tip" }, ...lines);
}

export class MapView {
  constructor(root, ctx) {
    this.root = root;
    this.ctx = ctx;
    this.summary = h("div", { class: "summary", id: "map-summary" });
    this.box = h("div", { class: "map", id: "map" });
    this.list = h("div", { class: "places" });
    const legend = h("div", { class: "legend", id: "map-legend" },
      h("span", { class: "legend-item" }, h("span", { class: "marker-key" }), "named for the event in its text"),
      h("span", { class: "legend-item" }, h("span", { class: "marker-key inferred" }),
        "inferred from the story (dateline or focus)"),
      h("span", { class: "legend-item muted", text: "hover a place for how exact it is" }));
    replace(root, h("h2", { text: "Places" }), this.summary, legend,
      h("div", { class: "map-wrap" }, this.box, this.list));
    this.map = null;
    this.countries = null;
    this.markers = null;
  }

  async ensureMap() {
    if (this.map) return;
    if (!window.L) throw new Error("map library missing");
    const L = window.L;
    this.map = L.map(this.box, {
      attributionControl: false, worldCopyJump: true, minZoom: 1, maxZoom: 9, zoomSnap: 0.25,
      preferCanvas: false,
    }).setView([25, 30], 2);
    const geo = await (await fetch(BASEMAP)).json();
    this.countries = L.geoJSON(geo, {
      style: () => ({ color: "#8a96a3", weight: 0.7, fillColor: "#f4f1ea", fillOpacity: 1 }),
      onEachFeature: (feature, layer) => {
        layer.bindTooltip(() => this.countryTip(feature), { sticky: true });
        layer.on("click", () => {
          const iso = feature.properties.iso3;
          if (iso && this.countByIso[iso]) this.ctx.filterBy({ country: iso });
        });
      },
    }).addTo(this.map);
    this.markers = L.layerGroup().addTo(this.map);
    this.countByIso = {};
  }

  countryTip(feature) {
    const iso = feature.properties.iso3;
    const n = this.countByIso[iso] || 0;
    return h("span", {}, h("b", { text: feature.properties.name }), ` · ${n} event${n === 1 ? "" : "s"}`);
  }

  async show(filters) {
    this.filters = filters;
    replace(this.summary, "Loading…");
    await this.ensureMap();
    this.map.invalidateSize();
    const places = itemsOf(await getJSON("/api/places", filters));
    this.draw(places);
  }

  draw(places) {
    const L = window.L;
    this.markers.clearLayers();
    const counts = {};
    let located = 0;
    for (const p of places) {
      if (p.country) counts[p.country] = (counts[p.country] || 0) + (p.n_events || 0);
    }
    this.countByIso = counts;
    const maxCountry = Math.max(1, ...Object.values(counts));
    this.countries.setStyle((feature) => ({
      color: "#8a96a3", weight: 0.7, fillOpacity: 1,
      fillColor: shade(counts[feature.properties.iso3] || 0, maxCountry),
    }));
    const maxPlace = Math.max(1, ...places.map((p) => p.n_events || 1));
    const bounds = [];
    // Biggest first, so smaller circles stay on top and clickable.
    for (const p of [...places].sort((a, b) => (b.n_events || 0) - (a.n_events || 0))) {
      if (typeof p.lat !== "number" || typeof p.lon !== "number") continue;
      located += 1;
      const radius = 3 + 13 * Math.sqrt((p.n_events || 1) / maxPlace);
      // A place only inferred from the story (every event there) is drawn hollow and dashed: the
      // text never said the events happened there.
      const marker = L.circleMarker([p.lat, p.lon], p.inferred
        ? { radius, color: "#8d1c2b", weight: 2, dashArray: "3 3", fill: false,
          className: "place-marker place-inferred" }
        : { radius, color: "#8d1c2b", weight: 1, fillColor: "#e63946", fillOpacity: 0.55,
          className: "place-marker" });
      marker.bindTooltip(placeTip(p), { direction: "top" });
      marker.on("click", () => this.ctx.filterBy({ country: p.country || "" }));
      marker.addTo(this.markers);
      bounds.push([p.lat, p.lon]);
    }
    if (bounds.length) {
      this.map.fitBounds(L.latLngBounds(bounds).pad(0.15), { maxZoom: 5 });
    } else {
      this.map.setView([25, 30], 2);
    }
    replace(this.summary, `${located} located place${located === 1 ? "" : "s"}`
      + ` · ${Object.keys(counts).length} countr${Object.keys(counts).length === 1 ? "y" : "ies"}`
      + " · click a place or a shaded country for its events");
    const rows = [...places].sort((a, b) => (b.n_events || 0) - (a.n_events || 0)).slice(0, 30)
      .map((p) => h("tr", { class: p.inferred ? "place-inferred" : null },
        h("td", { text: p.name || "?" }, p.inferred ? h("small", { class: "muted", text: " (inferred)" }) : null),
        h("td", { text: p.country || "–" }),
        h("td", { text: PRECISION_SHORT[p.precision] || p.precision || "–" }),
        h("td", { class: "num", text: p.n_events ?? "–" })));
    replace(this.list, h("table", { class: "compact" },
      h("thead", {}, h("tr", {}, h("th", { text: "place" }), h("th", { text: "country" }),
        h("th", { text: "precision" }), h("th", { text: "events" }))),
      h("tbody", {}, ...rows)));
  }

  resize() { if (this.map) this.map.invalidateSize(); }
}
