"""Coreference: which units name the same actor.

Why several small passes instead of one model: each says one thing a news story does when it
names an actor again - the same knowledge-base entry, a surname after the full name, an
apposition ("Esmail Qaani, the commander of ..."), a bare title ("the commander"), a definite
description ("the group" after "the Islamic State group"), a possessive owner ("its fighters"), a
pronoun ("he", "they", "it") - and each can be tested and read alone. Every pass only ever joins
a unit to an actor already named, so a pronoun with no clear antecedent stays unresolved rather
than becoming an actor of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from .kb import KnowledgeBase, actor_lexicon, norm
from .resolve import STATE_BODY_SECTORS, analyze_phrase
from .units import GROUP_PRONOUNS, PERSON_PRONOUNS, THING_PRONOUNS, DocContext, Unit

ORG_HEADS = actor_lexicon()["coreferent_org_heads"]
OTHER_SIDE_WORDS = actor_lexicon()["other_side_words"]
CROWD_VERBS = frozenset(actor_lexicon()["crowd_verbs"])
AGAINST_OWN_VERBS = frozenset(actor_lexicon()["against_own_verbs"])
SUPPORTER_HEADS = frozenset(actor_lexicon()["supporter_heads"])
CROWD_SECTORS = frozenset(actor_lexicon()["crowd_sectors"])
OBJECT_CONTROL_VERBS = frozenset(actor_lexicon()["object_control_verbs"])
PERSON_BODY_HEADS = frozenset(actor_lexicon()["person_body_heads"])
# How far back (sentences) a pronoun looks for its antecedent when the nearest sentences have none.
PRONOUN_LOOKBACK = 3
# Verbs that say what a named actor is ("X is / was / became / remains a Y").
COPULAS = frozenset({"be", "become", "remain"})


@dataclass
class Clusters:
    """Actors under construction: lists of units, with the keys that find them again."""

    units: list[Unit]
    groups: list[list[Unit]] = field(default_factory=list)
    by_key: dict[str, int] = field(default_factory=dict)
    persons: list[tuple[int, str, int]] = field(default_factory=list)  # (cluster, full name, sentence)
    # the same and the people named beside a title ("opposition leader Salem Ben Mabrouk"), whom a
    # surname names again; a bare title looks back to ``persons`` only
    names: list[tuple[int, str, int]] = field(default_factory=list)
    unit_at: dict[int, Unit] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for u in self.units:
            for i in range(u.start, u.end):
                self.unit_at[i] = u

    def join(self, u: Unit, c: int) -> None:
        u.cluster = c
        self.groups[c].append(u)

    def new(self, u: Unit, key: str | None) -> int:
        self.groups.append([])
        c = len(self.groups) - 1
        self.join(u, c)
        if key:
            self.by_key[key] = c
        return c

    def join_or_new(self, u: Unit, key: str) -> int:
        if key in self.by_key:
            self.join(u, self.by_key[key])
            return self.by_key[key]
        return self.new(u, key)

    def add_person(self, c: int, name: str, sent: int) -> None:
        self.persons.append((c, name, sent))
        self.names.append((c, name, sent))

    def move(self, u: Unit, target: int) -> None:
        if u.cluster == target:
            return
        if u.cluster >= 0 and u in self.groups[u.cluster]:
            self.groups[u.cluster].remove(u)
        u.cluster = target
        self.groups[target].append(u)

    def coded(self, c: int) -> Any:
        """The first unit info of cluster ``c`` with a country, or None."""
        return next((y.info for y in self.groups[c] if y.info is not None and y.info.country), None)

    def stateless(self, c: int) -> Any:
        """The first unit info of cluster ``c`` that names an organisation of no country (the
        Islamic State, al-Qaeda): its codes are its sector alone, or None."""
        return next((y.info for y in self.groups[c] if y.info is not None and y.info.entry is not None
                     and y.info.country is None and y.info.sector), None)


OWNER_PRONOUNS = frozenset({"its", "their", "his", "her"})


class Coreference:
    """Groups a document's units into actors (see module docstring)."""

    def __init__(self, kb: KnowledgeBase, *, max_pronoun_distance: int = 1):
        self.kb = kb
        self.max_pronoun_distance = max_pronoun_distance

    def cluster(self, ctx: DocContext, units: list[Unit]) -> list[list[Unit]]:
        cl = Clusters(units)
        for u in units:
            if u.kind != "pron" and u.info is not None:
                self._place(ctx, cl, u)
        self._appositions_after_noun(ctx, cl)
        self._predicate_descriptions(ctx, cl)
        self._countryless_groups(ctx, cl)
        for group in cl.groups:
            if group and all(u.weak for u in group):  # descriptions that found no antecedent
                for u in group:
                    u.cluster = -1
                group.clear()
        self._pronouns(ctx, cl)
        self._possessive_owners(ctx, cl)
        return [g for g in cl.groups if g]

    # ------------------------------------------------------------------ first placement
    def _place(self, ctx: DocContext, cl: Clusters, u: Unit) -> None:
        """Put one unit in an actor: apposition, KB entry, person name, name or description."""
        doc, info = ctx.doc, u.info
        assert info is not None
        text = norm(u.key_text(doc))
        person = info.kind == "person" or (info.entry is not None and info.entry.source == "person")
        if self._apposition(ctx, cl, u):
            if info.entry is not None:  # "the Iraqi Foreign Minister, Ibrahim al-Jaafari" … "Jaafari"
                cl.by_key.setdefault(info.entry.id, u.cluster)
            if u.kind == "named" and (person or u.label == "PERSON"):
                # "sentenced opposition leader Salem Ben Mabrouk" … "Mabrouk": named again by his surname
                cl.names.append((u.cluster, norm(info.entry.name) if info.entry is not None else text, u.sent))
            return
        if info.entry is not None:
            if info.entry.id in cl.by_key:
                cl.join(u, cl.by_key[info.entry.id])
            else:
                short = _headline_short_name(cl, text) if person else None
                if short is not None:  # "Parliament impeaches President Yoon" … "Yoon Suk Yeol"
                    cl.join(u, short)
                    cl.by_key[info.entry.id] = short
                    return
                c = cl.new(u, info.entry.id)
                if person:
                    cl.add_person(c, norm(info.entry.name), u.sent)
            return
        if u.kind == "named" and (info.kind == "person" or u.label == "PERSON"):
            hit = _earlier_person(cl, text)
            if hit is None:
                hit = _headline_short_name(cl, text)
            if hit is not None:
                cl.join(u, hit)
                return
            c = cl.new(u, "pname:" + text)
            cl.add_person(c, text, u.sent)
            return
        if u.kind == "named":
            stranger = u.label in ("ORG", "GPE") and len(text.split()) == 1 and info.kind in (None, "organization")
            if stranger:
                # a surname the tagger read as an organisation or a place ("Qanbar was captured …"
                # after "Abboud Qanbar is an Iraqi general"): the person named in full before
                hit = _earlier_person(cl, text)
                if hit is not None:
                    u.label = "PERSON"  # that person, whom "he" may name next ("He has refused …")
                    cl.join(u, hit)
                    return
            c = cl.join_or_new(u, "name:" + (norm(info.label or "") or text))
            if stranger and u.sent == 0 and info.entry is None and not (info.country or info.sector):
                cl.add_person(c, text, u.sent)  # a headline's surname, named in full below
            return
        # actor nouns (clustered by the singular of the head word: "armed factions" ~ "factions")
        head = head_key(info.head or text, self.kb)
        if info.kind == "person" and not info.plural:
            # a title alone: "the commander" (one written in front of a name is that person's:
            # "nominated former minister Mohammed Shia al-Sudani" is not the minister named before)
            target = None if _titles_a_name(doc, u, cl) else self._title_antecedent(u, cl)
            if target is not None:
                cl.join(u, target)
                return
            cl.join_or_new(u, f"title:{head}:{info.country}:{info.sector}:{info.posted_to}")
            return
        # "several Latin American governments", "foreign fighters": from elsewhere, not the story's
        # government or fighters named before
        elsewhere = "+".join(sorted({w for w in text.split() if w in self.kb.sectors.not_from_story}))
        cl.join_or_new(u, f"group:{head}:{info.country}:{info.sector}:{elsewhere}")

    def _apposition(self, ctx: DocContext, cl: Clusters, u: Unit) -> bool:
        """"Esmail Qaani, the commander of ..." / "the commander ..., Esmail Qaani"."""
        root = ctx.doc[u.root]
        if root.dep_ != "appos" or root.head.i not in cl.unit_at:
            return False
        other = cl.unit_at[root.head.i]
        if other.cluster < 0 or other is u:
            return False
        if u.kind == "noun":
            unguess(u, other, ctx.date)
        else:
            unguess(other, u, ctx.date)
        if compatible(other, u) or (other.kind == "noun" and u.kind == "named" and compatible(u, other)):
            cl.join(u, other.cluster)
            return True
        return False

    def _title_antecedent(self, u: Unit, cl: Clusters) -> int | None:
        """The person a bare title refers to: same role word, mentioned in the last 3 sentences."""
        info = u.info
        if info is None or info.entry is not None or not info.head:
            return None
        head = info.head.split()[-1]
        for c, _, sent in reversed(cl.persons):
            if u.sent - sent > 3:
                continue
            group = cl.groups[c]
            roles = [r for x in group if x.info for r in x.info.roles]
            titles = " ".join(norm(r.title) for r in roles)
            # the title as the text wrote it before the name ("Foreign Secretary Philip Hammond …
            # the Foreign Secretary"), whatever role the knowledge base holds for that date
            written = " " + " ".join(norm(x.phrase) for x in group if x.phrase) + " "
            # a qualified title must match whole: "his defence minister" is not the prime minister
            held = f" {norm(info.head)} " in f" {titles} " if " " in norm(info.head) else head in titles.split()
            if held or f" {norm(info.head)} " in written or (info.role_key and any(
                    x.info and x.info.role_key == info.role_key for x in group)):
                if info.country and any(r.country not in (None, info.country) for r in roles[:1]):
                    continue
                return c
        return None

    # ------------------------------------------------------------------ later passes
    def _appositions_after_noun(self, ctx: DocContext, cl: Clusters) -> None:
        """Apposition written the other way round: the named unit is the appositive."""
        doc = ctx.doc
        for u in cl.units:
            if u.kind != "named" or u.cluster < 0:
                continue
            root = doc[u.root]
            if root.dep_ == "appos" and root.head.i in cl.unit_at:
                other = cl.unit_at[root.head.i]
                if other.kind == "noun" and other.cluster >= 0 and other.cluster != u.cluster \
                        and len(cl.groups[other.cluster]) == 1:
                    unguess(other, u, ctx.date)
                    if compatible(u, other):
                        cl.move(other, u.cluster)

    def _predicate_descriptions(self, ctx: DocContext, cl: Clusters) -> None:
        """A description said of a name with "be": "Abboud Qanbar is an Iraqi general", "Lokshina
        was a researcher at Human Rights Watch" — the same actor, as in an apposition. Not when
        denied ("X is not a member of …") and not plural descriptions (a list, not the actor)."""
        doc = ctx.doc
        for u in cl.units:
            if u.kind != "noun" or u.cluster < 0 or len(cl.groups[u.cluster]) != 1:
                continue
            root = doc[u.root]
            verb = root.head
            if root.dep_ != "attr" or verb.lemma_ not in COPULAS or any(c.dep_ == "neg" for c in verb.children):
                continue
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            name = cl.unit_at.get(subject.i) if subject is not None else None
            if name is None or name.kind != "named" or name.cluster < 0 or name.cluster == u.cluster:
                continue
            unguess(u, name, ctx.date)
            if compatible(name, u):
                cl.move(u, name.cluster)

    def _countryless_groups(self, ctx: DocContext, cl: Clusters) -> None:
        """A group with no country joins the one group with its head word that has one
        ("the militias" after "Iraqi militias"), else the latest named actor with that head
        ("the army" after "the Syrian army", "the group" after "Hezbollah"). A bare title ("the
        ambassador" after "the French ambassador") joins the one earlier same title with a
        country."""
        by_head: dict[tuple[str, str | None], list[int]] = {}
        by_title: dict[tuple[str, str | None], list[int]] = {}
        for ci, group in enumerate(cl.groups):
            if not group:
                continue
            info = group[0].info
            if group[0].kind == "noun" and info is not None and info.country and info.kind == "person":
                by_title.setdefault((norm(info.head or ""), info.sector), []).append(ci)
            elif group[0].kind == "noun" and info is not None and info.country:
                by_head.setdefault((head_key(info.head or "", self.kb), info.sector), []).append(ci)
        for ci, group in enumerate(cl.groups):
            if not group or group[0].kind != "noun":
                continue
            info = group[0].info
            if info is None or info.country:
                continue
            if info.kind == "person":
                self._bare_title(ctx, cl, ci, by_title)
                continue
            if any(u.info is not None and u.info.entry is not None for u in group):
                continue  # "the Islamic State militant group" names its actor: nothing to look back for
            # "enemy forces" are not the "Iraqi forces" named before: the other side stays apart
            movable = [u for u in group if not any(w in OTHER_SIDE_WORDS for w in norm(u.phrase).split())]
            # "its forces", "their fighters" belong to who the pronoun names (``_possessive_owners``)
            movable = [u for u in movable if not any(c.dep_ == "poss" and c.lower_ in OWNER_PRONOUNS
                                                     for c in ctx.doc[u.root].children)]
            targets = sorted(set(by_head.get((head_key(info.head or "", self.kb), info.sector), [])))
            if len(targets) == 1:
                for u in movable:
                    cl.move(u, targets[0])
                continue
            best = self._named_antecedent(ctx, cl, ci)
            if best is not None:
                for u in movable:
                    cl.move(u, best)

    def _bare_title(self, ctx: DocContext, cl: Clusters, ci: int,
                    by_title: dict[tuple[str, str | None], list[int]]) -> None:
        """"The ambassador would stay" after "ordered the French ambassador to leave": a singular
        title with "the" and no country of its own is the one earlier same title (and sector) with
        a country (never when two such titles came before)."""
        group = cl.groups[ci]
        u0, info = group[0], group[0].info
        if info.plural or u0.start == 0 or ctx.doc[u0.start - 1].lower_ != "the":
            return
        # the whole title: "the Prime Minister" is not "the Iraqi Foreign Minister"
        earlier = [c for c in by_title.get((norm(info.head or ""), info.sector), [])
                   if min(x.start for x in cl.groups[c]) < u0.start]
        if len(set(earlier)) == 1:
            for u in list(group):
                cl.move(u, earlier[0])

    def _named_antecedent(self, ctx: DocContext, cl: Clusters, ci: int) -> int | None:
        doc = ctx.doc
        u0 = cl.groups[ci][0]
        info = u0.info
        if u0.start == 0 or doc[u0.start - 1].lower_ not in ("the", "its", "their"):
            return None
        if info.plural and doc[u0.start - 1].lower_ != "the":
            return None
        if _names_itself(doc, u0.root):
            return None  # "the Emergency Lawyers group" names itself; it refers back to no one
        head = head_key(info.head or "", self.kb)
        best = None
        for other in cl.units:
            if other.start >= u0.start or other.cluster < 0 or other.cluster == ci:
                continue
            if u0.sent - other.sent > 5 or other.info is None or other.weak:
                continue
            if other.kind != "named" and other.info.entry is None and not (
                    head in ORG_HEADS and _names_itself(doc, other.root)):
                continue  # (a group's description with a name in it may be one: "the ELN guerrilla group")
            if not (other.info.country or other.info.sector) or other.info.kind == "person":
                continue
            words = norm(doc[other.start:other.end].text).split()
            if words and head_key(words[-1], self.kb) == head:
                best = other.cluster  # ("the rebels" after "Yemen's Houthi rebels": the same plural)
            elif info.plural:
                continue  # ("the groups" are not the one group named before)
            elif (head in ORG_HEADS or (head.rpartition(" ")[2] in ORG_HEADS and info.sector == other.info.sector)) \
                    and other.info.kind == "organization" and u0.sent - other.sent <= 3 \
                    and (other.info.entry is None or other.info.entry.source == "org") and other.info.sector != "JRN" \
                    and not (other.info.country and other.info.sector in STATE_BODY_SECTORS):
                # "Hezbollah fired rockets. The group said ...", "… the paramilitary group" (of the
                # same sector; never the wire service, nor a state's army or ministry)
                best = other.cluster
        return best

    def _possessive_owners(self, ctx: DocContext, cl: Clusters) -> None:
        """"its fighters", "their leaders", "his defence minister": a description without a
        country of its own takes its owner's. The owner is who the possessive pronoun refers to,
        else (its / their) the latest actor of the sentence; a group's or an organisation's
        generic head takes its sector too ("its fighters")."""
        doc = ctx.doc
        for u in cl.units:
            info = u.info
            if u.kind != "noun" or info is None or info.country is not None or u.cluster < 0:
                continue
            poss = next((c for c in doc[u.root].children if c.dep_ == "poss" and c.lower_ in OWNER_PRONOUNS), None)
            if poss is None:
                continue
            said = cl.unit_at.get(poss.i)
            oi = (cl.coded(said.cluster) or cl.stateless(said.cluster)) \
                if said is not None and said.cluster >= 0 and said.cluster != u.cluster else None
            if poss.lower_ in ("his", "her"):
                if oi is not None and (info.head or "") in SUPPORTER_HEADS and oi.sector not in (None, "GOV"):
                    # "his supporters" of an opposition leader are the opposition
                    u.info = replace(info, country=oi.country, sector=oi.sector)
                elif oi is not None and not info.plural:  # an office or aide serves the person's country
                    u.info = replace(info, country=oi.country)
                continue
            if oi is None:
                # "its" is a state's or an organisation's, "their" a group's: "Venezuela expelled
                # their diplomats" (after "Argentina, Chile and Peru said …") are not Venezuela's
                kinds = ("group",) if poss.lower_ == "their" else ("organization", "state", "group")
                owner = next((x for x in reversed(cl.units) if x.start < u.start and x.sent == u.sent
                              and x.cluster >= 0 and x.cluster != u.cluster and x.info is not None
                              and x.info.kind in kinds and cl.coded(x.cluster) is not None
                              and not _hostile_owner(doc, x, poss)), None)
                if owner is None:
                    continue
                oi = cl.coded(owner.cluster)
            sector = info.sector
            if ((info.head or "") in self.kb.sectors.generic_heads and not (oi.sector == "GOV" and sector)) or (
                    sector in (None, "UNK", "MIL") and oi.sector not in (None, "GOV")) or (
                    (info.head or "") in SUPPORTER_HEADS and oi.sector not in (None, "GOV")):
                # ("its followers" of a militant group are militants; a government's supporters civilians)
                # "its fighters" are the group's; "its forces" of a ministry are the state's military
                sector = oi.sector or sector
            # ("its fighters" of the Islamic State are of no country, not the story's)
            org = oi.entry if oi.country is None and oi.entry is not None else info.org_entry
            u.info = replace(info, country=oi.country, sector=sector, org_entry=org)

    # ------------------------------------------------------------------ pronouns
    def _pronouns(self, ctx: DocContext, cl: Clusters) -> None:
        """"he/she" -> a person, "they/their" -> a group, organisation or state (or plural
        people), "it/its" -> an organisation or state: the one candidate of the sentence before
        the pronoun, else of the nearest earlier sentence that has candidates (its subject when
        it has several); nothing when that is still ambiguous."""
        doc = ctx.doc
        gender = self.kb.sectors.gender
        genders: dict[int, str | None] = {}

        def cluster_gender(c: int) -> str | None:
            if c not in genders:
                genders[c] = next((gender[x.info.head.split()[-1]] for x in cl.groups[c]
                                   if x.kind == "noun" and x.info is not None and x.info.head
                                   and x.info.head.split()[-1] in gender), None)
            return genders[c]

        by_sent: dict[int, list[Unit]] = {}
        for u in cl.units:
            if u.kind != "pron" and u.cluster >= 0 and u.info is not None:
                by_sent.setdefault(u.sent, []).append(u)
        reach = max(self.max_pronoun_distance, PRONOUN_LOOKBACK)
        for u in cl.units:
            if u.kind != "pron":
                continue
            word = doc[u.start].lower_
            near = [p for s in range(u.sent - reach, u.sent + 1) for p in by_sent.get(s, ())]
            if word in PERSON_PRONOUNS:
                want = PERSON_PRONOUNS[word]
                pool = [p for p in near if _is_person(p) and cluster_gender(p.cluster) in (None, want)]
            elif word in GROUP_PRONOUNS:
                if _people_named_as_subject(doc, u):
                    continue  # "Udall and Price announced their support": the two, not one actor
                pool = [p for p in near if _is_collective(p, cl)]
                if _does_what_crowds_do(doc[u.start]):  # "… killed 1,000 protesters. They were protesting …"
                    crowd = [p for p in pool if p.info.sector in CROWD_SECTORS]
                    pool = crowd or pool
            elif word in THING_PRONOUNS:
                pool = [p for p in near if _is_body(p, cl) or _body_of_person(doc, p)]
            else:
                continue
            target = self._antecedent(ctx, u, pool)
            if target is not None:
                cl.join(u, target)

    def _antecedent(self, ctx: DocContext, u: Unit, pool: list[Unit]) -> int | None:
        doc = ctx.doc
        # (an actor that is a co-argument is excluded under every name it was told by: "Saudi Arabia
        # and the United States urged them" is not the "Washington" of an earlier sentence)
        coargs = {p.cluster for p in pool if _coargument(doc, p, u)}
        pool = [p for p in pool if p.cluster not in coargs]
        # a nationality word on a noun is no phrase a pronoun can name ("Ukrainian President
        # Zelenskiy thanked EU leaders and urged them …": not Ukraine)
        pool = [p for p in pool if not _nationality_word(doc, p)]
        if ctx.quotes and not ctx.quoted(u.start):
            pool = [p for p in pool if not ctx.quoted(p.start)]  # "“Obama ...,” he said": not Obama
        same = {p.cluster for p in pool if p.sent == u.sent and p.end <= u.start}
        if len(same) == 1:
            return same.pop()
        asked = _asked(doc, u, pool)
        if asked is not None:
            return asked
        if same:
            subj = {p.cluster for p in pool if p.sent == u.sent and p.end <= u.start
                    and _clause_dep(doc, p) in ("nsubj", "nsubjpass")}
            return subj.pop() if len(subj) == 1 else None
        reach = max(self.max_pronoun_distance, PRONOUN_LOOKBACK)
        for back in range(1, reach + 1):
            prev = [p for p in pool if u.sent - p.sent == back]
            clusters = {p.cluster for p in prev}
            if not clusters:
                continue
            if len(clusters) == 1:
                return clusters.pop() if back <= self.max_pronoun_distance or _subject_of_sentence(doc, prev) else None
            subj = {p.cluster for p in prev if _clause_dep(doc, p) in ("nsubj", "nsubjpass")}
            if not subj:
                # a sentence the parser found no subject in ("Ziad al-Karbouly (Arabic name; died 2015)
                # a native of Al-Qa'im, was a former Iraqi officer and the son of a sheikh"): the
                # one it opens with is its topic
                subj = {p.cluster for p in prev if p.start == doc[p.start].sent.start and p.kind == "named"}
            if len(subj) > 1:
                # "Netanyahu's office said that Hamas had rejected the proposal. It accused …": the
                # office that is the main clause's subject, not the reported clause's subject (a
                # main-clause subject in general is no safer a guess than none: tune CV triple −0.008)
                main = {p.cluster for p in prev if _body_of_person(doc, p) and _clause_dep(doc, p) == "nsubj"
                        and _subject_token(doc, p).head.dep_ == "ROOT"}
                subj = main if len(main) == 1 else subj
            return subj.pop() if len(subj) == 1 else None
        return None


