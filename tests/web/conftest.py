"""Fixtures for the dashboard tests: a real DuckDB store, the real API app served by uvicorn in
a background thread, and Debian's chromium driven by Playwright.

The corpus is four short articles written for these tests (no news text is copied); one of them
carries hostile markup in its title and text, to prove the page shows it as text, and one has a
bare pronoun as an actor and a place inferred from the story.
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path
from typing import Any, Iterator

import pytest

from eventscope.model import (
    Actor, ActorRef, AnalyzedDocument, Brief, Document, Event, Location, Mention, Quote, Sentence, Span,
)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"

HOSTILE = '<script>window.__pwned = 1</script><img src="x" onerror="window.__pwned = 2">'


def _span(text: str, needle: str, after: int = 0) -> Span:
    start = text.index(needle, after)
    return Span(text=needle, start=start, end=start + len(needle))


def _sentences(text: str) -> list[Sentence]:
    out, start = [], 0
    for i, part in enumerate(text.split(". ")):
        end = start + len(part) + (1 if start + len(part) < len(text) else 0)
        out.append(Sentence(index=i, text=text[start:end], start=start, end=end))
        start = end + 1
    return out


def _actor(aid: str, name: str, country: str | None, sector: str | None, kind: str,
           text: str, *surfaces: str) -> Actor:
    """An actor with one mention per surface; "Hadi|said" marks "Hadi" where it precedes " said"."""
    mentions = []
    for surface in surfaces:
        word = surface.split("|")[0]
        sp = _span(text, surface.replace("|", " "))
        mentions.append(Mention(text=word, start=sp.start, end=sp.start + len(word), actor=aid))
    return Actor(id=aid, name=name, country=country, sector=sector, kind=kind, mentions=mentions)


def _event(adoc: AnalyzedDocument, eid: str, etype: str, src: str, tgt: str | None, sentence: str,
           trigger: str, quad: int, goldstein: float, date: str, location: Location | None = None,
           cameo: str = "010", modality: str = "asserted") -> Event:
    text = adoc.document.text
    evidence = _span(text, sentence)
    source = adoc.actor(src)
    target = adoc.actor(tgt) if tgt else None

    def inside(actor: Actor) -> Mention:
        return next(m for m in actor.mentions if evidence.start <= m.start < evidence.end)

    return Event(
        id=eid, type=etype, source=source.ref(inside(source)) if source else None,
        target=target.ref(inside(target)) if target else None, evidence=evidence,
        trigger=_span(text, trigger, evidence.start), quad_class=quad, goldstein=goldstein,
        cameo=cameo, date=date, date_precision="day", location=location, modality=modality,
        confidence=0.8,
    )


def _loc(text: str, surface: str, name: str, country: str, lat: float, lon: float, feature: str) -> Location:
    sp = _span(text, surface)
    return Location(text=surface, start=sp.start, end=sp.end, name=name, country=country,
                    lat=lat, lon=lon, feature=feature, precision="country" if feature == "country" else "place")


def build_corpus() -> list[AnalyzedDocument]:
    """Four hand-written analysed documents covering every dashboard view."""
    t1 = ("The Iranian commander Farid Rostami met Iraqi Prime Minister Karim Hadi in Baghdad on Monday. "
          "Hadi said the talks were useful. "
          "The United States accused Iran of arming militias near Basra.")
    d1 = AnalyzedDocument(Document(text=t1, id="doc-baghdad", date="2025-03-18",
                                   title="Iranian commander visits Baghdad"), sentences=_sentences(t1))
    d1.actors = [
        _actor("A1", "Farid Rostami", "IRN", "MIL", "person", t1, "Farid Rostami"),
        _actor("A2", "Karim Hadi", "IRQ", "GOV", "person", t1, "Karim Hadi", "Hadi|said"),
        _actor("A3", "United States", "USA", "GOV", "state", t1, "The United States"),
        _actor("A4", "Iran", "IRN", "GOV", "state", t1, "Iran|of"),
    ]
    baghdad = _loc(t1, "Baghdad", "Baghdad", "IRQ", 33.34, 44.40, "city")
    basra = _loc(t1, "Basra", "Basra", "IRQ", 30.51, 47.81, "city")
    d1.locations = [baghdad, basra]
    d1.events = [
        _event(d1, "E1", "CONSULT", "A1", "A2", d1.sentences[0].text, "met", 1, 1.9, "2025-03-17", baghdad, "040"),
        _event(d1, "E2", "ACCUSE", "A3", "A4", d1.sentences[2].text, "accused", 3, -2.0, "2025-03-18", basra, "112"),
    ]
    d1.quotes = [Quote(text="the talks were useful", start=t1.index("the talks"),
                       end=t1.index("the talks") + len("the talks were useful"), speaker="A2",
                       speaker_text="Hadi", cue="said", kind="indirect")]
    d1.brief = Brief(summary="An Iranian commander met the Iraqi prime minister in Baghdad; Washington accused Tehran.",
                     key_points=["Meeting in Baghdad on Monday", "US accusation over militias"])

    t2 = ("Israeli aircraft struck Hamas buildings in Gaza on Tuesday. "
          "The Houthis fired missiles at an American warship off Yemen on Wednesday.")
    d2 = AnalyzedDocument(Document(text=t2, id="doc-gaza", date="2025-03-20", title="Strikes in Gaza and off Yemen"),
                          sentences=_sentences(t2))
    d2.actors = [
        _actor("A1", "Israel", "ISR", "MIL", "state", t2, "Israeli aircraft"),
        _actor("A2", "Hamas", "PSE", "REB", "group", t2, "Hamas"),
        _actor("A3", "Houthis", "YEM", "REB", "group", t2, "The Houthis"),
        _actor("A4", "United States", "USA", "MIL", "state", t2, "American|warship"),
    ]
    gaza = _loc(t2, "Gaza", "Gaza", "PSE", 31.50, 34.47, "city")
    yemen = _loc(t2, "Yemen", "Yemen", "YEM", 15.50, 48.00, "country")
    d2.locations = [gaza, yemen]
    d2.events = [
        _event(d2, "E1", "ASSAULT", "A1", "A2", d2.sentences[0].text, "struck", 4, -10.0, "2025-03-18", gaza, "195"),
        _event(d2, "E2", "ASSAULT", "A3", "A4", d2.sentences[1].text, "fired", 4, -10.0, "2025-03-19", yemen, "190"),
    ]
    d2.brief = Brief(summary="Strikes hit Gaza and a warship off Yemen.", key_points=["Two attacks"])

    t3 = (f"Protesters in Cairo denounced the government {HOSTILE} on Friday. "
          "Egypt threatened to expel the protest leaders.")
    d3 = AnalyzedDocument(Document(text=t3, id="doc-hostile", date="2025-03-21",
                                   title=f"Cairo protest {HOSTILE}"), sentences=_sentences(t3))
    d3.actors = [
        _actor("A1", "Protesters", "EGY", "CVL", "group", t3, "Protesters", "protest leaders"),
        _actor("A2", "Egypt", "EGY", "GOV", "state", t3, "the government", "Egypt|threatened"),
    ]
    cairo = _loc(t3, "Cairo", "Cairo", "EGY", 30.04, 31.24, "city")
    d3.locations = [cairo]
    d3.events = [
        _event(d3, "E1", "PROTEST", "A1", "A2", t3[: t3.index(" Egypt")], "denounced", 3, -4.0, "2025-03-21", cairo, "140"),
        _event(d3, "E2", "THREATEN", "A2", "A1", t3[t3.index("Egypt"):], "threatened", 3, -5.0, "2025-03-21", cairo,
               "130", modality="intended"),
    ]
    d3.brief = Brief(summary=f"Brief with markup {HOSTILE} stays text.", key_points=[HOSTILE])

    # As an older actors stage left it: a bare pronoun stored as the actor, and the event put at
    # the story's country (inferred: its own sentence names no place).
    t4 = "They fired rockets at Israel on Thursday, the army said."
    d4 = AnalyzedDocument(Document(text=t4, id="doc-pronoun", date="2025-03-20", title="Rockets fired at Israel"),
                          sentences=_sentences(t4))
    d4.actors = [
        _actor("A1", "they", None, None, "group", t4, "They"),
        _actor("A2", "Israel", "ISR", "MIL", "state", t4, "Israel"),
    ]
    israel = Location(text="Israel", start=None, end=None, name="Israel", country="ISR", lat=31.5, lon=34.75,
                      feature="country", precision="country", inferred=True, confidence=0.6)
    d4.events = [_event(d4, "E1", "ASSAULT", "A1", "A2", t4, "fired", 4, -10.0, "2025-03-20", israel, "190")]
    d4.brief = Brief(summary="Rockets were fired at Israel.", key_points=["Rocket fire"])
    return [d1, d2, d3, d4]


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real DuckDB file holding the test corpus, written through ``Store.write``."""
    from eventscope.store import Store

    path = tmp_path_factory.mktemp("webstore") / "web.duckdb"
    store = Store(path)
    try:
        result = store.write(build_corpus())
        assert result["events"] == 7, result
    finally:
        store.close()
    return path


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def live_server(request: pytest.FixtureRequest) -> Iterator[str]:
    """The real ``eventscope.api.create_app`` over the test store, served on a free local port."""
    import uvicorn

    api = pytest.importorskip("eventscope.api")
    create_app = getattr(api, "create_app", None)
    if create_app is None:
        pytest.skip("eventscope.api.create_app is not available")
    store_path = request.getfixturevalue("store_path")

    app = create_app(str(store_path), token="test-token")
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Debian chromium; the browser tests skip cleanly when it is not installed."""
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class ConsoleLog(list):
    """Console messages and page errors seen by one page."""

    def errors(self) -> list[str]:
        return [text for kind, text in self if kind in ("error", "pageerror")]


@pytest.fixture
def page(browser: Any, live_server: str) -> Iterator[Any]:
    """A fresh page (1400×900) that records console errors and failed requests."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, base_url=live_server)
    pg = context.new_page()
    pg.set_default_timeout(30_000)  # CI shares two cores with everything else
    log = ConsoleLog()
    pg.on("console", lambda msg: log.append((msg.type, msg.text)))
    pg.on("pageerror", lambda err: log.append(("pageerror", str(err))))
    pg.on("requestfailed", lambda req: log.append(("error", f"request failed: {req.url}")))
    pg.console_log = log
    yield pg
    context.close()


def _open_view(pg: Any, view: str, timeout: float = 30_000) -> None:
    """Go to ``#/<view>`` and wait until the dashboard says the view finished loading."""
    pg.goto(f"/#/{view}")
    name = view.split("/")[0].split("?")[0]
    pg.wait_for_selector(f'body[data-ready="{name}"]', timeout=timeout)


def _screenshot(pg: Any, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    pg.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def open_view() -> Any:
    """``open_view(page, "events")``: load a view and wait until it is ready."""
    return _open_view


@pytest.fixture
def screenshot() -> Any:
    """``screenshot(page, name)``: save a full-page PNG under ``artifacts/screenshots/``."""
    return _screenshot
