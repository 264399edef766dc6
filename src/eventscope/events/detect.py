"""Candidate acts from the dependency parse: trigger, source/target phrases, modality.

Why: the classifier says *what kind* of act a sentence reports; the parse says *who did it to
whom*. Verbs (active and passive), nominal events ("airstrikes on Gaza", "X's visit to Y",
"conducted a visit"), control verbs ("urged X to disarm") and reported speech ("X warned that...")
each give the roles differently, and this module reads them all into one ``Candidate`` shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .lexicon import TriggerEntry, light_verbs, modality_cues, receiving_verbs, speech_verbs, triggers, type_groups

_GROUPS = type_groups()
CRAFT_NOUNS = frozenset(_GROUPS["craft_nouns"])
PARTITIVE_NOUNS = frozenset(_GROUPS["partitive_nouns"])
UNDERGONE_NOUNS = frozenset(_GROUPS["undergone_nouns"])
THING_SUBJECTS = frozenset(_GROUPS["thing_subjects"])

# Dependency labels (spaCy English / ClearNLP style).
SUBJ = {"nsubj", "csubj"}
PASS_SUBJ = {"nsubjpass", "csubjpass"}
OBJ = {"dobj", "obj", "dative", "attr"}
# Prepositions that introduce the target of an act, per verb or noun trigger.
TARGET_PREPS = _GROUPS["target_preps"]
# Background prepositions: an act named inside them is context, not the sentence's report.
BACKGROUND_PREPS = _GROUPS["background_preps"]
# Verbs whose object is also the subject of their infinitive ("urged Iraq to disarm").
OBJECT_CONTROL = _GROUPS["object_control_verbs"]
ALLEGING_VERBS = _GROUPS["alleging_verbs"]
# Pronouns by which a speaker names itself in a reported clause ("the Pentagon said it would send …").
SPEAKERS_OWN = frozenset(_GROUPS["speakers_own_pronouns"])
# Words that make an infinitive after a noun a deed, not a purpose ("the first country to recognize …").
ORDINAL_WORDS = frozenset(_GROUPS["ordinal_words"])
CHARGING_VERBS = _GROUPS["charging_verbs"]
CLAIM_NOUNS = _GROUPS["claim_nouns"]
DISMISSING_VERBS = _GROUPS["dismissing_verbs"]
# Indefinite pronouns a participle only describes ("anyone accusing Turkey of buying oil").
INDEFINITE_PRONOUNS = frozenset(_GROUPS["indefinite_pronouns"])
VERBAL_TYPES = _GROUPS["verbal_types"]
# Verbs whose bare past form without an object reports victims as its subject (a headline passive).
VICTIM_VERBS = _GROUPS["victim_verbs"]
# Clauses that name who did a headline-passive act: "… killed as militants storm …".
ATTACK_CLAUSE_MARKS = _GROUPS["attack_clause_marks"]
DOER_COMPOUND_NOUNS = frozenset(_GROUPS["doer_compound_nouns"])
# Dependencies only a noun has: a token the tagger calls a verb there is a noun.
NOUN_DEPS = frozenset({"pobj", "dobj", "nsubj", "nsubjpass"})
VIOLENT_TYPES = _GROUPS["violent_types"]
CLAIMING_VERBS = frozenset(_GROUPS["claiming_verbs"])
RESPONSIBILITY_NOUNS = frozenset(_GROUPS["responsibility_nouns"])
DEONTIC_MODALS = frozenset(_GROUPS["deontic_modals"])
FIRST_PERSON = frozenset(_GROUPS["first_person_subjects"])
# what saying that someone must do something is: a request (CAMEO 10, "make demand")
DEMAND_ENTRY = TriggerEntry(lemma="must", pos="VERB", type="REQUEST", mode=None, cameo="100")


@dataclass
class Candidate:
    """One possible act in a sentence, before typing."""

    trigger: Any  # spaCy Token
    entries: list[TriggerEntry]
    source: Any = None  # spaCy Token: head of the source phrase
    target: Any = None  # spaCy Token: head of the target phrase
    nominal: bool = False
    speech: bool = False  # a reporting verb used as a fallback trigger for verbal acts
    generic: bool = False  # a verb outside the lexicon (the classifier alone types the act)
    background: bool = False  # inside "amid/after ..." phrases
    modality: str = "asserted"
    depth: int = 0
    extra_tokens: list[Any] = field(default_factory=list)  # e.g. the light verb of a nominal act
    cond_agent: Any = None  # the actor whose act the condition names ("if Iraq were struck by X")

    @property
    def types(self) -> set[str]:
        return {e.type for e in self.entries}

    @property
    def target_prep(self) -> str | None:
        return _prep_of(self.target)

    def trigger_span(self) -> tuple[int, int]:
        toks = [self.trigger] + self.extra_tokens
        return min(t.idx for t in toks), max(t.idx + len(t.text) for t in toks)


def _depth(tok: Any) -> int:
    """Steps from ``tok`` up to its sentence root (spaCy makes a new Token object per access,
    so the root is recognised by index, not identity)."""
    d = 0
    head = tok.head
    while head.i != tok.i and d < 50:
        tok = head
        head = tok.head
        d += 1
    return d


def _children(tok: Any, deps: set[str]) -> list[Any]:
    return [c for c in tok.children if c.dep_ in deps]


def _pobj_of(tok: Any, preps: set[str]) -> Any:
    for c in tok.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in preps:
            objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            if objs:
                return objs[0]
    return None


def _prep_of(tok: Any) -> str | None:
    """The preposition that introduces ``tok`` ("against" for "against X"), if any."""
    if tok is not None and tok.dep_ in ("pobj", "pcomp") and tok.head.dep_ in ("prep", "agent"):
        return tok.head.lower_
    return None


def _subject(verb: Any, seen: int = 0) -> Any:
    """The subject of a verb, inherited through conjunction, control and participles."""
    if seen > 6:
        return None
    subj = _children(verb, SUBJ)
    if subj:
        # two subjects are a misparse ("after Brown's shooting, demonstrators … had demanded"):
        # the one nearest before the verb is its own
        return max((s for s in subj if s.i < verb.i), key=lambda s: s.i, default=subj[0])
    head = verb.head
    if head.i == verb.i:
        return None
    swallowed = swallowed_subject(verb)
    if swallowed is not None:
        return swallowed
    if verb.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
        return _subject(finite_host(verb) or head, seen + 1)
    if verb.dep_ == "xcomp":
        asked = _asked(head)
        return asked if asked is not None else _subject(head, seen + 1)
    if verb.dep_ in ("acl", "relcl") and head.pos_ in ("NOUN", "PROPN", "PRON"):
        # "a report accusing X": the report's author (the subject of "put out") is the source.
        if head.pos_ == "NOUN" and not head.ent_type_ and head.dep_ in ("dobj", "obj") \
                and not any(c.pos_ == "PROPN" for c in head.lefts) and head.head.pos_ in ("VERB", "AUX"):
            return _subject(head.head, seen + 1)
        return head
    if verb.dep_ in ("advcl", "pcomp"):
        if head.pos_ == "ADP" and head.head.i != head.i:  # "against aligning": climb over the preposition
            head = head.head
        crowd = crowd_demanding(verb)
        if crowd is not None:
            return crowd
        return _subject(head, seen + 1) if head.pos_ in ("VERB", "AUX") else None
    return None


def crowd_clause(verb: Any) -> Any:
    """The relative clause just before a free participle of demanding, which it continues ("police
    fired tear gas to disperse supporters who marched on the commission, demanding that the vote
    be held …": the supporters march and demand; the parser hangs "demanding" on "fired")."""
    if verb.tag_ != "VBG" or verb.lemma_.lower() not in _GROUPS["crowd_demand_verbs"] or verb.i < 2:
        return None
    comma = verb.doc[verb.i - 1]
    if comma.text != ",":
        return None
    before = verb.doc[comma.i - 1]
    clause = next((a for a in [before, *before.ancestors] if a.dep_ == "relcl"), None)
    if clause is None or clause.right_edge.i != before.i or clause.head.pos_ not in ("NOUN", "PROPN"):
        return None
    return clause


def crowd_demanding(verb: Any) -> Any:
    """Who a free participle of demanding continues (``crowd_clause``): the relative clause's people."""
    clause = crowd_clause(verb)
    return clause.head if clause is not None else None


def swallowed_subject(verb: Any) -> Any:
    """The subject of a coordinated verb that the parser joined to the first verb's object
    ("youths hurled rocks and police fired tear gas": "police" read as a second thing hurled),
    or None: a noun right before the verb, conjoined to the first verb's object."""
    if verb.dep_ != "conj" or verb.i == 0 or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    before = verb.doc[verb.i - 1]
    if before.dep_ != "conj" or before.pos_ not in ("NOUN", "PROPN") or before.head.dep_ not in ("dobj", "obj") \
            or before.head.head.i != verb.head.i:
        return None
    return before


def _hyphen_compound(tok: Any) -> bool:
    """Whether ``tok`` ends a hyphenated modifier ("cyclone-hit Vanuatu", "the so-called Islamic
    State", "ISIL-held towns", "Iran-backed militias"): a description, never an act; a word with a
    subject or an object of its own is a verb ("Iran test-fired a missile", "air-dropped aid")."""
    i = tok.i
    if i < 2:
        return False
    doc = tok.doc
    hyphen, before = doc[i - 1], doc[i - 2]
    return hyphen.text in ("-", "‐", "‑") and not hyphen.whitespace_ and not before.whitespace_ \
        and before.i >= tok.sent.start \
        and not any(c.dep_ in ("nsubj", "dobj", "obj") for c in tok.children)  # "Iran test-fired a missile": a verb


def kind_of_craft(noun: Any) -> bool:
    """Whether a bare singular noun is listed before a craft and names a kind of it ("with bomber,
    fighter and unmanned aircraft": bomber aircraft, fighter aircraft — neither an
    attack nor fighters)."""
    return noun.tag_ == "NN" and not any(c.dep_ in ("det", "nummod", "poss") for c in noun.children) \
        and any(c.i > noun.i and c.lower_ in CRAFT_NOUNS for c in noun.conjuncts)


def _names_a_thing(noun: Any, lex: dict[str, Any]) -> bool:
    """Whether an act noun only modifies another noun that names no act: a title, a unit or a kind
    of thing ("press operations director", "attack helicopters", "the protest movement"), never
    an act. An act noun on another act noun stays ("a bomb attack", "suicide attacks")."""
    if kind_of_craft(noun):
        return True
    if noun.dep_ != "compound" or noun.head.pos_ not in ("NOUN", "PROPN"):
        return False
    head = noun.head
    return not any(e.pos in ("NOUN", "ANY") for e in lex.get(head.lemma_.lower(), []) + lex.get(head.lower_, []))


def _attacked_unit(noun: Any, lex: dict[str, Any]) -> bool:
    """Whether a noun that also names people on duty names the unit an attack hit ("gunmen
    attacked a police patrol", "opened fire on a Thai patrol"): its object, or the object of "on"
    or "at" after it. The unit did nothing; an attack on it is no deployment."""
    if noun.lemma_.lower() not in _GROUPS["unit_act_nouns"] and noun.lower_ not in _GROUPS["unit_act_nouns"]:
        return False
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ in ("on", "at", "upon"):
        head = head.head
    elif noun.dep_ not in ("dobj", "obj"):
        return False
    # the attack word, or the noun it carries ("opened fire on an army patrol")
    words = [head] + [c for c in head.children if c.dep_ in ("dobj", "obj") and c.i != noun.i]
    return any(e.type == "ASSAULT" for w in words for e in lex.get(w.lemma_.lower(), []) + lex.get(w.lower_, []))


def _verb_roles(verb: Any) -> tuple[Any, Any]:
    """(source, target) heads for a verb trigger, passive voice included."""
    passive = _children(verb, PASS_SUBJ)
    if passive or verb.dep_ == "acl" and verb.tag_ == "VBN":
        agent = _pobj_of(verb, {"by"})
        target = passive[0] if passive else (verb.head if verb.dep_ == "acl" else None)
        return agent, target
    victims = headline_passive_subject(verb)
    if victims is not None:
        return _pobj_of(verb, {"by"}) or _attacker_in_clause(verb), victims
    source = _subject(verb)
    target = None
    objs = _children(verb, OBJ)
    if objs:
        target = objs[0]
    else:
        target = _pobj_of(verb, TARGET_PREPS - {"for", "from", "over", "of", "in"})
        if target is None:
            target = _pobj_of(verb, {"for", "over", "of", "in"})
    if target is None:
        # "agreed to lift a ban on X", "pledged to send troops to Y": the aim of the infinitive.
        comp = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
        for _ in range(3):
            if comp is None or target is not None:
                break
            objs = _children(comp, OBJ)
            target = objs[0] if objs else _pobj_of(comp, {"to", "on", "against", "with", "in", "into"})
            comp = next((c for c in comp.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
    if target is None and verb.dep_ in ("xcomp", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
        # "summoned the ambassador to complain": the act is aimed at the main verb's object.
        objs = _children(verb.head, OBJ)
        if objs and (source is None or objs[0].i != source.i):
            target = objs[0]
    return source, target


def headline_passive_subject(verb: Any) -> Any:
    """The subject of a headline passive ("Nine farmers killed as …", "Protesters arrested in …"),
    or None: a victim verb in its past form with a subject, no auxiliary and no object, heading
    its sentence. Why: without "were", the parser reads the victims as the ones who killed."""
    if verb.tag_ not in ("VBD", "VBN") or verb.lemma_.lower() not in VICTIM_VERBS:
        return None
    subjects = _children(verb, {"nsubj"})
    if not subjects or subjects[0].pos_ == "PRON":
        return None  # "they killed": an active report with the object left out
    if verb.dep_ not in ("ROOT", "conj") or any(
            c.dep_ in ("aux", "auxpass", "xcomp") or c.dep_ in OBJ or (c.dep_ == "ccomp" and not _clause_before(c, subjects[0]))
            for c in verb.children):
        return None
    return subjects[0]


def _clause_before(clause: Any, subject: Any) -> bool:
    """Whether a clause the parser hung on a headline verb is the headline's first clause, told
    before a comma ("Haiti gangs attack police station, officers killed"): not what the verb says."""
    return clause.right_edge.i < subject.i and any(t.text == "," for t in clause.doc[clause.right_edge.i:subject.i])


def _attacker_in_clause(verb: Any) -> Any:
    """The subject of an attack clause hanging on a headline passive ("… killed as Islamic State
    militants storm a village": the militants), or None."""
    for clause in verb.children:
        if clause.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ in ATTACK_CLAUSE_MARKS
                                             for c in clause.children):
            continue
        entries = triggers().get(clause.lemma_.lower(), [])
        if any(e.type in VIOLENT_TYPES for e in entries):
            subjects = _children(clause, {"nsubj"})
            if subjects:
                return subjects[0]
    return None


def _nominal_roles(noun: Any) -> tuple[Any, Any, Any]:
    """(source, target, light verb) for a nominal act ("Israel's strikes on Gaza")."""
    source = None
    for c in noun.children:
        if c.dep_ == "poss":
            source = c
            break
    patient = None
    if source is not None and noun.lemma_.lower() in UNDERGONE_NOUNS \
            and not any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children):
        # "chanting for Yoon's arrest", "ordered Navalny's arrest": the owner is arrested, not the
        # doer (but "Russia's arrest of the reporter": the "of" phrase names who underwent it)
        patient, source = source, _pobj_of(noun, {"by"})
    if source is None:
        for c in noun.children:
            if c.dep_ in ("amod", "compound", "nmod") and c.i < noun.i and (
                c.ent_type_ in ("NORP", "GPE", "ORG", "PERSON") or c.pos_ == "PROPN"
                or (c.dep_ == "compound" and c.lemma_.lower() in DOER_COMPOUND_NOUNS)
            ):
                source = c
                break
    if source is None:
        source = _pobj_of(noun, {"by", "from"})
    light = None
    # the noun a verb carries: the act noun, or the count of acts it is in ("held a first round of
    # talks", "launched a wave of strikes": the verb carries them all)
    carrier = noun.head.head if (noun.dep_ == "pobj" and noun.head.lower_ == "of"
                                 and noun.head.head.lemma_.lower() in PARTITIVE_NOUNS) else noun
    head = carrier.head
    if carrier.dep_ in ("dobj", "obj") and head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in receiving_verbs():
        # "Iran faces criticism from the UN": the verb's subject is the target.
        target = _subject(head)
        if target is not None and is_act_noun(target):
            # "Israel's killing of the commander drew warnings from Iran": the killer is warned
            target = _act_doer(target)
        if source is None:  # ("drew warnings of retaliation from Iran": the parser may hang it lower)
            source = _pobj_of(head, {"from", "by"}) or next(
                (g for p in carrier.subtree if p.dep_ == "prep" and p.lower_ == "from" for g in p.children
                 if g.dep_ == "pobj"), None)
        return source, target, head
    if carrier.dep_ in ("dobj", "obj") and head.pos_ in ("VERB", "AUX"):
        if head.lemma_.lower() in light_verbs():
            light = head
        if source is None:
            source = _subject(head)
    elif (claiming := _claiming_verb(carrier)) is not None:  # "claimed responsibility for an attack": the claimant did it
        light = claiming
        if source is None:
            source = _subject(light)
    elif carrier.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in ("for",) and head.head.pos_ == "VERB":
        if source is None and patient is None:  # (who chants for X's arrest does not arrest)
            source = _subject(head.head)
    elif (maker := trip_maker(noun)) is not None:
        if source is None:  # "During a visit to Juba, the U.N. aid chief said …": he made the visit
            source = maker
    elif carrier.dep_ == "pobj" and head.lower_ == "under" and head.head.lemma_.lower() in _GROUPS["placing_verbs"] \
            and head.head.pos_ == "VERB":
        # "placed President Ali Bongo under house arrest": the verb carries the act, its object undergoes it
        light = head.head
        objs = _children(light, OBJ | PASS_SUBJ)
        if source is None and not _children(light, PASS_SUBJ):
            source = _subject(light)
        if objs:
            return source, objs[0], light
    target = _pobj_of(noun, {"on", "against", "to", "with", "at", "in", "into", "toward", "towards", "upon", "of"})
    if source is None and target is None:  # "talks between Iran and the US": one side, then the other
        sides = _pobj_of(noun, {"between"})
        if sides is not None and sides.conjuncts:
            source, target = sides, sides.conjuncts[0]
    if target is None and noun.dep_ in ("nsubj",) and head.pos_ == "VERB":
        objs = _children(head, OBJ)  # "an airstrike killed a worker"
        target = objs[0] if objs else None
    if patient is not None:
        target = patient
    if target is not None and source is not None and target.i == source.i:
        target = None
    return source, target, light


def trip_maker(noun: Any) -> Any:
    """Who makes a trip told as the time of a clause ("During a visit to Juba, the U.N. aid chief
    said …", "On a trip to Kyiv, the minister pledged …"): the clause's subject; else None."""
    prep = noun.head
    if noun.dep_ != "pobj" or noun.lemma_.lower() not in _GROUPS["visit_words"] \
            or prep.lower_ not in _GROUPS["trip_time_preps"]:
        return None
    verb = prep.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    return next((c for c in verb.children if c.dep_ == "nsubj" and c.tag_ not in ("WDT", "WP", "EX")), None)


def _act_nouns() -> frozenset[str]:
    """The lemmas that name an act when they are nouns (the trigger lexicon's nouns)."""
    return frozenset(lemma for lemma, entries in triggers().items()
                     if " " not in lemma and any(e.pos in ("NOUN", "ANY") for e in entries))


ACT_NOUNS = _act_nouns()


def is_act_noun(tok: Any) -> bool:
    """Whether a noun names an act in the trigger lexicon ("killing", "strike", "moves")."""
    return tok.pos_ == "NOUN" and tok.lemma_.lower() in ACT_NOUNS


def _act_doer(noun: Any) -> Any:
    """Who did the act a noun names, as the noun's phrase says ("Israel's killing", "the Chinese
    moves", "the strike by Russia"), or None."""
    for c in noun.children:
        if c.dep_ == "poss" or (c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE", "ORG", "PERSON")):
            return c
    return _pobj_of(noun, {"by"})


def _claiming_verb(noun: Any) -> Any:
    """The verb that claims an act noun ("claimed responsibility for an attack", "took credit for
    the bombing"; "claimed responsibility on Monday for a bombing", where the parser hangs "for"
    on the verb): the object of "for" on a responsibility noun a claiming verb takes, or on that
    verb; else None."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ != "for":
        return None
    owned = prep.head
    if owned.pos_ in ("VERB", "AUX") and _claims_responsibility(owned):
        return owned
    if owned.lemma_.lower() in RESPONSIBILITY_NOUNS and owned.dep_ in ("dobj", "obj") \
            and owned.head.pos_ in ("VERB", "AUX") and _claims_responsibility(owned.head):
        return owned.head
    return None


def _claim_not_made(verb: Any) -> bool:
    """Whether a claiming verb says no claim was made ("Hezbollah did not claim the rocket attack",
    "no group has claimed responsibility for the bombing"): the act it names is then neither done
    by the one who did not claim it nor undone (it happened; its doer is unknown)."""
    if verb.lemma_.lower() not in CLAIMING_VERBS:
        return False
    return any(c.dep_ == "neg" for c in verb.children) or any(
        c.dep_ in ("nsubj", "nsubjpass") and (c.lower_ in ("nobody", "none") or any(
            d.dep_ == "det" and d.lower_ == "no" for d in c.children)) for c in verb.children)


def _claims_responsibility(verb: Any) -> bool:
    """Whether a verb claims an act: a claiming verb with a responsibility noun as its object
    ("claimed responsibility", "took credit")."""
    return verb.lemma_.lower() in CLAIMING_VERBS and any(
        c.dep_ in ("dobj", "obj") and c.lemma_.lower() in RESPONSIBILITY_NOUNS for c in verb.children)


def claimants(phrase: Any) -> set[Any]:
    """Who a relative clause inside a phrase says claimed its act ("the attacks in Jabla and
    Tartus, for which Daesh has claimed responsibility"): the subjects of the claiming verb."""
    return {s for verb in phrase.subtree if verb.dep_ == "relcl" and _claims_responsibility(verb)
            for c in verb.children if c.dep_ == "nsubj" for s in (c, *c.conjuncts)}


def _describes_someone(verb: Any) -> bool:
    """Whether a verb only says what someone habitually does or who they are: a relative clause
    in the simple present ("sailors who patrol the strait stopped the ship")
    or a participle on an indefinite pronoun ("demanded anyone accusing Turkey show proof"). No
    act is told."""
    if verb.dep_ == "relcl" and verb.tag_ in ("VBP", "VBZ") \
            and not any(c.dep_ in ("aux", "auxpass", "neg") for c in verb.children):
        return True
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.dep_ == "prep" \
            and verb.head.head.lemma_.lower() in _GROUPS["mission_words"]:
        return True  # "organisations focused on supporting refugees": what they are for
    return verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.lower_ in INDEFINITE_PRONOUNS


def _in_background(tok: Any) -> bool:
    """Whether a token sits in an "amid/after/following ..." phrase."""
    cur = tok
    for _ in range(8):
        head = cur.head
        if head.i == cur.i:
            return False
        if cur.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in BACKGROUND_PREPS:
            return True
        if cur.dep_ in ("ccomp", "ROOT", "relcl") or cur.pos_ in ("VERB",) and cur.dep_ not in ("acl", "amod"):
            return False
        cur = head
    return False


def _speech_head(tok: Any) -> Any:
    """The reporting verb whose complement contains ``tok`` ("said that ... tok"), if any; a past
    act joined to a reported forecast is the speaker's own (``forecast_speaker``)."""
    cur = tok
    for _ in range(8):
        head = cur.head
        if head.i == cur.i:
            return None
        speaker = forecast_speaker(cur) if cur.dep_ == "conj" else None
        if speaker is not None:
            cur = speaker
            continue
        if cur.dep_ in ("ccomp", "parataxis") and head.lemma_.lower() in speech_verbs() | _GROUPS["warning_verbs"]:
            return head
        cur = head
    return None


def forecast_speaker(verb: Any) -> Any:
    """The speech verb whose subject did a past act the parser joined to a reported clause of
    what will or would happen ("said the killing would not go unpunished and fired rockets"): the
    two tenses tell two clauses, and the past act is the speaker's own. None otherwise (also when
    the joined verb has its own subject or a "that": "said X would withdraw and that rebels …")."""
    if verb.dep_ != "conj" or verb.tag_ != "VBD" or verb.head.i == verb.i \
            or any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in verb.children):
        return None
    head = verb.head
    if head.dep_ in ("acomp", "attr") and head.head.i != head.i:  # "would not go unpunished and fired"
        head = head.head
    speech = head.head
    if head.dep_ == "ccomp" and any(c.tag_ == "MD" for c in head.children) \
            and speech.lemma_.lower() in speech_verbs() and any(c.dep_ == "nsubj" for c in speech.children):
        return speech
    return None


def means_owner(verb: Any) -> Any:
    """The gerund whose means a gerund tells ("violating the truce by shelling villages": violating),
    up through any chain of them; the verb itself when it tells no means."""
    while verb.dep_ == "pcomp" and verb.head.lower_ in ("by", "through") and verb.head.head.tag_ == "VBG":
        verb = verb.head.head
    return verb


def first_gerund(verb: Any) -> Any:
    """The first of the gerunds a gerund is joined to or tells the outcome of ("ramming and firing
    water cannon": ramming; "shelling a camp, killing 23 people": shelling), or the verb itself."""
    while verb.dep_ in ("conj", "advcl") and verb.tag_ == "VBG" and verb.head.i != verb.i:
        if verb.head.tag_ == "VBG":
            verb = verb.head
            continue
        if verb.dep_ == "advcl" and verb.head.lemma_.lower() in ALLEGING_VERBS:
            # "accused Indian forces of shelling villages, wounding four civilians": the parser hangs
            # the outcome on "accused", but accusing wounds no one; the alleged gerund does
            alleged = [g for p in verb.head.subtree if p.dep_ == "prep" and p.lower_ in ("of", "for")
                       and p.i < verb.i for g in p.children if g.dep_ == "pcomp" and g.tag_ == "VBG"]
            if alleged:
                verb = alleged[-1]
                continue
        break
    return verb


def alleged_act(verb: Any) -> bool:
    """Whether a gerund tells what someone is accused, blamed or charged of ("accused of abducting
    activists", "blamed for the bombing", "charged seven men with hacking into networks"), also as
    the means of one ("accused the army of violating the truce by shelling villages"), joined to
    one ("accused the coast guard of ramming and firing water cannon at a boat") or telling its
    outcome ("accused the RSF of shelling a camp, killing 23 people")."""
    verb = means_owner(first_gerund(verb))
    if verb.dep_ != "pcomp":
        return False
    prep, alleging = verb.head.lower_, accusing_verb(verb.head).lemma_.lower()
    return (prep in ("of", "for") and alleging in ALLEGING_VERBS) or (prep == "with" and alleging in CHARGING_VERBS)


def accusing_verb(prep: Any) -> Any:
    """The word a preposition of an accusation hangs from, read through the accused it may be
    attached to ("accused some police units of carrying out executions": the parser hangs "of" on
    "units") and through a first "of" it is joined to ("accused Moscow of shelling the plant and of
    blocking inspectors")."""
    head = prep.head
    while prep.dep_ == "conj" and head.dep_ == "pcomp" and head.i != head.head.i:
        prep = head.head  # "of shelling the plant and of blocking inspectors": the first "of"
        head = prep.head
    if head.dep_ in ("dobj", "obj") and head.pos_ in ("NOUN", "PROPN", "PRON") and head.head.pos_ == "VERB":
        return head.head
    return head


def conditional_marks(sent: Any) -> list[Any]:
    """The "if/unless" words of a sentence that open an adverbial clause (found once per sentence,
    so each candidate's modality check need not walk its whole subtree)."""
    cond = modality_cues().get("cond", ())
    return [t for t in sent if t.dep_ == "mark" and t.lower_ in cond and t.head.dep_ == "advcl"]


def _conditions(mark: Any, scope: list[Any]) -> bool:
    """Whether the "if" clause of ``mark`` conditions one of the ``scope`` verbs: its clause hangs
    from one of them, through no other clause on the way ("eased sanctions, but officials warned
    the measures could be reversed if …" conditions the reversal, not the easing)."""
    heads = {s.i for s in scope}
    cur = mark.head  # the conditional clause's verb
    if cur.i in heads:
        return True  # the act is itself the condition ("if Germany shut the door on refugees")
    for _ in range(12):
        head = cur.head
        if head.i == cur.i:
            return False
        if head.i in heads:
            return True
        if head.dep_ in ("conj", "ccomp", "parataxis", "relcl", "acl", "advcl"):
            return False  # another clause lies between: the condition is its own
        cur = head
    return False


def modality_of(trigger: Any, cond_marks: list[Any] | None = None, *, nominal: bool, verbal: bool) -> str:
    """asserted | negated | conditional | hypothetical | intended | reported for one trigger.

    trigger (Token): the trigger word.
    nominal (bool): the trigger is a noun.
    verbal (bool): the act is a statement (its complement carries conditions: "warned that X
        would ... if ..." is a conditional threat).
    cond_marks (list[Token] | None): the sentence's ``conditional_marks`` when already known.
    RETURNS (str): the modality.
    """
    cues = modality_cues()
    verb = trigger
    if nominal and trigger.dep_ in ("dobj", "obj") and trigger.head.pos_ in ("VERB", "AUX"):
        verb = trigger.head
    kids = list(verb.children)
    lemmas = {c.lemma_.lower() for c in kids} | {c.lower_ for c in kids}
    neg = any(c.dep_ == "neg" for c in kids) or (
        verb.dep_ == "xcomp" and any(c.dep_ == "neg" for c in verb.head.children))
    if nominal:
        neg = neg or any(c.dep_ == "det" and c.lower_ == "no" for c in trigger.children)
    if neg and not verbal:
        return "negated"
    if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in cues.get("denial", ()) \
            and not any(c.dep_ in ("dobj", "obj") for c in verb.head.children) \
            and not _charge_denied(verb, verb.head):
        # "denied that Moscow was imposing an embargo": told as untrue; but "accused the Taliban of
        # sheltering them, a charge Kabul denies": the denial has its own object, the charge
        return "negated"
    if verb.dep_ in ("acl", "ccomp") and verb.head.dep_ in ("dobj", "obj") and verb.head.lemma_.lower() in CLAIM_NOUNS \
            and verb.head.head.lemma_.lower() in cues.get("denial", frozenset()) | DISMISSING_VERBS:
        return "negated"  # "rejected claims that its forces had shelled the hospital"
    # Conditional: an "if/unless" clause on the act, or inside what a threat says.
    scope = [verb]
    if verbal:
        scope += [c for c in verb.children if c.dep_ in ("ccomp", "xcomp")]
    if nominal and verb is trigger:
        # an act noun in a clause of its own verb is conditioned with it ("would respond if its convoys
        # were hit by airstrikes", "if attacks continue": no strike told as done)
        clause = next((a for a in trigger.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if clause is not None:
            scope.append(clause)
    if cond_marks is None:
        cond_marks = conditional_marks(trigger.sent)
    for m in cond_marks:
        if any(m.i == s.i for s in scope) or _conditions(m, scope):
            return "conditional"
    if neg:
        return "negated"
    if alleged_act(verb):
        return "reported"  # "militias have been accused of abducting activists": alleged, not told as done
    if nominal and trigger.dep_ == "pobj" and trigger.head.dep_ == "prep" and trigger.head.head.tag_ == "VBG" \
            and alleged_act(trigger.head.head):
        return "reported"  # "accused Republicans of bowing to pressure from Trump": the pressure is alleged too
    aux = {c.lower_ for c in kids if c.dep_ in ("aux", "auxpass")}
    if "would" in aux and not verbal and not aux & (cues.get("hyp", frozenset()) - {"would"}) \
            and verb.dep_ == "ccomp" and verb.head.lemma_.lower() in speech_verbs() \
            and any(c.dep_ == "nsubj" and c.lower_ in SPEAKERS_OWN for c in kids):
        return "intended"  # "the Pentagon said it would send 3,000 troops": a plan the speaker tells
    if aux & (cues.get("hyp", frozenset()) - {"would"}) or ("would" in aux and not verbal):
        return "hypothetical"
    if nominal and any(c.lower_ in cues.get("hyp", ()) for c in trigger.children if c.dep_ == "amod"):
        return "hypothetical"
    if _under_possible_verb(verb, cues.get("hyp", frozenset())):
        return "hypothetical"  # "a law that would allow state police to arrest migrants"
    if verb.dep_ == "ccomp" and _judged_possible(verb.head, cues.get("hyp", frozenset())):
        return "hypothetical"  # "it seems likely that the deal will be rejected", "it is possible that …"
    if verb.dep_ in ("pcomp", "pobj") and verb.head.lower_ == "of" and verb.head.head.lemma_.lower() in cues.get("hyp", ()):
        return "hypothetical"  # "no fear of being detained", "the risk of new attacks"
    first = verb
    while first.dep_ == "conj" and first.head.i != first.i and finite_host(first) is None:
        first = first.head  # (not from a past verb misjoined to an infinitive: it is told as done)
    if first.dep_ == "acl" and first.head.pos_ == "NOUN" and first.head.lemma_.lower() in cues.get("hyp", ()):
        return "hypothetical"  # "its capacity to attack the United States", "the ability to … launch operations"
    if first.dep_ in ("acl", "relcl") and first.head.pos_ == "NOUN" and any(c.tag_ == "TO" for c in first.children) \
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in first.children) \
            and not any(c.lower_ in ORDINAL_WORDS for c in first.head.children):
        # "the operation to destroy ISIS", "efforts to bring those responsible to justice": what a
        # thing is for, not told as done (but "the first country to recognize …" did it)
        return "intended"
    intent = cues.get("intent", frozenset())
    if aux & intent or ("would" in aux and verbal):
        return "intended"  # "will meet"; "said Biden would meet Netanyahu on Monday": a plan, not a fact
    if verb.dep_ in ("xcomp", "dobj") and verb.head.lemma_.lower() in intent:
        return "intended"
    if nominal and trigger.dep_ in ("dobj",) and trigger.head.lemma_.lower() in intent:
        return "intended"
    if trigger.lemma_.lower() in intent - {"will", "shall", "agree", "threaten"} and verbal:
        return "intended"
    report = cues.get("report", frozenset())
    if lemmas & report:
        return "reported"
    sh = _speech_head(verb)
    if sh is not None and not verbal:
        return "reported"
    if sh is not None and sh.lemma_.lower() in {"indicate", "report", "claim"} | set(report):
        return "reported"
    return "asserted"


def _charge_denied(clause: Any, denial: Any) -> bool:
    """Whether a denial after a told clause denies a charge noun between them, not the clause:
    "accused Rwanda of arming the rebels, a charge Kigali denies", which the parser reads as
    "Kigali denies [that the government accused …]" with "charge" a compound of Kigali. The
    accusation was made; what is denied is the act it alleges."""
    if denial.i < clause.i:
        return False
    return any(t.lemma_.lower() in CLAIM_NOUNS for t in clause.doc[clause.right_edge.i + 1:denial.i])


def _judged_possible(head: Any, possible: frozenset[str]) -> bool:
    """Whether a clause's head says it is only possible: an adjective of possibility itself, or a
    verb with one as its complement ("seems likely that …", "is possible that …")."""
    return head.lower_ in possible or any(c.dep_ in ("acomp", "oprd") and c.lower_ in possible
                                          for c in head.children)


def _under_possible_verb(verb: Any, possible: frozenset[str]) -> bool:
    """Whether an act is the infinitive complement of a verb that is itself only possible ("would
    allow state police to arrest migrants", "could try to seize the city"): the act is as unreal
    as the verb that governs it."""
    cur = verb
    for _ in range(3):
        if cur.dep_ != "xcomp" and not (cur.dep_ == "ccomp" and any(c.dep_ == "aux" and c.lower_ == "to"
                                                                    for c in cur.children)):
            return False
        cur = cur.head
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in possible for c in cur.children):
            return True
    return False


def _condition_agent(trigger: Any) -> Any:
    """The doer of the act in an "if" clause under the trigger ("if Iraq were targeted by Israel")."""
    for t in trigger.subtree:
        if t.dep_ == "mark" and t.lower_ in ("if", "unless") and t.head.dep_ == "advcl":
            clause = t.head
            source, target = _verb_roles(clause)
            return source if source is not None else target
    return None


def _asked(verb: Any) -> Any:
    """Whom an object-control verb asks or orders to act: its object ("urged Iraq to disarm") or
    its on-phrase ("called on Iran to …"); None for another verb or none named."""
    if verb.lemma_.lower() not in OBJECT_CONTROL:
        return None
    obj = _children(verb, OBJ)
    return obj[0] if obj else _pobj_of(verb, {"on", "upon"})


def _infinitive(tok: Any) -> bool:
    """Whether ``tok`` heads an infinitive or purpose clause ("to disarm", "to defend Y")."""
    return tok.dep_ == "xcomp" or (tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to"
                                                               for c in tok.children))


def finite_host(verb: Any) -> Any:
    """The verb a past verb the parser coordinates with an infinitive or a gerund really continues,
    or None: "Police used tear gas to break up the protest and arrested 30 demonstrators" (the
    police used and arrested), "The junta accused France of plotting to destabilise the country and
    ordered French troops to leave" (the junta ordered). An infinitive's or a gerund's own conjunct
    is a bare form or a gerund too ("to break up the protest and arrest them", "of plotting and
    funding"); a verb in the past beside one is told as done, by the subject above them."""
    if verb.dep_ != "conj" or verb.tag_ not in ("VBD", "VBN") \
            or any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in verb.children):
        return None
    head = verb.head
    if _speaker_continues(verb, head):
        return head.head
    if head.i == head.head.i or any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
        return None
    noun_infinitive = head.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children)
    if not (head.tag_ == "VB" and (_infinitive(head) or noun_infinitive)) and not (
            head.tag_ == "VBG" and head.dep_ in ("pcomp", "xcomp") and not any(c.dep_ == "aux" for c in head.children)):
        return None
    cur = head.head
    for _ in range(6):
        if cur.pos_ in ("VERB", "AUX") and (cur.tag_ in ("VBD", "VBZ", "VBP") or any(
                c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in cur.children)):
            return cur
        if cur.head.i == cur.i or cur.pos_ not in ("VERB", "AUX", "ADP", "NOUN"):
            return None  # (through the noun an infinitive describes: "called the expulsion an attempt
            # to silence criticism and urged the Security Council to respond": the caller urged)
        cur = cur.head
    return None


