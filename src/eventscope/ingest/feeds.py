"""RSS and Atom files (feedparser): one document per entry, with its date, link and title."""

from __future__ import annotations

import time
from typing import Any, Callable, Iterator

from ..errors import Errors
from ..model import Document
from ..registry import reader
from .html import fragment_text
from .records import cap_text, normalize_date
from .source import ReadOptions, Source, read_capped, requirement

# feedparser holds the whole feed and its entries in memory (~12 bytes per byte of feed, ~1 s
# per MB with many entries); past this the feed is cut (E019) and the entries before the cut kept.
FEED_LIMIT = 32_000_000


def _entry_text(entry: Any) -> str:
    parts = entry.get("content") or []
    best = ""
    for part in parts:
        value = part.get("value") or ""
        if len(value) > len(best):
            best = value
    if not best:
        best = entry.get("summary") or entry.get("description") or ""
    return fragment_text(best) if best else ""


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if isinstance(parsed, time.struct_time):
            return time.strftime("%Y-%m-%d", parsed)
    for key in ("published", "updated", "dc_date", "date"):
        raw = entry.get(key)
        if isinstance(raw, str) and raw.strip():
            iso = normalize_date(raw)
            if iso:
                return iso
    return None


@reader("feed", requires=requirement("feed", ("feedparser", "feedparser")))
def read_feed(source: Source, opts: ReadOptions, report: Callable[[str], None]) -> Iterator[Document]:
    """One Document per feed entry; a malformed feed keeps the entries that could be read."""
    import feedparser

    with source.open() as fh:
        data, more = read_capped(fh, FEED_LIMIT)
    if more:
        report(Errors.E019.format(origin=source.name, limit=FEED_LIMIT))
    if not data.strip():
        report(Errors.E006.format(origin=source.name))
        return
    try:
        parsed = feedparser.parse(data)
    except Exception as exc:  # noqa: BLE001 - feedparser is lenient, but be sure
        report(Errors.E008.format(origin=source.name, detail=repr(exc)[:120]))
        return
    entries = list(parsed.get("entries") or [])
    if more and entries:
        entries.pop()  # the entry the cut went through: incomplete, so not a document
    if parsed.get("bozo"):
        detail = str(parsed.get("bozo_exception") or "malformed")[:120]
        if not entries:
            report(Errors.E008.format(origin=source.name, detail=detail))
            return
        report(Errors.E013.format(origin=source.name, detail=detail, count=len(entries)))
    if not entries:
        report(Errors.E008.format(origin=source.name, detail="no entries in the feed"))
        return
    for i, entry in enumerate(entries, start=1):
        origin = f"{source.name}#{i}"
        text = _entry_text(entry)
        title = fragment_text(entry.get("title") or "") or None
        if not text.strip():
            if not title:
                report(Errors.E006.format(origin=origin))
                continue
            text = title  # a headline-only item is still news
        text = cap_text(text, origin, opts, report)
        entry_id = entry.get("id") or entry.get("guid")
        yield Document(
            text=text, id=entry_id if isinstance(entry_id, str) and entry_id.strip() else None,
            title=title, date=_entry_date(entry), url=entry.get("link") or None, origin=origin,
        )