# ---------------------------------------------------------------------- helpers
def head_key(head: str, kb: KnowledgeBase | None) -> str:
    """The singular of a description's head word ("factions" -> "faction"); a head of several words
    that names a body of its own keeps them ("air force": not the "forces" named before)."""
    words = head.split()
    if kb is not None and len(words) > 1 and head in kb.sectors.nouns:
        return head
    word = words[-1] if words else head
    if kb is not None and word in kb.sectors.irregular:
        return kb.sectors.irregular[word]
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def unguess(desc: Unit, name: Unit, date: str) -> None:
    """A title next to a name is that person's title, not the holder of it on the document date."""
    if desc.info is not None and desc.info.via == "role" and name.info is not None and (
            name.info.entry is None or name.info.entry.id != desc.info.entry.id):
        desc.info = analyze_phrase(desc.phrase, date=date, role_lookup=False, appositions=False,
                                   strict_case=True)


def compatible(a: Unit, b: Unit) -> bool:
    """Can ``b`` (a description) be the same actor as ``a`` (a name)?"""
    ia, ib = a.info, b.info
    if ia is None or ib is None or ib.plural:
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
    if ib.entry is not None and ib.via == "role" and (ia.entry is None or ia.entry.id != ib.entry.id):
        return False  # a title read as the holder on the date must not swallow another name
    if ia.entry is not None and ib.entry is not None and ia.entry.id != ib.entry.id:
        return False  # "the Islamic State militant group" set beside "the West" is no part of it
    ka = ia.kind or ("person" if a.label == "PERSON" else None)
    kb_ = ib.kind
    if ka == "person" and kb_ not in ("person", None):
        return False
    if ka in ("organization", "group") and kb_ == "person":
        return False
    return True


