"""HTML pages (trafilatura, offline): main text, title and publication date from metadata.

Also the helpers the feed and WARC readers use: ``extract_html`` for whole pages and
``fragment_text`` for the HTML snippets inside feed entries.
"""

from __future__ import annotations

import logging
import re
from html import unescape
from typing import Callable, Iterator

from ..errors import Errors
from ..model import Document
from ..registry import reader
from .records import cap_text, normalize_date
from .source import ReadOptions, Source, decode, read_capped, requirement

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)

_BLOCKS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "pre",
           "section", "article", "ul", "ol", "table", "header", "footer")
_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLANKS = re.compile(r"\n\s*\n\s*(\n\s*)+")
_TAG = re.compile(r"<[^>]*>")
# Bytes of markup read and handed to the parser; beyond that the page is cut (E019). Parsing
# and extraction take ~0.5 s and ~100 MB per MB of markup, and a page whose text reaches the
# document cap (2M characters) rarely has more markup than this.
HTML_LIMIT = 8_000_000
# trafilatura's metadata search (htmldate, authors) grows with the square of the page size
# (4 MB: 42 s); past this many characters it looks only at the start of the page, where the
# <head> and the byline are.
_METADATA_LIMIT = 512_000

# trafilatura → jusText → lxml.html.clean, which lxml ≥ 5.2 ships as the package lxml_html_clean.
HTML_BACKEND = (("lxml.html", "lxml"), ("lxml.html.clean", "lxml_html_clean"), ("trafilatura", "trafilatura"))
require_html_backend = requirement("html", *HTML_BACKEND)


def _tidy(text: str) -> str:
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


def fragment_text(html: str) -> str:
    """Readable text of an HTML snippet (feed summaries), paragraphs kept apart."""
    if "<" not in html:
        return _tidy(unescape(html))
    try:
        import lxml.html
        from lxml import etree

        root = lxml.html.fragment_fromstring(html, create_parent="div")
        etree.strip_elements(root, "script", "style", with_tail=False)
        for br in root.iter("br"):
            br.tail = "\n" + (br.tail or "")
        for el in root.iter(*_BLOCKS):
            el.tail = "\n\n" + (el.tail or "")
        return _tidy(root.text_content())
    except Exception:  # noqa: BLE001 - broken markup: fall back to dropping the tags
        return _tidy(unescape(_TAG.sub(" ", html)))


def extract_html(html: str, url: str | None = None) -> tuple[str, str | None, str | None]:
    """Main text, title and ISO date of a web page; text is "" when the page has none.

    trafilatura finds the article body; when it gives up (very short or odd pages) the visible
    text of the whole page is used, so a page with content never comes out empty.
    """
    import trafilatura

    html = html[:HTML_LIMIT]
    text, title, date = "", None, None
    big = len(html) > _METADATA_LIMIT
    try:
        result = trafilatura.bare_extraction(html, url=url, with_metadata=not big, favor_recall=True)
        meta = trafilatura.bare_extraction(html[:_METADATA_LIMIT], url=url, with_metadata=True,
                                           favor_recall=True) if big else result
    except Exception:  # noqa: BLE001 - trafilatura on hostile markup; fall back below
        result = meta = None
    if result is not None:
        text = (getattr(result, "text", None) or "").strip()
    if meta is not None:
        title = getattr(meta, "title", None) or None
        raw_date = getattr(meta, "date", None)
        date = normalize_date(raw_date) if raw_date else None
    if not text:
        try:
            text = (trafilatura.html2txt(html) or "").strip()
        except Exception:  # noqa: BLE001
            text = ""
        if not text:
            text = fragment_text(html)
    return text, title, date


@reader("html", requires=require_html_backend)
def read_html(source: Source, opts: ReadOptions, report: Callable[[str], None]) -> Iterator[Document]:
    """One Document per HTML file: the article text, with title and date from the page."""
    with source.open() as fh:
        data, more = read_capped(fh, HTML_LIMIT)
    if more:
        report(Errors.E019.format(origin=source.name, limit=HTML_LIMIT))
    charset = _meta_charset(data[:4096])
    html = decode(data, source.name, report, encoding=charset)
    if not html.strip():
        report(Errors.E006.format(origin=source.name))
        return
    text, title, date = extract_html(html)
    if not text:
        report(Errors.E008.format(origin=source.name, detail="no readable text in the page"))
        return
    text = cap_text(text, source.name, opts, report)
    doc_id = source.path.name if source.path is not None else None
    yield Document(text=text, id=doc_id, title=title, date=date, origin=source.name)


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)


def _meta_charset(head: bytes) -> str | None:
    m = _CHARSET.search(head)
    return m.group(1).decode("ascii") if m else None
