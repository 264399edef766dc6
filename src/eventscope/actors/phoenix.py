"""Turn the Phoenix (TABARI) dictionaries into compact knowledge-base records, curated data first.

Why: the curated YAML files name ~600 people; the open Phoenix dictionaries add some 18,000
leaders, ministers and officials with date-bounded CAMEO codes, plus IGOs, NGOs, companies and
armed groups. They are converted once, at build time (``scripts/build_actor_kb.py``), into
``data/phoenix_kb.jsonl.gz``, which ``kb.load_kb`` reads next to the curated files.

Rules (precision first; the curated files win every conflict):

* a person is an entry the dictionary marks as one (CountryInfo/IGO rulers) or a dated entry
  whose name has no institution word; honorifics in front of names are dropped ("SHEIKH ...");
* duplicate entries (same name, same country) are merged; a Phoenix person whose name or alias is
  a curated person's of the same country is that person: only the new spellings are kept, as
  extra aliases of the curated entry;
* an alias that is a curated state, territory, organisation, place or sector word, or a common
  English word when it is one word ("Khalid" is also dropped: a given name of many), or that
  two different Phoenix actors share, is not kept;
* CAMEO codes become country + sector with the project's conventions (``phoenix_codes.yaml``):
  MED is media (JRN), HLH health (MED), IGOUNO the UN (country UNO), NGO codes country NGO.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from .kb import KnowledgeBase, actor_lexicon, norm
from .tabari import TabariCode, TabariEntry

SMALL_WORDS = actor_lexicon()["phoenix_small_words"]
_VOWELS = set("aeiouy")


@dataclass
class CodeReader:
    """Reads CAMEO codes into (country, sector, portfolio) with the mapping of ``phoenix_codes.yaml``."""

    states: frozenset[str]
    sectors: frozenset[str]
    config: dict[str, Any]

    def read(self, code: str) -> tuple[str | None, str | None, str | None]:
        """``IRQGOVAGR`` -> ("IRQ", "GOV", "AGR"); ``IGOUNO`` -> ("UNO", "IGO", None).

        RETURNS (tuple): country (ISO3 or UNO/EUR/IGO/NGO or None), sector (a project code or
            None), portfolio (the second sector code, or None).
        """
        cfg = self.config
        head, rest = code[:3], code[3:]
        country: str | None = None
        group_sector: str | None = None
        if head in cfg["groups"]:
            country, group_sector = cfg["groups"][head].get("country"), cfg["groups"][head].get("sector")
            if head == "IGO" and rest[:3] in cfg["igo_members"]:
                country, rest = cfg["igo_members"][rest[:3]], rest[3:]
        elif head in cfg["countries"]:
            country = cfg["countries"][head]
        elif head in self.states:
            country = head
        elif cfg["sectors"].get(head, head) in self.sectors:
            rest = code  # a code with no country: "ELI", "GOVMIL"
        elif head not in cfg["regions"]:
            return None, None, None
        sector, portfolio = self.read_sectors(rest)
        if head == "NGO":
            return country, sector if sector in actor_lexicon()["ngo_own_sectors"] else group_sector, None
        if group_sector is not None:
            return country, group_sector, portfolio or (rest[:3] if sector else None)
        return country, sector, portfolio

    def read_sectors(self, codes: str) -> tuple[str | None, str | None]:
        """The sector and portfolio of the sector part of a code: "GOVAGR" -> ("GOV", "AGR")."""
        parts = [codes[i:i + 3] for i in range(0, len(codes) - 2, 3)]
        own = [(p, self.config["sectors"].get(p, p)) for p in parts]
        own = [(p, m) for p, m in own if m in self.sectors]
        if not own:
            return None, None
        return own[0][1], own[1][0] if len(own) > 1 else None

    def title(self, sector: str | None, portfolio: str | None) -> str:
        """A readable role title for a code: "government official (agriculture)"."""
        words = self.config["sector_titles"].get(sector or "", "official")
        extra = self.config["portfolios"].get(portfolio or "")
        return f"{words} ({extra})" if extra else words


@dataclass
class Converted:
    """Records ready for ``phoenix_kb.jsonl.gz`` (see ``as_json``)."""

    people: list[dict[str, Any]] = field(default_factory=list)
    organizations: list[dict[str, Any]] = field(default_factory=list)
    curated_aliases: dict[str, list[str]] = field(default_factory=dict)
    agents: dict[str, list[str]] = field(default_factory=dict)
    dropped: Counter[str] = field(default_factory=Counter)

    def as_lines(self, source: str) -> list[str]:
        """The artefact's lines: a header, the alias-key index, then one JSON record per line.

        Why lines: the loader keeps records as undecoded strings and decodes one only when an
        alias finds it, so start-up pays for the key index alone.
        people: ``[name, country, sector, keys, [[title, sector, start, end, country], ...]]``;
        organisations: ``[name, country, sector, kind, source, keys, [[start, end, sector], ...]]``.
        """
        people = [[p["name"], p["country"], p["sector"], p["keys"],
                   [[r["title"], r["sector"], r["start"], r["end"], r["country"]] for r in p["roles"]]]
                  for p in self.people]
        orgs = [[o["name"], o["country"], o["sector"], o["kind"], o["source"], o["keys"],
                 [[s, e, sec] for s, e, sec in o["periods"]]] for o in self.organizations]
        keys: dict[str, int] = {}
        for number, rec in enumerate(people):
            for key in rec[3]:
                keys[key] = number
        for number, rec in enumerate(orgs, start=len(people)):
            for key in rec[5]:
                keys[key] = number
        header = {"source": source, "people": len(people), "organizations": len(orgs),
                  "curated_aliases": self.curated_aliases, "agents": self.agents}

        def dump(value: Any) -> str:
            return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)

        return [dump(header), dump(keys)] + [dump(r) for r in people + orgs]


def display_name(words: str) -> str:
    """Readable casing for an upper-case dictionary name: "NURI AL-MALIKI" -> "Nuri al-Maliki"."""
    out = []
    tokens = words.split()
    for i, tok in enumerate(tokens):
        low = tok.lower()
        letters = re.sub(r"[^a-z]", "", low)
        if i > 0 and low in SMALL_WORDS:
            out.append(low)
        elif tok.startswith("(") or (2 <= len(letters) <= 5 and (len(tokens) == 1 or not (_VOWELS & set(letters)))):
            out.append(tok)  # an acronym: "ANSF", "(AAIA)"
        else:
            parts = re.split(r"([-'’`])", low)
            cased = []
            for j, part in enumerate(parts):
                if i > 0 and j == 0 and part in SMALL_WORDS and len(parts) > 2 and parts[1] == "-":
                    cased.append(part)  # "al-Maliki"
                elif j > 0 and part in SMALL_WORDS and parts[j - 1] == "-" and j + 1 < len(parts):
                    cased.append(part)
                elif part and cased and cased[-1] in ("'", "’", "`") and len(part) <= 2:
                    cased.append(part)  # "Kata'ib", not "Kata'Ib"
                else:
                    cased.append(part[:1].upper() + part[1:])
            out.append("".join(cased))
    return " ".join(out)


class PhoenixConverter:
    """Converts parsed Phoenix entries against a curated knowledge base (see module docstring)."""

    def __init__(self, curated: KnowledgeBase, codes: CodeReader, is_common_word: Callable[[str], bool],
                 honorifics: Iterable[str], institution_words: Iterable[str]):
        self.curated = curated
        self.codes = codes
        self.is_common_word = is_common_word
        self.honorifics = sorted({tuple(norm(h).split()) for h in honorifics if norm(h)}, key=len, reverse=True)
        sec = curated.sectors
        self.institution_words = frozenset(norm(w) for w in institution_words) | sec.org_nouns
        self.blocked = frozenset(sec.nouns) | frozenset(sec.modifiers) | frozenset(sec.role_keys)

    # ------------------------------------------------------------------ people or institutions
    def is_person(self, entry: TabariEntry) -> bool:
        words = self._strip_honorifics(norm(entry.name).split())
        if len(words) < 2 or len(words) > 9:
            return False  # one-word names are glued or truncated in the dictionary ("PATPARRIS")
        if any(w in self.institution_words for w in words):
            return False
        if any(h.entry.source in ("state", "territory", "org", "igo") for h in self.curated.lookup(" ".join(words))):
            return False  # "KAZAKHSTAN [KAZOPP 911216-911221]": a state in a transition
        comment = entry.comment.lower()
        if "countryinfo" in comment or "igorulers" in comment:
            return True
        return any(c.dated for c in entry.codes) and not all(len(c.code) == 3 for c in entry.codes)

    def _strip_honorifics(self, words: list[str]) -> list[str]:
        """The words of a name without leading titles ("SHEIKH", "PRESIDENT"), as written."""
        changed = True
        while changed and words:
            changed = False
            keys = tuple(norm(w) for w in words)
            for h in self.honorifics:
                if keys[:len(h)] == h and len(words) > len(h):
                    words = words[len(h):]
                    changed = True
                    break
        return words

    # ------------------------------------------------------------------ conversion
    def convert(self, entries: Iterable[TabariEntry]) -> Converted:
        out = Converted()
        people: dict[tuple[str, str | None], dict[str, Any]] = {}
        orgs: dict[str, dict[str, Any]] = {}
        for entry in entries:
            if not entry.codes or all(len(c.code) == 3 and c.code in self.codes.states for c in entry.codes):
                out.dropped["state or no code"] += 1
                continue
            if self.is_person(entry):
                rec = self._person(entry)
                if rec is None:
                    out.dropped["person without a usable code"] += 1
                    continue
                key = (norm(rec["name"]), rec["country"])
                if key in people:
                    _merge_person(people[key], rec)
                else:
                    people[key] = rec
            elif "countryinfo" in entry.comment.lower():
                out.dropped["person with a one-word name"] += 1  # "KHALID_": a king, not an organisation
                continue
            else:
                rec = self._organization(entry)
                if rec is None:
                    out.dropped["organisation without a usable code"] += 1
                    continue
                k = norm(rec["name"])
                if k in orgs:
                    orgs[k]["aliases"].extend(rec["aliases"])
                else:
                    orgs[k] = rec
        records = list(people.values()) + list(orgs.values())
        self._assign_keys(records, out)
        out.people = [r for r in people.values() if r["keys"]]
        out.organizations = [r for r in orgs.values() if r["keys"]]
        _unique_names(out.people + out.organizations)
        for r in people.values():
            r["roles"].sort(key=lambda x: (x["start"] or "", x["end"] or ""))
        out.dropped["people without a usable name"] += sum(1 for r in people.values() if not r["keys"])
        out.dropped["organisations without a usable name"] += sum(1 for r in orgs.values() if not r["keys"])
        return out

    def _person(self, entry: TabariEntry) -> dict[str, Any] | None:
        roles = []
        countries: Counter[str] = Counter()
        default_sector = None
        group_country = None
        for c in entry.codes:
            country, sector, portfolio = self.codes.read(c.code)
            if country in ("UNO", "EUR", "IGO", "NGO"):
                group_country = group_country or country
            elif country:
                countries[country] += 2 if sector == "GOV" else 1
            if not c.dated:
                default_sector = default_sector or sector
                continue
            if sector is None and country is None:
                continue
            roles.append({"title": self.codes.title(sector, portfolio), "sector": sector or "ELI",
                          "start": c.start, "end": c.end, "country": country})
        if not roles and default_sector is None:
            return None
        words = self._strip_honorifics(entry.name.split())
        name = display_name(" ".join(words)) if words else display_name(entry.name)
        country = countries.most_common(1)[0][0] if countries else None
        for r in roles:
            if r["country"] is None:
                r["country"] = country
        return {"name": name, "country": country, "sector": default_sector,
                "aliases": [entry.name, *entry.aliases], "roles": roles, "group_country": group_country}

    def _organization(self, entry: TabariEntry) -> dict[str, Any] | None:
        periods = []
        countries: Counter[str] = Counter()
        sector = None
        source = "org"
        for c in entry.codes:
            country, sec, _ = self.codes.read(c.code)
            if country in ("UNO", "EUR", "IGO", "NGO"):
                source = "igo"
            if country:
                countries[country] += 1
            if c.dated and sec:
                periods.append((c.start, c.end, sec))
            elif sec and sector is None:
                sector = sec
        if sector is None and not periods:
            return None
        if sector is None:
            sector = periods[-1][2]
        country = countries.most_common(1)[0][0] if countries else None
        return {"name": display_name(entry.name), "country": country, "sector": sector,
                "kind": "organization", "source": source, "aliases": [entry.name, *entry.aliases],
                "periods": periods}

    # ------------------------------------------------------------------ alias keys
    def _candidate_keys(self, rec: dict[str, Any], *, person: bool) -> list[str]:
        keys: list[str] = []
        for alias in rec["aliases"]:
            words = norm(alias).split()
            if words and words[0] == "the":
                words = words[1:]
            if person:
                words = self._strip_honorifics(words)
            if not words:
                continue
            key = " ".join(words)
            if key not in keys:
                keys.append(key)
        return keys

    def _usable(self, key: str, given_names: set[str], *, person: bool) -> str | None:
        """Why a key is not kept (None: it is kept)."""
        words = key.split()
        if key in self.blocked or key in self.curated.places:
            return "a sector word or a place"
        if len(words) == 1:
            if len(key) < 4 or not re.search(r"[a-z]", key):
                return "too short"
            if self.is_common_word(key):
                return "a common word"
            if person and key in given_names:
                return "a given name"
        elif not person and all(self.is_common_word(w) or w in SMALL_WORDS for w in words):
            return "only common words"
        return None

    def _assign_keys(self, records: list[dict[str, Any]], out: Converted) -> None:
        given_names = Counter()
        for r in records:
            if "roles" in r:
                words = norm(r["name"]).split()
                if len(words) >= 2:
                    given_names[words[0]] += 1
        given = {w for w, n in given_names.items() if n >= 2}
        owners: dict[str, list[int]] = defaultdict(list)
        cands: list[list[str]] = []
        for i, r in enumerate(records):
            person = "roles" in r
            keys = []
            for key in self._candidate_keys(r, person=person):
                why = self._usable(key, given, person=person)
                if why:
                    out.dropped[f"alias: {why}"] += 1
                    continue
                keys.append(key)
                owners[key].append(i)
            cands.append(keys)
        for i, r in enumerate(records):
            person = "roles" in r
            kept: list[str] = []
            curated_id = None
            for key in cands[i]:
                if len(set(owners[key])) > 1:
                    out.dropped["alias: shared by two actors"] += 1
                    continue
                hits = self.curated.lookup(key)
                if hits:
                    same = [h for h in hits if person and h.entry.source == "person"
                            and h.entry.country in (r["country"], None)]
                    if same and curated_id is None:
                        curated_id = same[0].entry.id
                    out.dropped["alias: a curated name"] += 1
                    continue
                kept.append(key)
            if curated_id is not None:
                extra = out.curated_aliases.setdefault(curated_id, [])
                extra.extend(k for k in kept if k not in extra)
                out.dropped["merged into a curated person"] += 1
                r["keys"] = []
                continue
            r["keys"] = kept


def _unique_names(records: list[dict[str, Any]]) -> None:
    """Two records with one display name (their ids) are told apart by their country."""
    count = Counter(r["name"] for r in records)
    seen: Counter[str] = Counter()
    for r in records:
        if count[r["name"]] > 1:
            base = f"{r['name']} ({r['country'] or r['sector']})"
            seen[base] += 1
            r["name"] = base if seen[base] == 1 else f"{base} {seen[base]}"


def _merge_person(into: dict[str, Any], other: dict[str, Any]) -> None:
    into["aliases"].extend(a for a in other["aliases"] if a not in into["aliases"])
    seen = {(r["sector"], r["start"], r["end"]) for r in into["roles"]}
    into["roles"].extend(r for r in other["roles"] if (r["sector"], r["start"], r["end"]) not in seen)
    into["sector"] = into["sector"] or other["sector"]


def convert_agents(pairs: Iterable[tuple[str, str]], curated: KnowledgeBase, codes: CodeReader,
                   is_common_word: Callable[[str], bool]) -> dict[str, list[str]]:
    """Agent nouns the curated sector vocabulary lacks, by project sector code.

    Only single words and two-word phrases without a preposition are kept (the resolver reads
    "minister of X" from its head noun already), and a word must be an English word (the macro
    expansion of the dictionary writes some broken forms).
    """
    sec = curated.sectors
    out: dict[str, set[str]] = defaultdict(set)
    for text, code in pairs:
        key = norm(text)
        words = key.split()
        if not words or len(words) > 2 or any(w in SMALL_WORDS for w in words):
            continue
        if key in sec.nouns or key in sec.modifiers or key in curated.places or curated.lookup(key):
            continue
        sing = key[:-1] if key.endswith("s") else key
        if sing in sec.nouns or sing in sec.modifiers:
            continue
        if not all(is_common_word(w) for w in words):
            continue
        sector, _ = codes.read_sectors(code)
        if sector is None:
            continue
        out[sector].add(key)
    return {k: sorted(v) for k, v in sorted(out.items())}
