"""scripts/decision_errors.py: the out-of-fold mistakes are written with the gold they met."""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path

from eventscope.model import ActorRef, AnalyzedDocument, Document, Event, Span

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"


def _script():
    import sys

    sys.path.insert(0, str(SCRIPTS))
    spec = importlib.util.spec_from_file_location("decision_errors", SCRIPTS / "decision_errors.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_wrong_event_is_written_with_the_gold_act_it_met():
    text = "Rebels shelled the town on Monday. The army said it would respond."
    adoc = AnalyzedDocument(document=Document(text=text, id="d1"))
    rebels = ActorRef(actor="A1", text="Rebels", name="Rebels", country="SYR", sector="REB", start=0, end=6)
    adoc.candidates = [Event(id="C1", type="PROTEST", source=rebels, target=None,
                             evidence=Span(text=text[:34], start=0, end=34),
                             trigger=Span(text="shelled", start=7, end=14), sentence=0)]
    record = {"id": "d1", "not_story": [], "events": [
        {"evidence": [0, 34], "trigger": [7, 14], "type": "ASSAULT", "repeat_of": None,
         "source": {"span": [0, 6], "country": "SYR", "sector": "REB"}, "target": None}]}
    out = io.StringIO()
    counts = _script().write_errors([record], [adoc], {(0, 0): 0.9}, 0.5, None, out)
    assert counts == {"wrong_type": 1}
    written = out.getvalue()
    assert written.startswith("wrong_type\td1\tPROTEST 'shelled'")
    assert "gold ASSAULT Rebels [SYR/REB] -> NULL" in written


def test_a_right_event_is_written_only_when_asked():
    text = "Rebels shelled the town on Monday."
    adoc = AnalyzedDocument(document=Document(text=text, id="d2"))
    rebels = ActorRef(actor="A1", text="Rebels", name="Rebels", country="SYR", sector="REB", start=0, end=6)
    adoc.candidates = [Event(id="C1", type="ASSAULT", source=rebels, target=None,
                             evidence=Span(text=text, start=0, end=len(text)),
                             trigger=Span(text="shelled", start=7, end=14), sentence=0)]
    record = {"id": "d2", "not_story": [], "events": [
        {"evidence": [0, len(text)], "trigger": [7, 14], "type": "ASSAULT", "repeat_of": None,
         "source": {"span": [0, 6], "country": "SYR", "sector": "REB"}, "target": None}]}
    script = _script()
    quiet, full = io.StringIO(), io.StringIO()
    assert script.write_errors([record], [adoc], {(0, 0): 0.9}, 0.5, None, quiet) == {}
    assert script.write_errors([record], [adoc], {(0, 0): 0.9}, 0.5, None, full, with_right=True) == {"right": 1}
    assert quiet.getvalue() == "" and full.getvalue().startswith("right\td2\tASSAULT 'shelled'")