def _speaker_continues(verb: Any, head: Any) -> bool:
    """Whether a verbal act in the simple past that the parser joins to a reported clause in the
    past perfect is the speaker's next act: "the ministry said that Azerbaijani forces had opened
    fire on villages, … and accused Baku of …" (the ministry accused; the forces did not accuse their
    own capital). So with a reported clause in the present: "aid agencies warned that millions face
    famine and urged both sides to …" (the agencies urged), and with one in the simple past that
    tells what a thing did (``_thing_did``). A conjunct under the reported "had" or present verb
    would share its tense."""
    past = verb.tag_ == "VBD" or (verb.tag_ == "VBN" and any(c.dep_ in ("dobj", "obj") for c in verb.children))
    if not past or head.dep_ != "ccomp":  # (a past form with an object and no auxiliary is no participle)
        return False
    perfect = head.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ == "had" for c in head.children)
    present = head.tag_ in ("VBP", "VBZ") and not any(c.dep_ == "aux" for c in head.children)
    if not (perfect or present or _thing_did(head)):
        return False
    speaker = head.head
    told = speaker.lemma_.lower() in speech_verbs() or any(
        e.type in VERBAL_TYPES for e in triggers().get(speaker.lemma_.lower(), []))  # ("warned that …")
    if speaker.pos_ not in ("VERB", "AUX") or speaker.tag_ != "VBD" or not told:
        return False
    types = {e.type for e in triggers().get(verb.lemma_.lower(), [])}
    return bool(types) and types <= VERBAL_TYPES