def _earlier_person(cl: Clusters, text: str) -> int | None:
    """The person already named whose full name or surname ``text`` is (a family name may come
    first in a name of three words: "Yoon Suk Yeol" … "Yoon said", "Kim Jong Un" … "Kim")."""
    toks = text.split()
    for c, full, _ in reversed(cl.names):
        ftoks = full.split()
        if text == full or (len(toks) == 1 and (toks[0] in ftoks[-2:] or (len(ftoks) == 3 and toks[0] == ftoks[0]))) or \
                (len(toks) < len(ftoks) and ftoks[-len(toks):] == toks):
            return c
    return None


def _headline_short_name(cl: Clusters, text: str) -> int | None:
    """The person a headline names by one word of the full name that follows ("South Korea's
    parliament impeaches President Yoon" … "President Yoon Suk Yeol"): a single-word name of
    sentence 0 that is the new name's first or last word, no one else's yet."""
    toks = text.split()
    if len(toks) < 2:
        return None
    for c, full, sent in cl.persons:
        if sent == 0 and " " not in full and full in (toks[0], toks[-1]) \
                and not any(x.info is not None and x.info.entry is not None for x in cl.groups[c]):
            return c
    return None


def _titles_a_name(doc: Any, u: Unit, cl: Clusters) -> bool:
    """True when a bare title is written in front of a person's name, right before it or set
    beside it by the parse ("the alliance nominated former minister Mohammed Shia al-Sudani").

    Why: such a title says who the named person is; read alone it looks back for the last holder
    of a like office ("Prime Minister Mustafa al-Kadhimi" two sentences before), and the name set
    beside it then joins that person: two people become one actor.
    """
    root = doc[u.root]
    beside = [cl.unit_at.get(u.end)] + [cl.unit_at.get(c.i) for c in root.children if c.dep_ == "appos"]
    return any(x is not None and x is not u and x.kind == "named"
               and (x.label == "PERSON" or (x.info is not None and x.info.kind == "person")) for x in beside)


