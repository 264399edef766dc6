"""Event dates: from the event's clause, else its sentence, else publication date for news of the day."""

from __future__ import annotations

import pytest

from eventscope.model import AnalyzedDocument, Document, Event, Sentence, Span
from eventscope.time import TimeStage

pytestmark = pytest.mark.slow


def _run(nlp, text: str, trigger: str, pub: str | None = "2025-03-20", modality: str = "asserted"):
    adoc = AnalyzedDocument(document=Document(text=text, date=pub))
    adoc.spacy_doc = nlp(text)
    adoc.sentences = [Sentence(i, s.text, s.start_char, s.end_char) for i, s in enumerate(adoc.spacy_doc.sents)]
    start = text.index(trigger)
    adoc.events = [Event(id="E1", type="X", source=None, target=None, modality=modality,
                         evidence=Span(text, 0, len(text)), trigger=Span(trigger, start, start + len(trigger)))]
    TimeStage()(adoc)
    return adoc, adoc.events[0]


def test_date_from_the_event_clause(nlp):
    adoc, ev = _run(nlp, "Israeli jets struck Gaza on Tuesday, officials said on Wednesday.", "struck")
    assert (ev.date, ev.date_precision) == ("2025-03-18", "day")
    assert len(adoc.times) == 2


def test_other_clause_date_is_not_taken(nlp):
    _, ev = _run(nlp, "Killed by soldiers during clashes. Israel held his body until 8 April 2023.", "Killed", pub=None)
    assert ev.date is None


def test_news_of_the_day_gets_publication_date(nlp):
    text = "Rebels seized the town on Wednesday. Fighters also shelled a nearby base."
    _, ev = _run(nlp, text, "shelled")
    assert (ev.date, ev.date_precision) == ("2025-03-20", "day")


def test_news_of_the_day_reads_the_parse_when_no_sentence_list(nlp):
    """A wire dateline without a year ("LUSAKA, May 4 (EVS) —") dates the day's report; the
    rule reads the lead from the parse when the nlp stage's sentence list is absent."""
    from eventscope.time.expressions import find_dates, parse_pub_date
    from eventscope.time.stage import date_events

    text = "LUSAKA, May 4 (EVS) — Police fired tear gas at opposition supporters in the city centre."
    adoc = AnalyzedDocument(document=Document(text=text, date="2021-05-04"))
    adoc.spacy_doc = nlp(text)
    adoc.times = find_dates(text, parse_pub_date("2021-05-04"), adoc.spacy_doc)
    start = text.index("fired")
    adoc.events = [Event(id="E1", type="X", source=None, target=None, evidence=Span(text, 0, len(text)),
                         trigger=Span("fired", start, start + 5))]
    date_events(adoc)
    assert (adoc.events[0].date, adoc.events[0].date_precision) == ("2021-05-04", "day")


def test_old_story_gets_no_default(nlp):
    text = "In 1998, rebels seized the town. Fighters also shelled a nearby base."
    _, ev = _run(nlp, text, "shelled")
    assert ev.date is None


def test_hypothetical_event_gets_no_default(nlp):
    text = "Rebels seized the town on Wednesday. They could attack the capital."
    _, ev = _run(nlp, text, "attack", modality="hypothetical")
    assert ev.date is None


def test_same_time_clause(nlp):
    text = "She refused to leave when they fled the house on 5 January 2009."
    _, ev = _run(nlp, text, "refused", pub=None)
    assert ev.date == "2009-01-05"


@pytest.mark.slow
def test_dateline_anchors_an_undated_document():
    from eventscope.model import Document
    from eventscope.pipeline import Pipeline, PipelineConfig

    pipeline = Pipeline(PipelineConfig(stages=("nlp", "time")))
    adoc = pipeline(Document(text="ACCRA, March 20, 2025 — Protesters marched on Tuesday in the capital."))
    assert adoc.document.date == "2025-03-20"
    tuesday = [t for t in adoc.times if t.text.endswith("Tuesday")]
    assert tuesday and tuesday[0].date == "2025-03-18"


def test_dateline_date_dates_no_event():
    from eventscope.time.expressions import find_dateline

    text = "ACCRA, March 20, 2025 — Protesters marched on Tuesday."
    when, start, end = find_dateline(text)
    assert when.isoformat() == "2025-03-20" and text[start:end] == "March 20, 2025"


def test_a_date_header_dates_the_next_sentence(nlp):
    from eventscope.model import AnalyzedDocument, Document, Event, Span
    from eventscope.time.expressions import find_dates
    from eventscope.time.stage import date_events

    text = "14 September 2018: Rebels shelled the market of a small town. Two people died."
    adoc = AnalyzedDocument(document=Document(text=text))
    adoc.spacy_doc = nlp(text)
    adoc.times = find_dates(text, None, adoc.spacy_doc)
    at = text.index("shelled")
    adoc.events = [Event(id="E1", type="ASSAULT", source=None, target=None, evidence=Span(text, 0, len(text)),
                         trigger=Span("shelled", at, at + 7))]
    date_events(adoc)
    assert (adoc.events[0].date, adoc.events[0].date_precision) == ("2018-09-14", "day")


@pytest.mark.parametrize("text,trigger,expected", [
    ("On 2 March 2021, herders clashed with farmers near the river; four men died.", "died", "2021-03-02"),
    ("On 11/4/2022, rebels ambushed a convoy outside the town and troops later retook the road.", "retook", "2022-04-11"),
    ("Early on Sunday, a mine exploded under a truck on the pass and two guards were wounded.", "wounded", "2025-03-16"),
])
def test_a_date_that_opens_the_sentence_dates_each_of_its_clauses(nlp, text, trigger, expected):
    _, ev = _run(nlp, text, trigger, pub="2025-03-17")
    assert (ev.date, ev.date_precision) == (expected, "day")


def test_an_opening_date_leaves_a_clause_with_its_own_date(nlp):
    text = "On 9 May 2022, officials said the camp had been shelled on 2 May 2022."
    _, ev = _run(nlp, text, "shelled", pub=None)
    assert ev.date == "2022-05-02"


def test_a_date_word_hung_above_the_acts_clause_is_another_clauses_and_ends():
    """A date split by the parser between the act's clause and the sentence root: the walk up from
    the word on the root's side must stop there (it once looped for ever) and refuse the date."""
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from eventscope.time.stage import _in_other_clause

    words = ["Police", "found", "men", "who", "fled", "on", "1", "May"]
    heads = [1, 1, 1, 4, 2, 4, 5, 1]  # "May" hangs from the root "found", "1" from "on" under "fled"
    deps = ["nsubj", "ROOT", "dobj", "nsubj", "relcl", "prep", "pobj", "npadvmod"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, sent_starts=[True] + [False] * 7)
    fled = doc[4]
    assert _in_other_clause(fled, 0, {6: 0, 7: 0})
    assert not _in_other_clause(fled, 0, {6: 0})  # the whole date under the act's own clause