def _thing_did(head: Any) -> bool:
    """Whether a reported clause in the simple past tells what an act or a thing did ("said the
    incident violated the ceasefire and urged the EU to …", "said the ruling was unjust and called
    for …"): its subject is no one who could go on to urge or call, so a verbal act joined to it is
    the speaker's (``_speaker_continues``)."""
    if head.tag_ != "VBD" or any(c.dep_ == "aux" for c in head.children):
        return False
    subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
    return subject is not None and subject.pos_ == "NOUN" and not subject.ent_type_ \
        and (is_act_noun(subject) or subject.lemma_.lower() in THING_SUBJECTS)


def under_complement(tok: Any) -> bool:
    """Whether ``tok`` sits in an infinitive or purpose clause ("urged X to disarm", "to defend Y"):
    such acts are asked for or intended, not reported as done."""
    cur = tok
    for _ in range(10):
        host = finite_host(cur)
        if host is not None:
            cur = host  # (the verb the infinitive or gerund hangs from carries it)
            continue
        if _infinitive(cur):
            return True
        if cur.dep_ in ("ROOT", "ccomp", "parataxis") or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def asked_of_another(tok: Any) -> bool:
    """Whether ``tok`` is an act one actor asks, orders or urges another to do ("called on Iran to
    release the ship", "urged Russia to withdraw"): the asking is the event, the act is not done."""
    if tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "obj") and tok.head.pos_ == "VERB":
        tok = tok.head  # "called on its followers to stage violent attacks": the verb carries the act
    while tok.dep_ == "conj" and tok.head.i != tok.i:  # "to degrade and ultimately destroy ISIL"
        tok = tok.head
    if _mandated(tok):
        return True
    if not _infinitive(tok) or tok.head.lemma_.lower() not in OBJECT_CONTROL:
        return False
    # the one asked: named on the verb (``_asked``) or as the infinitive's own subject ("called on
    # Prime Minister Yingluck to resign")
    return _asked(tok.head) is not None or any(c.dep_ == "nsubj" for c in tok.children)