def _asked(doc: Any, u: Unit, pool: list[Unit]) -> int | None:
    """The cluster of the one asked to act, when the pronoun stands in the act asked of it
    ("Amnesty urged Kenya to ensure that its officers …", "the UN urged Iraq to protect its
    minorities": Kenya's officers, Iraq's minorities), else None."""
    tok = doc[u.root]
    for anc in tok.ancestors:
        if anc.dep_ == "xcomp" and anc.head.lemma_.lower() in OBJECT_CONTROL_VERBS:
            objects = {c.i for c in anc.head.children if c.dep_ in ("dobj", "obj")}
            found = {p.cluster for p in pool if p.root in objects}
            return found.pop() if len(found) == 1 else None
        if anc.dep_ in ("ROOT", "relcl"):
            return None
    return None


def _is_person(p: Unit) -> bool:
    return (p.info.kind == "person" or p.label == "PERSON") and not p.info.plural


def _is_collective(p: Unit, cl: Clusters) -> bool:
    """Can "they" name this unit's actor: a group, an organisation, a state or plural people."""
    info = p.info
    if info.kind == "person" and not info.plural:
        return False
    if info.kind in ("group", "organization", "state") or info.plural:
        return bool(info.country or info.sector or info.entry is not None)
    return False


def _is_body(p: Unit, cl: Clusters) -> bool:
    """Can "it" name this unit's actor: a state or a (singular) organisation."""
    info = p.info
    if info.plural or info.kind not in ("organization", "state"):
        return False
    return bool(info.entry is not None or info.country or info.sector)


