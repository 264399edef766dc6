"""The ``actors`` pipeline stage: find every actor mention, resolve it, group mentions per actor.

Reads ``adoc.spacy_doc`` (parsed by the ``nlp`` stage) and writes ``adoc.mentions`` and
``adoc.actors``. Finding and writing are separate steps:

1. *units*: stretches of text that name or describe an actor - knowledge-base names (one
   PhraseMatcher built once in ``initialize``), NER PERSON/ORG/GPE/NORP entities, noun chunks whose
   head is an actor noun ("armed factions", "Iran's ambassador to Iraq"), and personal pronouns;
2. *resolution*: each unit goes through the same phrase resolver as ``resolve_actor`` (titles in
   front of a name, "of/to" complements and possessors are added to the phrase it sees);
3. *coreference*: units are grouped into actors by knowledge-base id, full name / surname,
   apposition ("Esmail Qaani, the commander of ..."), title-only mentions ("the commander") and
   pronouns ("He" = the person subject of the previous sentence when that is unambiguous);
4. *writing*: actors get ids A1, A2, ... in order of first mention.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field, replace
from typing import Any, Iterable, Iterator

from ..model import Actor, AnalyzedDocument, Mention, Role
from ..registry import BaseStage, stage
from .kb import Entry, KnowledgeBase, load_kb, norm, role_key_of
from .resolve import PhraseInfo, analyze_phrase

NER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
_PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f",
             "herself": "f"}
_SKIP_DET = frozenset({"any", "no", "every", "each", "which", "what", "whose", "whichever",
                       "such", "another"})
_LEAD_DROP = frozenset({"the", "a", "an", "this", "that", "these", "those", "his", "her", "its",
                        "their", "our", "my", "your", "some"})
_COMPLEMENT_PREPS = frozenset({"of", "to", "from", "in", "at", "for"})
_ORG_HEADS = frozenset({"group", "movement", "organization", "organisation", "militia", "faction"})


@dataclass
class Unit:
    """One mention candidate (token span) and what we know about it."""

    start: int  # token index
    end: int
    label: str
    info: PhraseInfo | None = None
    kind: str = "named"  # named | noun | pron
    cluster: int = -1
    root: int = -1  # head token index
    extra_roles: list[Role] = field(default_factory=list)
    sent: int = 0
    name_text: str | None = None  # readable name for a description ("Iran's ambassador to Iraq")
    weak: bool = False  # "the group": kept only if it corefers with a named actor
    phrase: str = ""  # what the resolver saw

    def key_text(self, doc: Any) -> str:
        return doc[self.start:self.end].text


@stage("actors")
class ActorStage(BaseStage):
    """Finds, resolves and groups the actors of each document (see module docstring)."""

    name = "actors"

    def __init__(self, max_pronoun_distance: int = 1, title_window: int = 4):
        self.max_pronoun_distance = max_pronoun_distance
        self.title_window = title_window
        self.kb: KnowledgeBase | None = None
        self._dated = False
        self.matcher = None
        self.nlp = None

    # ------------------------------------------------------------------ setup
    def initialize(self) -> None:
        """Load the knowledge base and compile the name matcher once."""
        from spacy.matcher import PhraseMatcher

        from ..nlp import load_spacy

        self.kb = load_kb()
        self.nlp = load_spacy()
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        by_key: dict[str, set[str]] = {}
        for surface, key in self.kb.surface_aliases.items():
            variants = {surface, surface.replace("'", "’")}
            if surface[:1].islower():
                variants.add(surface[:1].upper() + surface[1:])
            if len(surface) >= 4:
                variants.add(surface.upper())  # headlines: "IRAN WARNS ..."
            if surface.lower().startswith("the "):
                variants.update({v[4:] for v in list(variants)})
            by_key.setdefault(key, set()).update(variants)
        pairs = [(key, v) for key, variants in by_key.items() for v in sorted(variants)]
        grouped: dict[str, list[Any]] = {}
        for (key, _), pdoc in zip(pairs, self.nlp.tokenizer.pipe(v for _, v in pairs)):
            grouped.setdefault(key, []).append(pdoc)
        for key, docs in grouped.items():
            self.matcher.add(key, docs)

    def __call__(self, adoc: AnalyzedDocument) -> AnalyzedDocument:
        if self.kb is None:
            self.initialize()
        doc = adoc.spacy_doc
        if doc is None:
            return adoc
        date = (adoc.document.date or "")[:10] or _dt.date.today().isoformat()
        self._dated = bool(adoc.document.date)
        units = self._find_units(doc, date)
        self._resolve(doc, units, date)
        clusters = self._corefer(doc, units, date)
        self._write(adoc, doc, units, clusters, date)
        return adoc

    def pipe(self, adocs: Iterable[AnalyzedDocument], batch_size: int = 32) -> Iterator[AnalyzedDocument]:
        for adoc in adocs:
            yield self(adoc)

    # ------------------------------------------------------------------ 1. units
    def _find_units(self, doc: Any, date: str) -> list[Unit]:
        kb = self.kb
        assert kb is not None and self.matcher is not None
        sent_of = {}
        for si, sent in enumerate(doc.sents):
            for t in sent:
                sent_of[t.i] = si
        # Knowledge-base names.
        kb_spans: list[tuple[int, int, str]] = []
        for match_id, s, e in self.matcher(doc):
            kb_spans.append((s, e, self.nlp.vocab.strings[match_id]))
        kb_spans.sort(key=lambda x: (x[0], -(x[1] - x[0])))
        chosen: list[tuple[int, int, str]] = []
        last_end = -1
        for s, e, key in kb_spans:
            if s >= last_end:
                chosen.append((s, e, key))
                last_end = e
            elif e > last_end and chosen and e - s > chosen[-1][1] - chosen[-1][0] and s <= chosen[-1][0]:
                chosen[-1] = (s, e, key)
                last_end = e
        doc_countries = set()
        for s, e, key in chosen:
            for h in kb.lookup(key):
                if h.entry.source in ("state", "territory") and not h.context_only:
                    doc_countries.add(h.entry.country)
        ents = [ent for ent in doc.ents if ent.label_ in NER_LABELS]
        ent_at: dict[int, Any] = {}
        for ent in ents:
            for i in range(ent.start, ent.end):
                ent_at[i] = ent

        units: list[Unit] = []
        taken = [False] * len(doc)

        def add(s: int, e: int, label: str, kind: str = "named") -> Unit | None:
            # trim determiners and possessive markers at the edges
            while s < e and kind != "pron" and (doc[s].lower_ in _LEAD_DROP or doc[s].is_punct):
                s += 1
            while e > s and (doc[e - 1].lower_ in ("'s", "’s", "'") or doc[e - 1].is_punct):
                e -= 1
            if s >= e or any(taken[i] for i in range(s, e)):
                return None
            for i in range(s, e):
                taken[i] = True
            u = Unit(s, e, label, kind=kind, root=doc[s:e].root.i, sent=sent_of.get(s, 0))
            units.append(u)
            return u

        for s, e, key in chosen:
            hits = kb.lookup(key)
            if not hits:
                continue
            if all(h.context_only for h in hits) and not any(h.entry.country in doc_countries for h in hits):
                continue
            ent = ent_at.get(s)
            if all(h.via == "surname" for h in hits):
                if not (ent is not None and ent.label_ == "PERSON") and doc[s].pos_ != "PROPN":
                    continue
            if e - s == 1 and doc[s].is_sent_start and doc[s].is_title and ent is None \
                    and doc[s].pos_ not in ("PROPN",):
                continue
            # the NER label when the entity and the name coincide
            label = ent.label_ if ent is not None and ent.start <= s and ent.end >= e else "NAME"
            if all(h.via == "demonym" for h in hits) and label in ("NAME", "NORP", "ORG"):
                label = "DEMONYM"
            elif all(h.entry.source in ("state", "territory") for h in hits) and label != "GPE":
                label = "GPE" if label in ("NAME", "ORG", "PERSON", "FAC") else label
            add(s, e, label)
        for ent in ents:
            s, e = ent.start, ent.end
            free = [i for i in range(s, e) if not taken[i]]
            if not free:
                continue
            # keep the longest free run of the entity
            runs: list[list[int]] = []
            for i in free:
                if runs and runs[-1][-1] == i - 1:
                    runs[-1].append(i)
                else:
                    runs.append([i])
            run = max(runs, key=len)
            rs, re_ = run[0], run[-1] + 1
            if ent.label_ == "PERSON":
                # titles swallowed into the entity ("President Kassym-Jomart Tokayev")
                while rs < re_ - 1 and norm(doc[rs].text) in kb.sectors.nouns:
                    rs += 1
            if re_ - rs == 0:
                continue
            if not any(doc[i].text[:1].isupper() and any(ch.isalpha() for ch in doc[i].text)
                       for i in range(rs, re_)):
                continue
            words = [norm(doc[i].text) for i in range(rs, re_)]
            if all(w in kb.sectors.nouns or w in kb.sectors.modifiers for w in words) \
                    and doc[rs:re_].root.dep_ in ("compound", "amod"):
                continue  # "Defense" in "U.S. Defense Secretary Hegseth" is part of a title
            add(rs, re_, ent.label_)
        # Actor nouns: noun chunks headed by a sector noun ("armed factions", "the commander").
        nouns = kb.sectors.nouns
        irregular = kb.sectors.irregular
        for chunk in doc.noun_chunks:
            root = chunk.root
            if taken[root.i] or root.pos_ not in ("NOUN", "PROPN"):
                continue
            first = chunk[0]
            if first.lower_ in _SKIP_DET:
                continue
            low = root.lower_
            cands = {low, root.lemma_.lower(), irregular.get(low, low)}
            if low.endswith("s"):
                cands.add(low[:-1])
            prev = doc[root.i - 1].lower_ if root.i > chunk.start else ""
            two = {f"{prev} {c}" for c in cands} if prev else set()
            if not (cands & nouns.keys() or two & nouns.keys()):
                continue
            if root.pos_ == "PROPN" and root.text[:1].isupper() and low not in nouns:
                continue
            s = chunk.start
            # the mention starts after a possessor ("Iran's ambassador" -> "ambassador")
            for t in chunk:
                if t.dep_ == "case" and t.i < root.i:
                    s = t.i + 1
            e = root.i + 1
            # demonyms / orgs inside the chunk are absorbed into the noun unit
            for i in range(s, e):
                if taken[i]:
                    owner = next((u for u in units if u.start <= i < u.end), None)
                    if owner is not None and owner.end <= root.i and owner.kind == "named":
                        units.remove(owner)
                        for k in range(owner.start, owner.end):
                            taken[k] = False
            add(s, e, "NOUN", kind="noun")
        # Personal pronouns.
        for t in doc:
            if t.lower_ in _PRONOUNS and t.pos_ == "PRON" and not taken[t.i]:
                add(t.i, t.i + 1, "PRON", kind="pron")
        units.sort(key=lambda u: u.start)
        for u in units:
            u.root = doc[u.start:u.end].root.i
            u.sent = sent_of.get(u.start, 0)
        return units

    # ------------------------------------------------------------------ 2. resolution
    def _phrase_for(self, doc: Any, u: Unit) -> str:
        """The text the resolver sees: the unit plus its title in front and complements after."""
        s, e = u.start, u.end
        u.name_text = None
        if u.kind == "named" and u.label in ("PERSON", "NAME", "LOC", "ORG"):
            s = self._title_start(doc, u)
        if u.kind == "named" and u.label == "PERSON":
            # affiliation right after the name: "Sarah Jones of Human Rights Watch"
            for child in doc[u.root].rights:
                if child.dep_ == "prep" and child.lower_ in ("of", "from", "with"):
                    sub = list(child.subtree)
                    if len(sub) <= 7:
                        e = sub[-1].i + 1
                    break
        if u.kind == "noun":
            root = doc[u.root]
            # possessor and pre-modifiers of the chunk
            left = [t.i for t in root.lefts]
            for t in root.lefts:
                left.extend(x.i for x in t.subtree)
            if left:
                s = min(s, min(left))
            while s < u.start and doc[s].lower_ in _LEAD_DROP:
                s += 1
            if s == u.start and s >= 2 and doc[s - 1].text in ("'s", "’s"):
                # possessor the parser attached elsewhere ("... as well as Iran's ambassador")
                j = s - 2
                while j > 0 and doc[j - 1].pos_ == "PROPN" and s - j < 5:
                    j -= 1
                s = j
            for child in root.rights:
                if child.dep_ == "prep" and child.lower_ in _COMPLEMENT_PREPS:
                    sub = list(child.subtree)
                    if len(sub) <= 8 and not any("\n" in t.text_with_ws for t in doc[u.end - 1:sub[-1].i]):
                        e = max(e, sub[-1].i + 1)
                    break
            # the actor's name: the description without long complements, on one line
            ne = e if e - u.end <= 5 else u.end
            ns = s
            while ns < u.start and any("\n" in t.text_with_ws for t in doc[ns:u.start]):
                ns += 1
            u.name_text = doc[ns:ne].text.rstrip(" ,;:-")
        return doc[s:e].text

    def _title_start(self, doc: Any, u: Unit) -> int:
        """Leftmost token of the title in front of a name ("U.S. Defense Secretary Pete Hegseth")."""
        kb = self.kb
        assert kb is not None
        s = u.start
        j = s - 1
        seen_title = False
        limit = max(0, s - 8)
        while j >= limit:
            t = doc[j]
            k = norm(t.text)
            if t.text in ("'s", "’s"):
                j -= 1
                continue
            if t.text == "-":
                j -= 1
                continue
            if k in kb.sectors.nouns or k in kb.sectors.role_keys or k in kb.sectors.modifiers or \
                    k in kb.sectors.former:
                seen_title = True
                j -= 1
                continue
            if t.pos_ in ("PROPN", "ADJ", "NOUN") and t.dep_ in ("compound", "amod", "poss", "nmod") \
                    and t.head.i >= j and t.head.i < u.end + 1:
                j -= 1
                continue
            break
        start = j + 1
        if not seen_title:
            return s
        while start < s and (doc[start].is_punct or doc[start].lower_ in _LEAD_DROP):
            start += 1
        return start

    def _resolve(self, doc: Any, units: list[Unit], date: str) -> None:
        self._resolve_each(doc, units, date)
        # "Ferguson, Missouri": a place with no country takes the one of the place after it.
        starts = {u.start: u for u in units}
        for u in units:
            if u.kind != "named" or u.info is None or u.info.country or u.label not in ("GPE", "LOC"):
                continue
            if u.end < len(doc) and doc[u.end].text == ",":
                nxt = starts.get(u.end + 1)
                if nxt is not None and nxt.info is not None and nxt.info.country and nxt.label == "GPE":
                    u.info = replace(u.info, country=nxt.info.country, kind=u.info.kind or "group")

    def _resolve_each(self, doc: Any, units: list[Unit], date: str) -> None:
        for u in units:
            if u.kind == "pron":
                continue
            text = self._phrase_for(doc, u)
            u.phrase = text
            # "the US president" is read at the document date; without a date nobody is guessed
            info = analyze_phrase(text, None, date, u.kind == "noun" and self._dated, False, True)
            if u.kind == "noun" and info.sector in (None, "UNK") and info.country is None and info.entry is None:
                if u.start > 0 and doc[u.start - 1].lower_ in ("the", "its", "their") and u.end - u.start == 1:
                    u.weak = True  # "the group" may name an actor mentioned before
                else:
                    continue  # "Original Source", "figures": nothing to code
            if u.kind == "named" and info.entry is None and text != u.key_text(doc):
                # the title did not name anyone we know: keep the name's own reading too
                own = analyze_phrase(u.key_text(doc), None, date, False, False, True)
                if own.entry is not None:
                    info = own
            if u.label == "PERSON" and info.country_source == "place" and info.entry is None \
                    and info.head is None and self.kb.place_pop.get(norm(u.key_text(doc)), 0) < 100_000:
                # a person named like a town ("Laude") is not that town
                info = analyze_phrase(u.key_text(doc) + " ", None, date, False, False, True)
                if info.country_source == "place":
                    info = PhraseInfo(text=info.text, label=u.key_text(doc), kind="person",
                                      person_name=u.key_text(doc))
            u.info = info

    # ------------------------------------------------------------------ 3. coreference
    def _corefer(self, doc: Any, units: list[Unit], date: str) -> list[list[Unit]]:
        clusters: list[list[Unit]] = []
        by_key: dict[str, int] = {}
        persons: list[tuple[int, str, int]] = []  # (cluster, normalised full name, sentence)
        unit_at: dict[int, Unit] = {}
        for u in units:
            for i in range(u.start, u.end):
                unit_at[i] = u

        def join(u: Unit, c: int) -> None:
            u.cluster = c
            clusters[c].append(u)

        def new(u: Unit, key: str | None) -> int:
            clusters.append([])
            c = len(clusters) - 1
            join(u, c)
            if key:
                by_key[key] = c
            return c

        for u in units:
            if u.kind == "pron" or u.info is None:
                continue
            info = u.info
            text = norm(u.key_text(doc))
            # apposition: "Esmail Qaani, the commander of ..." / "the commander ..., Esmail Qaani"
            root = doc[u.root]
            if root.dep_ == "appos" and root.head.i in unit_at:
                other = unit_at[root.head.i]
                if other.cluster >= 0 and other is not u:
                    if u.kind == "noun":
                        self._unguess(u, other, date)
                    else:
                        self._unguess(other, u, date)
                    if self._compatible(other, u) or (other.kind == "noun" and u.kind == "named"
                                                      and self._compatible(u, other)):
                        join(u, other.cluster)
                        continue
            if info.entry is not None:
                key = info.entry.id
                if key in by_key:
                    join(u, by_key[key])
                else:
                    c = new(u, key)
                    if info.kind == "person" or info.entry.source == "person":
                        persons.append((c, norm(info.entry.name), u.sent))
                continue
            if u.kind == "named" and (info.kind == "person" or u.label == "PERSON"):
                # full name or surname of someone already mentioned
                toks = text.split()
                hit = None
                for c, full, _ in reversed(persons):
                    ftoks = full.split()
                    if text == full or (len(toks) == 1 and toks[0] in ftoks[-2:]) or \
                            (len(toks) < len(ftoks) and ftoks[-len(toks):] == toks):
                        hit = c
                        break
                if hit is not None:
                    join(u, hit)
                    continue
                c = new(u, "pname:" + text)
                persons.append((c, text, u.sent))
                continue
            if u.kind == "named":
                key = "name:" + (norm(info.label or "") or text)
                if key in by_key:
                    join(u, by_key[key])
                else:
                    new(u, key)
                continue
            # actor nouns (clustered by the singular of the head word: "armed factions" ~ "factions")
            head = _head_key(info.head or text, self.kb)
            if info.kind == "person" and not info.plural:
                # a title alone: the latest person with that title ("the commander")
                target = self._title_antecedent(u, clusters, persons, info)
                if target is not None:
                    join(u, target)
                    continue
                key = f"title:{head}:{info.country}:{info.sector}:{info.posted_to}"
            else:
                key = f"group:{head}:{info.country}:{info.sector}"
            if key in by_key:
                join(u, by_key[key])
            else:
                new(u, key)
        # Apposition written the other way round: the named unit is the appositive.
        for u in units:
            if u.kind != "named" or u.cluster < 0:
                continue
            root = doc[u.root]
            if root.dep_ == "appos" and root.head.i in unit_at:
                other = unit_at[root.head.i]
                if other.kind == "noun" and other.cluster >= 0 and other.cluster != u.cluster \
                        and len(clusters[other.cluster]) == 1:
                    self._unguess(other, u, date)
                    if self._compatible(u, other):
                        self._move(clusters, other, u.cluster)
        # Country-less groups join the one group with the same head that has a country.
        by_head: dict[tuple[str, str | None], list[int]] = {}
        for ci, cl in enumerate(clusters):
            if not cl:
                continue
            info = cl[0].info
            if cl[0].kind == "noun" and info is not None and info.kind != "person" and info.country:
                by_head.setdefault((_head_key(info.head or "", self.kb), info.sector), []).append(ci)
        for ci, cl in enumerate(clusters):
            if not cl or cl[0].kind != "noun":
                continue
            info = cl[0].info
            if info is None or info.country or info.kind == "person":
                continue
            targets = sorted(set(by_head.get((_head_key(info.head or "", self.kb), info.sector), [])))
            if len(targets) == 1:
                for u in list(cl):
                    self._move(clusters, u, targets[0])
                continue
            # "the army" after "the Syrian army", "the group" after "the Islamic State group":
            # a definite description joins the latest named actor with the same head word.
            u0 = cl[0]
            if doc[u0.start - 1].lower_ not in ("the", "its", "their") if u0.start > 0 else True:
                continue
            if info.plural:
                continue
            head = _head_key(info.head or "", self.kb)
            best = None
            for other in units:
                if other.start >= u0.start or other.cluster < 0 or other.cluster == ci:
                    continue
                if u0.sent - other.sent > 5 or other.info is None or other.weak:
                    continue
                if other.kind != "named" and other.info.entry is None:
                    continue
                if not (other.info.country or other.info.sector) or other.info.kind == "person":
                    continue
                words = norm(doc[other.start:other.end].text).split()
                if words and _head_key(words[-1], self.kb) == head:
                    best = other.cluster
                elif head in _ORG_HEADS and other.info.kind == "organization" and u0.sent - other.sent <= 3 \
                        and (other.info.entry is None or other.info.entry.source == "org"):
                    best = other.cluster  # "Hezbollah fired rockets. The group said ..."
            if best is not None:
                for u in list(cl):
                    self._move(clusters, u, best)
        # "its fighters", "their leaders": the owner is the latest actor of the sentence.
        for u in units:
            info = u.info
            if u.kind != "noun" or info is None or info.country is not None or u.cluster < 0:
                continue
            if not any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in doc[u.root].children):
                continue
            owner = next((x for x in reversed(units) if x.start < u.start and x.sent == u.sent
                          and x.cluster >= 0 and x.cluster != u.cluster and x.info is not None
                          and x.info.kind in ("organization", "state", "group")
                          and any(y.info is not None and y.info.country for y in clusters[x.cluster])), None)
            if owner is None:
                continue
            oi = next(y.info for y in clusters[owner.cluster] if y.info is not None and y.info.country)
            sector = info.sector
            if (info.head or "") in self.kb.sectors.generic_heads or (
                    sector in (None, "UNK", "MIL") and oi.sector not in (None, "GOV")):
                sector = oi.sector or sector
            u.info = replace(info, country=oi.country, sector=sector)
        # Descriptions that found no antecedent and say nothing are dropped.
        for cl in clusters:
            if cl and all(u.weak for u in cl):
                for u in cl:
                    u.cluster = -1
                cl.clear()
        # Pronouns.
        self._pronouns(doc, units, clusters)
        return [cl for cl in clusters if cl]

    @staticmethod
    def _unguess(desc: Unit, name: Unit, date: str) -> None:
        """A title next to a name is that person's title, not today's holder of it."""
        if desc.info is not None and desc.info.via == "role" and name.info is not None and (
                name.info.entry is None or name.info.entry.id != desc.info.entry.id):
            desc.info = analyze_phrase(desc.phrase, None, date, False, False, True)

    @staticmethod
    def _compatible(a: Unit, b: Unit) -> bool:
        """Can ``b`` (a description) be the same actor as ``a`` (a name)?"""
        ia, ib = a.info, b.info
        if ia is None or ib is None:
            return False
        if ib.plural:
            return False
        if a.kind == "named" and b.kind == "named":
            # two names are one actor only when one is the other's acronym ("PMF") or both
            # resolve to the same knowledge-base entry; "Bob Corker" is not "David Petraeus"
            if ia.entry is not None and ib.entry is not None:
                return ia.entry.id == ib.entry.id
            ta, tb = ia.text.strip(), ib.text.strip()
            short, long_ = (tb, ta) if len(tb) <= len(ta) else (ta, tb)
            letters = short.replace(".", "")
            if not (letters.isupper() and len(letters) <= 6):
                return False
            initials = "".join(w[0] for w in long_.replace("-", " ").split() if w[:1].isupper())
            it = iter(initials)
            return all(ch in it for ch in letters)  # "PMF" < "Popular Mobilization Forces"
        if b.info is not None and b.info.entry is not None and b.info.via == "role" and (
                ia.entry is None or ia.entry.id != b.info.entry.id):
            return False  # a title read as today's holder must not swallow another name
        ka = ia.kind or ("person" if a.label == "PERSON" else None)
        kb_ = ib.kind
        if ka == "person" and kb_ not in ("person", None):
            return False
        if ka in ("organization", "group") and kb_ == "person":
            return False
        return True

    @staticmethod
    def _move(clusters: list[list[Unit]], u: Unit, target: int) -> None:
        if u.cluster == target:
            return
        if u.cluster >= 0 and u in clusters[u.cluster]:
            clusters[u.cluster].remove(u)
        u.cluster = target
        clusters[target].append(u)

    def _title_antecedent(self, u: Unit, clusters: list[list[Unit]], persons: list[tuple[int, str, int]],
                          info: PhraseInfo) -> int | None:
        """The person a bare title refers to: same role word, mentioned in the last 3 sentences."""
        if info.entry is not None:
            return None
        head = (info.head or "").split()[-1] if info.head else ""
        if not head:
            return None
        for c, _, sent in reversed(persons):
            if u.sent - sent > 3:
                continue
            cl = clusters[c]
            roles = [r for x in cl if x.info for r in x.info.roles]
            titles = " ".join(norm(r.title) for r in roles)
            if head in titles.split() or (info.role_key and any(
                    x.info and x.info.role_key == info.role_key for x in cl)):
                if info.country and any(r.country not in (None, info.country) for r in roles[:1]):
                    continue
                return c
        return None

    def _pronouns(self, doc: Any, units: list[Unit], clusters: list[list[Unit]]) -> None:
        assert self.kb is not None
        gender = self.kb.sectors.gender
        person_units = [u for u in units if u.kind != "pron" and u.cluster >= 0 and u.info is not None
                        and (u.info.kind == "person" or u.label == "PERSON") and not u.info.plural]

        def cluster_gender(c: int) -> str | None:
            for x in clusters[c]:
                if x.kind == "noun" and x.info is not None and x.info.head:
                    g = gender.get(x.info.head.split()[-1])
                    if g:
                        return g
            return None

        for u in units:
            if u.kind != "pron":
                continue
            want = _PRONOUNS[doc[u.start].lower_]
            pool = [p for p in person_units if cluster_gender(p.cluster) in (None, want)]
            same = [p for p in pool if p.sent == u.sent and p.end <= u.start]
            cands = {p.cluster for p in same}
            target = None
            if len(cands) == 1:
                target = cands.pop()
            elif not cands:
                prev = [p for p in pool if 0 < u.sent - p.sent <= self.max_pronoun_distance]
                pc = {p.cluster for p in prev}
                if len(pc) == 1:
                    target = pc.pop()
                elif pc:
                    subj = [p for p in prev if doc[p.root].dep_ in ("nsubj", "nsubjpass")
                            and p.sent == u.sent - 1]
                    sc = {p.cluster for p in subj}
                    if len(sc) == 1:
                        target = sc.pop()
            if target is not None:
                u.cluster = target
                clusters[target].append(u)

    # ------------------------------------------------------------------ 4. writing
    def _write(self, adoc: AnalyzedDocument, doc: Any, units: list[Unit], clusters: list[list[Unit]],
               date: str) -> None:
        text = adoc.document.text
        ordered = sorted((cl for cl in clusters if any(u.kind != "pron" for u in cl)),
                         key=lambda cl: min(u.start for u in cl))
        actors: list[Actor] = []
        mentions: list[Mention] = []
        for n, cl in enumerate(ordered, start=1):
            aid = f"A{n}"
            actor = self._build_actor(aid, doc, cl, date)
            for u in sorted(cl, key=lambda x: x.start):
                span = doc[u.start:u.end]
                m = Mention(text=text[span.start_char:span.end_char], start=span.start_char,
                            end=span.end_char, sentence=u.sent,
                            label="TITLE" if (u.kind == "noun" and u.info is not None and u.info.kind == "person"
                                              and not u.info.plural) else u.label,
                            actor=aid)
                actor.mentions.append(m)
                mentions.append(m)
            actors.append(actor)
        mentions.sort(key=lambda m: (m.start, m.end))
        adoc.actors = actors
        adoc.mentions = mentions

    def _build_actor(self, aid: str, doc: Any, cl: list[Unit], date: str) -> Actor:
        real = [u for u in cl if u.info is not None]
        kb_unit = next((u for u in real if u.info.entry is not None), None)
        roles: list[Role] = []
        seen_titles: set[Any] = set()
        for u in real:
            for r in u.info.roles:
                rk = role_key_of(r.title, self.kb.sectors) or norm(r.title)
                key = (rk, r.sector, r.posted_to)
                if key not in seen_titles and norm(r.title) not in seen_titles:
                    seen_titles.add(key)
                    seen_titles.add(norm(r.title))
                    roles.append(r)
        if kb_unit is not None:
            info = kb_unit.info
            e: Entry = info.entry
            name = e.name
            kind = e.kind if e.source != "person" else "person"
            country = info.country if info.country is not None else e.country
            sector = info.sector
            kb_id = e.id
            if e.source == "state":
                sector = None
        else:
            # prefer a proper name, then the most specific description
            named = [u for u in real if u.kind == "named"]
            primary = named[0] if named else real[0]
            info = primary.info
            if primary.label == "PERSON":
                name = max((doc[u.start:u.end].text for u in named if u.label == "PERSON"), key=len)
            elif primary.kind == "noun":
                name = primary.name_text or doc[primary.start:primary.end].text
            else:
                name = info.label or doc[primary.start:primary.end].text
            kind = info.kind or ("person" if primary.label == "PERSON" else "organization"
                                 if primary.label == "ORG" else "group")
            if primary.label == "PERSON":
                kind = "person"
            country = next((u.info.country for u in real if u.info.country), None)
            sector = next((u.info.sector for u in real if u.info.sector and u.info.sector != "UNK"), None) \
                or next((u.info.sector for u in real if u.info.sector), None)
            kb_id = None
        return Actor(id=aid, name=name, country=country, sector=sector, kind=kind or "group",
                     roles=roles, kb_id=kb_id)


def _head_key(head: str, kb: KnowledgeBase | None) -> str:
    word = head.split()[-1] if head.split() else head
    if kb is not None and word in kb.sectors.irregular:
        return kb.sectors.irregular[word]
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word

