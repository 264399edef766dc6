// Small DOM helpers. Every piece of data reaches the page through text nodes (textContent),
// never through HTML parsing, so news text can never inject markup or scripts.

export const QUAD_LABELS = {
  1: "verbal cooperation",
  2: "material cooperation",
  3: "verbal conflict",
  4: "material conflict",
};

export const PLOVER_TYPES = [
  "ACCUSE", "AGREE", "AID", "ASSAULT", "COERCE", "CONCEDE", "CONSULT", "COOPERATE",
  "MOBILIZE", "PROTEST", "REJECT", "REQUEST", "RETREAT", "SANCTION", "SUPPORT", "THREATEN",
];

export const MODALITIES = [
  "asserted", "negated", "conditional", "hypothetical", "reported", "intended",
];

/** How exact a place is (the store's ``precision``), in words. */
export const PRECISION_LABELS = {
  place: "town or village",
  admin2: "district",
  admin1: "province",
  region: "region",
  country: "country",
};

/** The same, short (table columns). */
export const PRECISION_SHORT = {
  place: "place", admin2: "district", admin1: "province", region: "region", country: "country",
};

/** "district level", "district level · inferred from the story" — or null when nothing is known. */
export function placeNote(precision, inferred) {
  const parts = [];
  if (precision) parts.push(`${PRECISION_LABELS[precision] || precision} level`);
  if (inferred) parts.push("inferred from the story (dateline or focus), not named for this event");
  return parts.length ? parts.join(" · ") : null;
}

/**
 * Build an element. `props` keys: class, text, title, dataset (object), style (object),
 * on* (listeners),
 * attrs (object of attributes); children are nodes or strings (strings become text nodes).
 */
export function h(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  applyProps(node, props);
  append(node, children);
  return node;
}

/** Same as h() for SVG elements. */
export function s(tag, attrs = {}, ...children) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined) continue;
    if (key === "text") node.textContent = String(value);
    else node.setAttribute(key, String(value));
  }
  append(node, children);
  return node;
}

function applyProps(node, props) {
  for (const [key, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = String(value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    // Styles go through the CSSOM (allowed by our Content-Security-Policy), never an attribute.
    else if (key === "style") Object.assign(node.style, value);
    else if (key === "attrs") {
      for (const [a, v] of Object.entries(value)) {
        if (v !== null && v !== undefined && v !== false) node.setAttribute(a, String(v));
      }
    } else if (key.startsWith("on") && typeof value === "function") {
      node.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key in node) node[key] = value;
    else node.setAttribute(key, String(value));
  }
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Remove every child of `node`, then append `children`. */
export function replace(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

export function fmtNumber(value, digits = 1) {
  if (value === null || value === undefined || value === "" || Number.isNaN(Number(value))) {
    return "–";
  }
  return Number(value).toFixed(digits);
}

export function fmtDate(value) {
  if (!value) return "–";
  return String(value).slice(0, 10);
}

/** Stable colour for a label (a country code, an actor...), light enough for dark text.
 * Hues are spread by the golden angle so that close hashes still get distinct colours. */
export function colourFor(label) {
  if (!label) return "#9aa5b1";
  let hash = 2166136261;
  for (const ch of String(label)) hash = Math.imul(hash ^ ch.codePointAt(0), 16777619) >>> 0;
  const hue = Math.round(((hash % 97) * 137.508) % 360);
  const light = 55 + (hash % 3) * 7;
  return `hsl(${hue}, 58%, ${light}%)`;
}

export const QUAD_COLOURS = { 1: "#4c8fd6", 2: "#2a9d8f", 3: "#e9a23b", 4: "#d62839" };

export function quadColour(quad) {
  return QUAD_COLOURS[quad] || "#8892a0";
}

/** Colour on a red (−10) … grey (0) … green (+10) scale for a Goldstein value. */
export function goldsteinColour(value) {
  if (value === null || value === undefined) return "#8892a0";
  const v = Math.max(-10, Math.min(10, Number(value))) / 10;
  if (v < 0) return `rgb(${Math.round(140 + 100 * -v)}, ${Math.round(140 - 90 * -v)}, ${Math.round(150 - 100 * -v)})`;
  return `rgb(${Math.round(140 - 100 * v)}, ${Math.round(140 + 40 * v)}, ${Math.round(150 - 40 * v)})`;
}

/**
 * Find `needle` in `text` as a whole word (case-sensitive first, then not), returning
 * [start, end] or null. Used when the API gives a span's text but not its offsets.
 */
export function findWord(text, needle) {
  if (!text || !needle) return null;
  const tries = [needle, needle.toLowerCase()];
  const hay = [text, text.toLowerCase()];
  for (let i = 0; i < 2; i++) {
    let from = 0;
    for (;;) {
      const at = hay[i].indexOf(tries[i], from);
      if (at < 0) break;
      const before = at === 0 ? "" : hay[i][at - 1];
      const after = hay[i][at + tries[i].length] || "";
      if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) {
        return [at, at + tries[i].length];
      }
      from = at + 1;
    }
  }
  return null;
}

/**
 * Render `text` with highlighted spans. `spans` = [{start, end, cls, title}] with offsets into
 * `text`; spans may nest or overlap: the text is cut at every boundary and each piece gets the
 * classes of every span covering it. Returns a DocumentFragment of text nodes and <mark>s.
 * `after` (optional) = {offset: [nodes]} inserted right after that offset (e.g. event badges).
 */
export function highlight(text, spans, after = {}) {
  const frag = document.createDocumentFragment();
  text = text || "";
  const clean = (spans || [])
    .filter((sp) => Number.isInteger(sp.start) && Number.isInteger(sp.end))
    .map((sp) => ({ ...sp, start: Math.max(0, sp.start), end: Math.min(text.length, sp.end) }))
    .filter((sp) => sp.end > sp.start);
  const cuts = new Set([0, text.length]);
  for (const sp of clean) { cuts.add(sp.start); cuts.add(sp.end); }
  for (const key of Object.keys(after)) cuts.add(Math.min(text.length, Number(key)));
  const points = [...cuts].sort((a, b) => a - b);
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i];
    const b = points[i + 1];
    const covering = clean.filter((sp) => sp.start <= a && sp.end >= b);
    const piece = text.slice(a, b);
    if (covering.length === 0) {
      frag.appendChild(document.createTextNode(piece));
    } else {
      const mark = document.createElement("mark");
      mark.className = [...new Set(covering.map((sp) => sp.cls))].join(" ");
      const titles = covering.map((sp) => sp.title).filter(Boolean);
      if (titles.length) mark.title = titles.join(" · ");
      mark.textContent = piece;
      frag.appendChild(mark);
    }
    if (after[b]) for (const node of after[b]) frag.appendChild(node);
  }
  return frag;
}

/** Debounce a function (used for resize and typing). */
export function debounce(fn, ms = 200) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

/** "1 event", "2 events"; `many` for irregular plurals ("countries"). */
export function plural(n, one, many = `${one}s`) {
  return `${n} ${Number(n) === 1 ? one : many}`;
}