def _coargument(doc: Any, p: Unit, u: Unit) -> bool:
    """"The regime denied it": a pronoun object does not name its own verb's subject."""
    pron = doc[u.root]
    if pron.lower_.endswith("self") or pron.lower_.endswith("selves"):
        return False
    if pron.dep_ == "poss":
        return _hostile_owner(doc, p, pron)
    verb = pron.head
    if doc[p.root].head.i == verb.i and p.root != pron.i:
        return True
    # "Saudi Arabia and the United States urged them to …": a conjunct of the subject is the subject too
    first = doc[p.root]
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    if first.i != p.root and first.head.i == verb.i and first.dep_ in ("nsubj", "nsubjpass"):
        return True
    # "Police arrested protesters and beat them": the subject a coordinated verb borrows; so does a
    # participle ("imposed sanctions on three commanders, accusing them of …")
    own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    borrows = verb.dep_ == "conj" or (verb.dep_ in ("advcl", "xcomp") and verb.tag_ == "VBG")
    return (not own_subject and borrows and doc[p.root].head.i == verb.head.i
            and doc[p.root].dep_ in ("nsubj", "nsubjpass"))


def _hostile_owner(doc: Any, p: Unit, pron: Any) -> bool:
    """"The United States imposed sanctions on its leaders", "the UN accused its fighters of abuses":
    no one sanctions or accuses its own — the possessive names someone else than the subject of
    such a verb (lexicon ``against_own_verbs``); "the army deployed its troops" is the army's."""
    tok, verb, hostile = pron.head, None, False
    for _ in range(4):  # up from the owned noun through prepositions and act nouns to a verb
        if tok.head.i == tok.i:
            break
        if tok.dep_ == "nsubj":
            return False  # "its fighters still stage attacks": the owner's own do the act
        tok = tok.head
        hostile = hostile or tok.lemma_.lower() in AGAINST_OWN_VERBS  # ("imposed sanctions on its leaders")
        if tok.pos_ in ("VERB", "AUX"):
            verb = tok
            break
    if verb is not None:  # "imposed sanctions on North Korea after its test", "the sanctions the U.N. imposed …"
        hostile = hostile or any(c.dep_ in ("dobj", "obj") and c.lemma_.lower() in AGAINST_OWN_VERBS
                                 for c in verb.children) \
            or (verb.dep_ in ("relcl", "acl") and verb.head.lemma_.lower() in AGAINST_OWN_VERBS)
    if verb is None or not hostile:
        return False
    subject = doc[p.root]
    while subject.dep_ == "conj" and subject.head.i != subject.i:  # "governments and the UN accused"
        subject = subject.head
    verbs = {verb.i, verb.head.i} if verb.dep_ == "conj" else {verb.i}  # ("designated … and imposed")
    return subject.head.i in verbs and subject.dep_ == "nsubj"


