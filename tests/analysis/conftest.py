"""Analysis fixtures: a synthetic store with known escalation patterns (the corpus store is in tests/conftest.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventscope.model import Actor, AnalyzedDocument, Document, Event, Location, Mention, Span

START = dt.date(2025, 1, 1)


def one_event_doc(i: int, day: int, src: tuple[str, str], tgt: tuple[str, str], type_: str, quad: int,
                  goldstein: float, modality: str = "asserted", place: tuple[str, str] | None = None) -> AnalyzedDocument:
    """A one-sentence document with one event between two named actors, ``day`` days after START."""
    date = (START + dt.timedelta(days=day)).isoformat()
    text = f"{src[0]} acted towards {tgt[0]} in report {i}."
    a = Actor(id="A1", name=src[0], country=src[1], sector="GOV", kind="state",
              mentions=[Mention(src[0], 0, len(src[0]), actor="A1")])
    t_at = text.index(tgt[0])
    b = Actor(id="A2", name=tgt[0], country=tgt[1], sector="MIL", kind="state",
              mentions=[Mention(tgt[0], t_at, t_at + len(tgt[0]), actor="A2")])
    loc = None
    if place:
        loc = Location(text=place[0], start=None, end=None, name=place[0], country=place[1], lat=1.0, lon=2.0)
    ev = Event(id="E1", type=type_, source=a.ref(a.mentions[0]), target=b.ref(b.mentions[0]),
               evidence=Span(text, 0, len(text)), quad_class=quad, goldstein=goldstein, cameo="0" + str(quad) + "0",
               modality=modality, date=date, date_precision="day", location=loc)
    return AnalyzedDocument(document=Document(text=text, id=f"syn-{i:04d}", date=date), actors=[a, b], events=[ev])


def scenario() -> list[AnalyzedDocument]:
    """Three dyads over 35 days: one turns hostile, one calms down, one stays the same."""
    docs: list[AnalyzedDocument] = []
    i = 0
    north, south = ("Northland", "NOR"), ("Southland", "SOU")
    east, west = ("Eastland", "EAS"), ("Westland", "WES")
    up, down = ("Upland", "UPL"), ("Downland", "DWN")
    for day in range(0, 28, 3):  # baseline: cooperation N→S, conflict E→W, mixed U→D
        docs.append(one_event_doc(i := i + 1, day, north, south, "CONSULT", 1, 2.0))
        docs.append(one_event_doc(i := i + 1, day, east, west, "ASSAULT", 4, -10.0, place=("Westville", "WES")))
        docs.append(one_event_doc(i := i + 1, day, up, down, "ACCUSE", 3, -2.0))
    for day in range(28, 35):  # recent week
        docs.append(one_event_doc(i := i + 1, day, north, south, "ASSAULT", 4, -10.0, place=("Southport", "SOU")))
        docs.append(one_event_doc(i := i + 1, day, east, west, "AGREE", 1, 4.0))
        docs.append(one_event_doc(i := i + 1, day, up, down, "ACCUSE", 3, -2.0))
    # Negated threats must not count.
    docs.append(one_event_doc(i := i + 1, 34, up, down, "ASSAULT", 4, -10.0, modality="negated"))
    return docs


@pytest.fixture(scope="session")
def synthetic_db(tmp_path_factory) -> Path:
    from eventscope.store import Store

    path = tmp_path_factory.mktemp("synthetic") / "syn.duckdb"
    with Store(path) as s:
        s.write(scenario(), stories=False)
    return path


@pytest.fixture()
def synthetic_store(synthetic_db):
    from eventscope.store import Store

    s = Store(synthetic_db, read_only=True)
    yield s
    s.close()