def _mandated(verb: Any) -> bool:
    """Whether a verb is the bare form a demand puts its content in ("demanded that Sweden crack
    down on Kurdish militants", "insisted the army withdraw"): a clause with a subject of its own
    and a base-form verb without auxiliary under another verb — asked for, not told as done."""
    return verb.dep_ == "ccomp" and verb.tag_ == "VB" and verb.head.pos_ == "VERB" \
        and any(c.dep_ == "nsubj" for c in verb.children) \
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def _obliged(verb: Any) -> bool:
    """Whether a reported clause says that someone other than the speaker must or should do
    something ("said Israel should halt the offensive", "told Xi that Beijing must stop"): the
    saying asks it of them. Not "we must …" (a commitment)."""
    if not any(c.dep_ == "aux" and c.lower_ in DEONTIC_MODALS for c in verb.children):
        return False
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and subject.lower_ not in FIRST_PERSON and subject.lower_ not in ("there", "it")


def obliged_subjects(verb: Any) -> list[Any]:
    """The subjects of the clauses a verb of saying reports as obligations (``_obliged``): who
    the saying asks to act ("told reporters the talks were positive but that Israel must stop":
    Israel, not the reporters)."""
    out = []
    for comp in verb.children:
        if comp.dep_ not in ("ccomp", "parataxis"):
            continue
        for clause in (comp, *comp.conjuncts):
            if _obliged(clause):
                out.extend(c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass"))
    return out


def _after_its_quote(verb: Any) -> bool:
    """Whether a verb follows the quotation it introduces ('"They beat us," recalled the former
    mayor'): the words after it are the speaker, inverted, not its object."""
    doc = verb.doc
    return verb.i > 0 and doc[verb.i - 1].text in ('"', "”", "’") and any(
        c.dep_ in ("ccomp", "parataxis") and c.i < verb.i for c in verb.children)


def _kept_from(verb: Any) -> bool:
    """Whether a gerund tells an act someone is warned against, kept or barred from ("warned Biden
    against arming Taiwan", "stopped the police from entering", "refrained from attacking"): no
    act done. (The annotators code the warning or the barring, never the act.)"""
    prep = verb.head
    return (verb.dep_ == "pcomp" and verb.tag_ == "VBG" and prep.lower_ in ("against", "from")
            and prep.head.pos_ in ("VERB", "AUX"))


def _warned_against(noun: Any) -> bool:
    """Whether an act noun is what someone warns or urges against ("warned against a military
    offensive in Rafah"): a feared act, not one done."""
    prep = noun.head
    return (noun.dep_ == "pobj" and prep.lower_ == "against"
            and prep.head.lemma_.lower() in _GROUPS["warning_verbs"])


# Where a complement that makes a verb another act may hang ("took six guards hostage").
COMPLEMENT_DEPS = frozenset({"oprd", "dobj", "obj", "advcl", "ccomp", "xcomp", "npadvmod", "acomp", "attr"})


def verb_entries(verb: Any, lemma: str) -> tuple[list[TriggerEntry], Any]:
    """The lexicon entries of a verb and the particle they were found with, or None.

    Why: a phrasal verb means something its bare verb does not ("crack down", "blow up", "step
    down", "back down"); when the lexicon lists the verb with its particle, that reading alone counts.
    """
    lex = triggers()
    # where a particle may stand: right after the verb, or after its object ("pulling its troops
    # out of Niger", "shut the embassy down")
    after = {verb.i + 1} | {c.right_edge.i + 1 for c in verb.children if c.dep_ in ("dobj", "obj") and c.i > verb.i}
    for c in verb.children:
        # The parser attaches a particle as "prt", or, where a particle stands, as an adverb
        # ("stepped down") or a preposition ("pulled out of").
        if c.dep_ == "prt" or (c.i in after and c.dep_ in ("advmod", "prep")):
            phrasal = [e for e in lex.get(f"{lemma} {c.lower_}", []) if e.pos in ("VERB", "ANY")]
            if phrasal:
                return phrasal, c
        elif c.i > verb.i and c.dep_ in COMPLEMENT_DEPS:
            # a complement that makes the verb another act ("took six guards hostage", "held them
            # captive"), whatever the parser calls it (it reads "hostage" as a verb, an object, …)
            phrasal = [e for e in lex.get(f"{lemma} {c.lemma_.lower()}", []) if e.pos in ("VERB", "ANY")]
            if phrasal:
                return phrasal, c
    return [e for e in lex.get(lemma, []) if e.pos in ("VERB", "ANY")], None


@lru_cache(maxsize=1)
def _phrase_heads() -> frozenset[str]:
    """Head nouns of the lexicon's noun phrases: the first word of "state of emergency", the last of
    "martial law"."""
    keys = [k for k, es in triggers().items() if " " in k and any(e.pos == "NOUN" for e in es)]
    return frozenset(k.split()[0] if " of " in k else k.split()[-1] for k in keys)


def noun_phrase_entries(noun: Any, lemma: str) -> list[TriggerEntry]:
    """The lexicon entries of a noun named with its modifier or its "of" complement.

    Why: "martial law" and "a state of emergency" are acts (a government's coercion) where "law"
    and "state" alone are none; the lexicon lists the phrase, and the noun heads it.
    """
    lex = triggers()
    keys = [f"{c.lower_} {lemma}" for c in noun.children if c.dep_ in ("amod", "compound") and c.i == noun.i - 1]
    keys += [f"{lemma} of {g.lower_}" for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
             for g in c.children if g.dep_ == "pobj"]
    return [e for k in keys for e in lex.get(k, []) if e.pos == "NOUN"]


def candidates(sent: Any) -> list[Candidate]:
    """All candidate acts of one spaCy sentence span.

    sent (Span): a sentence of the parsed document.
    RETURNS (list[Candidate]): candidates in text order (speech-verb fallbacks included).
    """
    lex = triggers()
    out: list[Candidate] = []
    nominal_lights: set[int] = set()
    # One pass reads each token's attributes once (each spaCy attribute access builds objects).
    nouns: list[tuple[Any, str]] = []
    verbs: list[tuple[Any, str]] = []
    for tok in sent:
        pos = tok.pos_
        if _hyphen_compound(tok):
            continue
        if pos == "VERB" and tok.dep_ in NOUN_DEPS and tok.tag_ != "VBG":
            # the tagger's verb in a noun's place ("killed in Russian and Syrian government airstrikes")
            nouns.append((tok, tok.lemma_.lower()))
        elif pos == "VERB":
            verbs.append((tok, tok.lemma_.lower()))
        elif pos in ("NOUN", "PROPN"):
            nouns.append((tok, tok.lemma_.lower()))
    for tok, lemma in nouns:
        if not tok.ent_type_ in ("PERSON", "GPE", "ORG", "NORP"):
            entries = [e for e in lex.get(lemma, []) + lex.get(tok.lower_, []) if e.pos in ("NOUN", "ANY")]
            if lemma in _phrase_heads():
                entries += noun_phrase_entries(tok, lemma)
            if not entries or _names_a_thing(tok, lex) or _attacked_unit(tok, lex):
                continue
            # dedupe entries found twice via lemma and form
            entries = list({(e.type, e.mode, e.cameo): e for e in entries}.values())
            source, target, light = _nominal_roles(tok)
            if source is None and target is None and light is None:
                continue
            if (light is not None and (_kept_from(light) or _claim_not_made(light))) or _warned_against(tok):
                # ("cautioned Israel against launching an offensive", "warned against an invasion";
                # "the group did not claim the attack": no claim says nothing of who did it)
                continue
            cand = Candidate(tok, entries, source, target, nominal=True,
                             background=_in_background(tok), depth=_depth(tok))
            if light is not None:
                cand.extra_tokens.append(light)
                nominal_lights.add(light.i)
            out.append(cand)
    for tok, lemma in verbs:
        if tok.i in nominal_lights:
            continue
        if lemma in _GROUPS["withholding_verbs"] and any(
                c.dep_ == "xcomp" and c.lemma_.lower() in _GROUPS["comment_verbs"] for c in tok.children) or (
                tok.dep_ == "xcomp" and lemma in _GROUPS["comment_verbs"]
                and tok.head.lemma_.lower() in _GROUPS["withholding_verbs"]):
            continue  # "a spokesman declined to say whether …": no comment is no act
        if any(c.dep_ in ("dobj", "obj", "nsubjpass") and c.lemma_.lower() in _GROUPS["empathy_nouns"]
               for c in tok.children):
            continue  # "offered his condolences to the family": an empathetic comment, no act
        if lemma in _GROUPS["object_required_verbs"] and (not any(
                c.dep_ in ("dobj", "nsubjpass", "prt") for c in tok.children) or _after_its_quote(tok)):
            continue  # "all aircraft returned to base safely": a movement, nothing returned
        if _describes_someone(tok):
            continue  # "Revolutionary Guards who patrol the Gulf", "anyone accusing Turkey": who they are
        if _kept_from(tok):
            continue  # "cautioned Israel against launching an offensive", "barred the army from detaining
            # journalists": an act someone is warned against or kept from, not done
        if tok.dep_ in ("advcl", "conj", "xcomp") and tok.head.lemma_.lower() in _GROUPS["accident_verbs"] \
                and lemma in _GROUPS["victim_verbs"]:
            continue  # "the plane crashed, killing all 150 on board", "collided with a boat, injuring two": an accident
        entries, particle = verb_entries(tok, lemma)
        if entries:
            source, target = _verb_roles(tok)
            if target is None and particle is not None:  # ("had taken three engineers hostage": the
                # parser may hang the people on the complement as a compound)
                target = next((c for c in particle.children if c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN")), None)
            cand = Candidate(tok, entries, source, target, background=_in_background(tok), depth=_depth(tok))
            if particle is not None:
                cand.extra_tokens.append(particle)
            out.append(cand)
        elif lemma in speech_verbs() and any(c.dep_ in ("ccomp", "parataxis") for c in tok.children):
            source = _subject(tok)
            comp = [c for c in tok.children if c.dep_ in ("ccomp", "parataxis")][0]
            target = _children(comp, SUBJ | PASS_SUBJ)
            tgt = target[0] if target else None
            if tgt is not None and (tgt.pos_ == "PRON" or (source is not None and tgt.lower_ == source.lower_)):
                objs = _children(comp, OBJ)  # "X said it would release Y": Y
                tgt = objs[0] if objs else _pobj_of(comp, {"to", "with", "against", "on"})
            objs = _children(tok, OBJ)
            if objs:
                tgt = objs[0]
            entries = [DEMAND_ENTRY] if obliged_subjects(tok) else []
            out.append(Candidate(tok, entries, source, tgt, speech=True, depth=_depth(tok)))
            if comp.pos_ == "VERB" and comp.lemma_.lower() not in lex:
                src, tg = _verb_roles(comp)
                if src is not None:
                    out.append(Candidate(comp, [], src, tg, generic=True, depth=_depth(comp)))
        elif tok.dep_ == "ROOT" and lemma not in ("be", "have"):
            src, tg = _verb_roles(tok)
            if src is not None and src.pos_ != "PRON" or tg is not None:
                out.append(Candidate(tok, [], src, tg, generic=True, depth=0))
    marks = conditional_marks(sent) if out else []
    for cand in out:
        verbal = bool(cand.types & VERBAL_TYPES) or cand.speech
        cand.modality = modality_of(cand.trigger, marks, nominal=cand.nominal, verbal=verbal)
        if cand.modality == "conditional":
            cand.cond_agent = _condition_agent(cand.trigger)
    out.sort(key=lambda c: c.trigger.i)
    return out


def phrase_span(tok: Any) -> tuple[int, int]:
    """Character span of the noun phrase headed by ``tok``, without trailing clauses."""
    left = tok
    for t in tok.lefts:
        if t.dep_ in ("det", "amod", "compound", "poss", "nummod", "nmod", "case", "quantmod", "punct") or t.pos_ in ("PROPN", "ADJ", "NOUN", "DET"):
            left = min(left, t.left_edge, key=lambda x: x.i)
    right = tok
    for t in tok.rights:
        if t.dep_ in ("appos", "prep") and t.i == right.i + 1 or t.dep_ == "compound":
            # "commander of Iran's Quds Force", "Ansarallah (Houthis)"
            if t.dep_ == "prep" and (t.lower_ != "of" or any(c.dep_ == "pcomp" for c in t.children)):
                break  # (nor "units of carrying out executions": a clause, where the parser hangs "of" on the object)
            right = max(right, t.right_edge, key=lambda x: x.i)
        else:
            break
    # Trim leading determiners / punctuation for readability.
    while left.i < tok.i and left.pos_ in ("DET", "PUNCT"):
        left = tok.doc[left.i + 1]
    return left.idx, right.idx + len(right.text)