def _does_what_crowds_do(pronoun: Any) -> bool:
    """Whether a pronoun is the subject of a verb a crowd does ("They were protesting …")."""
    return pronoun.dep_ == "nsubj" and pronoun.head.lemma_.lower() in CROWD_VERBS


def _people_named_as_subject(doc: Any, u: Unit) -> bool:
    """Whether "they/their" stands in a clause whose subject is several people joined by "and"
    ("Senator Udall and Representative Price announced their support"): it means them together,
    no single actor of the text."""
    tok = doc[u.root]
    verb = tok.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.i == tok.i:
        return False
    # (the parser may hang the second name on an apposition: "New Mexico Senator Udall and …")
    joined = [t for t in subject.subtree if t.dep_ == "conj" and t.head.dep_ in ("nsubj", "nsubjpass", "appos")]
    return bool(joined) and all(t.ent_type_ == "PERSON" for t in joined)


def _subject_of_sentence(doc: Any, units: list[Unit]) -> bool:
    return any(_clause_dep(doc, p) in ("nsubj", "nsubjpass") for p in units)


def _nationality_word(doc: Any, p: Unit) -> bool:
    """Whether a unit is a lone nationality word modifying a noun ("Ukrainian President …", "the
    Assad offensive and Russian airstrikes", which the parser may read as two conjuncts): an
    adjective, no phrase a pronoun names ("Russians" is one)."""
    tok = doc[p.root]
    return p.end - p.start == 1 and p.info.via == "demonym" and (
        tok.dep_ in ("amod", "compound") or tok.tag_ == "JJ")


def _body_of_person(doc: Any, p: Unit) -> bool:
    """Whether a person is named as the owner of a body that acts ("Netanyahu's office said",
    "the president's administration announced"): "it" after it is that body, the person's."""
    root = doc[p.root]
    return _is_person(p) and root.dep_ == "poss" and root.head.lemma_.lower() in PERSON_BODY_HEADS


def _subject_token(doc: Any, p: Unit) -> Any:
    """The token that is a unit's part in its clause (the body it owns, else its root)."""
    root = doc[p.root]
    return root.head if _body_of_person(doc, p) else root


def _clause_dep(doc: Any, p: Unit) -> str:
    """A unit's part in its clause: a person owning the body that acts takes the body's
    ("Netanyahu's office said …": the subject)."""
    return _subject_token(doc, p).dep_


def _names_itself(doc: Any, root: int) -> bool:
    """Whether a description carries a name of its own before its head ("the Emergency Lawyers
    group", "the ELN guerrilla group"): such a phrase names an actor, it does not refer back."""
    return root >= 0 and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in doc[root].children)
