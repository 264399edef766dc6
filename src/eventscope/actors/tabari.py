"""Readers for TABARI/PETRARCH dictionaries (the Phoenix actor and agent files).

Why: the open Phoenix dictionaries hold some 18,000 actors — leaders, ministers and officials with
date-bounded CAMEO codes, IGOs, NGOs, companies and armed groups — and the agent nouns that give
a sector. ``scripts/build_actor_kb.py`` reads them with these functions at build time and writes
compact data files; nothing here runs when documents are coded.

Format (as used by the Phoenix files):

* an entry starts with a name line, words joined by ``_`` (``NURI_AL_MALIKI_``); the trailing
  ``_`` only marks a whole-word match and is dropped;
* ``+ALIAS`` lines add synonyms (rarely two on one line: ``+A_+B_``);
* codes follow on the name line or on their own lines: ``[IRQGOV 20060520-20140908]``,
  ``[IRQGOV >20140908]`` (from), ``[USRARM <900823]`` (until), ``[IRQELI]`` (no date: the code
  outside every dated range);
* dates are ``YYMMDD`` (``00``-``30`` are 2000-2030, the rest 1931-1999) or ``YYYYMMDD``;
* ``#`` starts a comment. Agent files have ``NOUN [~SEC]`` lines and ``!MACRO! = A, B`` lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

_CODE = re.compile(r"\[([^\]]*)\]")
_MACRO_DEF = re.compile(r"^\s*(![A-Z]+!)\s*=\s*(.+)$")
_MACRO_USE = re.compile(r"![A-Z]+!")
# Two-digit years up to this one are read as 20YY (the dictionaries end in 2015).
PIVOT_YEAR = 30


@dataclass
class TabariCode:
    """One CAMEO code of an entry, with the dates it applies between (ISO, end exclusive)."""

    code: str
    start: str | None = None
    end: str | None = None

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None


@dataclass
class TabariEntry:
    """One dictionary entry: its name, synonyms and codes as written in the file."""

    name: str
    aliases: list[str] = field(default_factory=list)
    codes: list[TabariCode] = field(default_factory=list)
    comment: str = ""
    line: int = 0
    section: str = ""  # the last "# ..." heading line before the entry


def tabari_date(value: str) -> str | None:
    """ISO date of a TABARI date (``030601`` -> ``2003-06-01``, ``19270101`` -> ``1927-01-01``).

    RETURNS (str | None): the date, or None when the value is malformed (7 digits, month 13, ...).
    """
    if not value.isdigit():
        return None
    if len(value) == 6:
        yy = int(value[:2])
        year = 2000 + yy if yy <= PIVOT_YEAR else 1900 + yy
        month, day = int(value[2:4]), int(value[4:6])
    elif len(value) == 8:
        year, month, day = int(value[:4]), int(value[4:6]), int(value[6:8])
    else:
        return None
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def parse_code(text: str) -> TabariCode | None:
    """``IRQGOV 20060520-20140908`` / ``IRQGOV >140908`` / ``USRARM <900823`` / ``IRQELI``.

    RETURNS (TabariCode | None): the code, or None when it is empty or its dates are malformed.
    """
    parts = text.split()
    if not parts:
        return None
    code = parts[0].strip()
    if not re.fullmatch(r"[A-Z~][A-Z0-9]*", code):
        return None
    if len(parts) == 1:
        return TabariCode(code)
    span = parts[1]
    if span.startswith(">"):
        start = tabari_date(span[1:])
        return TabariCode(code, start=start) if start else None
    if span.startswith("<"):
        end = tabari_date(span[1:])
        return TabariCode(code, end=end) if end else None
    if "-" in span:
        a, b = span.split("-", 1)
        start, end = tabari_date(a), tabari_date(b)
        if start is None or end is None or end < start:
            return None
        return TabariCode(code, start=start, end=end)
    return None


def phrase(raw: str) -> str:
    """Words of a TABARI phrase: ``NURI_AL-MALIKI_`` -> ``NURI AL-MALIKI``."""
    return re.sub(r"\s+", " ", raw.replace("_", " ")).strip()


def parse_actors(lines: Iterable[str]) -> list[TabariEntry]:
    """Entries of a TABARI actor dictionary, in file order.

    lines (Iterable[str]): the file's lines.
    RETURNS (list[TabariEntry]): one per name line, with its aliases and codes.
    """
    entries: list[TabariEntry] = []
    current: TabariEntry | None = None
    section = ""
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\n")
        body, _, comment = line.partition("#")
        stripped = body.strip()
        if not stripped:
            if line.lstrip().startswith("#"):
                heading = comment.strip()
                if heading and not heading.startswith(("+", "\t")) and "[" not in heading:
                    section = heading
            continue
        codes = [c for c in (parse_code(m.group(1)) for m in _CODE.finditer(stripped)) if c]
        words = _CODE.sub(" ", stripped).strip()
        if stripped.startswith("+"):
            if current is None:
                continue
            for alias in words.split("+"):
                alias = phrase(alias)
                if alias:
                    current.aliases.append(alias)
            current.codes.extend(codes)
            continue
        if not words:  # a code line
            if current is not None:
                current.codes.extend(codes)
            continue
        if raw[:1].isspace():  # an indented stray word: not a name line
            continue
        current = TabariEntry(name=phrase(words), codes=codes, comment=comment.strip(), line=number,
                              section=section)
        entries.append(current)
    return entries


def parse_agents(lines: Iterable[str]) -> list[tuple[str, str]]:
    """(noun phrase, agent code) pairs of a TABARI agents dictionary, macros expanded.

    ``!PERSON! = MAN, WOMAN`` then ``FISHER!PERSON! [~AGR]`` gives ("FISHERMAN", "AGR") and
    ("FISHERWOMAN", "AGR").
    RETURNS (list[tuple[str, str]]): lower-case phrases with the code's letters after ``~``.
    """
    macros: dict[str, list[str]] = {}
    out: list[tuple[str, str]] = []
    for raw in lines:
        body = raw.split("#", 1)[0].strip()
        if not body:
            continue
        m = _MACRO_DEF.match(body)
        if m:
            macros[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        codes = _CODE.findall(body)
        if not codes:
            continue
        code = codes[0].strip().lstrip("~")
        if not re.fullmatch(r"[A-Z]{3,}", code):
            continue
        words = _CODE.sub(" ", body).strip()
        for form in _expand(words, macros):
            text = phrase(form).lower()
            if text:
                out.append((text, code))
    return out


def _expand(words: str, macros: dict[str, list[str]]) -> list[str]:
    m = _MACRO_USE.search(words)
    if not m:
        return [words]
    out: list[str] = []
    for value in macros.get(m.group(0), []):
        out.extend(_expand(words[:m.start()] + value + words[m.end():], macros))
    return out
