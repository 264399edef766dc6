"""The dashboard in headless Chromium (Debian's ``/usr/bin/chromium``) over the real API app and a
real DuckDB file. Screenshots land in ``artifacts/screenshots/`` for a person to look at."""

from __future__ import annotations

from typing import Any

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect
expect.set_options(timeout=15_000)

pytestmark = pytest.mark.browser


def assert_clean(page: Any) -> None:
    errors = page.console_log.errors()
    assert not errors, errors
    assert page.locator("#error").is_hidden(), page.locator("#error").text_content()


def test_events_table_loads_without_console_errors(page: Any, open_view: Any, screenshot: Any) -> None:
    open_view(page, "events")
    rows = page.locator("#view-events tr.event-row")
    assert rows.count() == 7
    assert "7 events" in page.locator("#events-summary").text_content()
    # Evidence sentences with the trigger and both actors highlighted.
    row = page.locator("#view-events tr.event-row", has_text="Rostami")
    assert row.locator("mark.hl-trigger").text_content() == "met"
    assert row.locator("mark.hl-source").text_content() == "Farid Rostami"
    assert row.locator("mark.hl-target").text_content() == "Karim Hadi"
    # A click opens the event's provenance.
    row.click()
    detail = page.locator("#view-events tr.event-detail:visible")
    assert "doc-baghdad" in detail.text_content()
    screenshot(page, "events")
    # ... and leads to its sentence, marked, in the document.
    detail.locator("button.open-doc").click()
    page.wait_for_selector("#doc-text mark.focus")
    assert "Rostami met" in "".join(page.locator("#doc-text mark.focus").all_text_contents())
    assert "ev=doc-baghdad" in page.url
    assert_clean(page)


def test_filters_narrow_the_table(page: Any, open_view: Any, screenshot: Any) -> None:
    open_view(page, "events")
    page.select_option("#f-type", "ASSAULT")
    page.click("#f-apply")
    page.wait_for_selector('body[data-ready="events"]')
    expect(page.locator("#view-events tr.event-row")).to_have_count(3)
    types = page.locator("#view-events tr.event-row .badge").all_text_contents()
    assert types == ["ASSAULT", "ASSAULT", "ASSAULT"]
    assert "type=ASSAULT" in page.url
    # Country and modality filters come from the data and also narrow the table.
    page.select_option("#f-type", "")
    page.select_option("#f-country", "EGY")
    page.select_option("#f-modality", "intended")
    page.click("#f-apply")
    expect(page.locator("#view-events tr.event-row")).to_have_count(1)
    assert "THREATEN" in page.locator("#view-events tr.event-row").text_content()
    # A date range and words in the evidence sentence.
    page.goto("/#/events")
    page.wait_for_selector('body[data-ready="events"]')
    page.fill("#f-from", "2025-03-20")
    page.click("#f-apply")
    expect(page.locator("#view-events tr.event-row")).to_have_count(3)
    assert "date_from=2025-03-20" in page.url
    page.fill("#f-from", "")
    page.fill("#f-q", "militias")
    page.click("#f-apply")
    expect(page.locator("#view-events tr.event-row")).to_have_count(1)
    # An actor filter, then reset.
    page.goto("/#/events")
    page.wait_for_selector('body[data-ready="events"]')
    hadi = page.locator("#f-actor option", has_text="Karim Hadi").get_attribute("value")
    page.select_option("#f-actor", hadi)
    page.click("#f-apply")
    expect(page.locator("#view-events tr.event-row")).to_have_count(1)
    page.click("#f-reset")
    expect(page.locator("#view-events tr.event-row")).to_have_count(7)
    assert_clean(page)


def test_document_view_shows_brief_actors_and_events(page: Any, open_view: Any, screenshot: Any) -> None:
    open_view(page, "documents")
    page.click("text=Iranian commander visits Baghdad")
    page.wait_for_selector("#doc-brief")
    assert "met the Iraqi prime minister" in page.locator("#doc-brief").text_content()
    assert "US accusation over militias" in page.locator("#doc-brief li").all_text_contents()
    chips = page.locator("#doc-view .doc-actors .chip").all_text_contents()
    assert any("Farid Rostami" in c for c in chips) and len(chips) == 4
    text = page.locator("#doc-text")
    assert text.locator(".ev-tag").all_text_contents() == ["CONSULT", "ACCUSE"]
    assert "Hadi" in text.locator("mark.hl-mention").all_text_contents()
    assert page.locator("#doc-view table.events tr.event-row").count() == 2
    screenshot(page, "document")
    assert_clean(page)


def test_markup_in_an_article_is_shown_as_text(page: Any, open_view: Any, screenshot: Any) -> None:
    open_view(page, "documents/doc-hostile")
    page.wait_for_selector("#doc-text")
    assert "<script>window.__pwned = 1</script>" in page.locator("#doc-text").text_content()
    assert "<img src=" in page.locator("#doc-view h2.doc-title").text_content()
    assert "<script>" in page.locator("#doc-brief").text_content()
    assert page.locator("#doc-view script, #doc-view img").count() == 0
    open_view(page, "events?country=EGY")
    assert "<script>" in page.locator("#view-events").text_content()
    page.wait_for_timeout(300)  # give an injected handler time to fire, if there were one
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    assert page.locator("#view-events script, #view-events img").count() == 0
    screenshot(page, "hostile-document")
    assert_clean(page)


def test_network_renders(page: Any, open_view: Any, screenshot: Any) -> None:
    open_view(page, "network")
    assert page.locator("#network-summary").text_content().startswith("9 actors · 6 dyads")
    assert page.locator("#network-graph canvas").count() >= 1
    # The side panel lists the dyads as text; one opens its details, then its timeline.
    dyads = page.locator("#network-dyads li")
    assert dyads.count() == 6
    page.locator("#network-dyads button", has_text="Israel → Hamas").click()
    side = page.locator("#network-side")
    assert "Israel → Hamas" in side.locator("h3").text_content()
    assert "material conflict" in side.text_content()
    page.wait_for_timeout(300)
    screenshot(page, "network")
    side.locator("button", has_text="Dyad timeline").click()
    expect(page.locator("#timeline-summary")).to_contain_text("Israel → Hamas: 1 event")
    # Countries as nodes.
    open_view(page, "network")
    page.select_option("#net-by", "country")
    expect(page.locator("#network-summary")).to_contain_text("countries")
    assert "EGY → EGY" not in page.locator("#network-side").text_content()  # no self-loops
    assert_clean(page)


def test_the_network_never_shows_pronoun_nodes(page: Any, open_view: Any) -> None:
    """The store holds an event whose source is the bare pronoun "they" (as older stores do)."""
    open_view(page, "network")
    labels = page.evaluate("() => document.getElementById('network-graph').cy.nodes().map((n) => n.data('label'))")
    assert labels and "Israel (ISR)" in labels
    assert not {label.split(" (")[0].lower() for label in labels} & {"they", "he", "she", "we", "i", "you", "them"}
    assert "they" not in page.locator("#network-dyads").text_content().lower().split()
    # Not in the countries view either, nor hidden in the payload the view was drawn from.
    payload = page.evaluate("async () => (await (await fetch('/api/network?top=500')).json()).nodes.map((n) => n.name)")
    assert "they" not in payload and "Israel" in payload
    # The event itself is still listed, with its inferred place marked.
    open_view(page, "events?doc=doc-pronoun")
    row = page.locator("#view-events tr.event-row")
    expect(row).to_have_count(1)
    assert "(inferred)" in row.text_content()
    assert "country level" in row.locator("td.place-inferred").get_attribute("title")
    assert_clean(page)


def test_add_document_form_needs_the_token(page: Any, open_view: Any) -> None:
    open_view(page, "documents")
    page.click(".add-doc summary")
    page.fill("#add-text", "Officials met in Vienna on Monday.")
    page.fill("#add-token", "wrong-token")
    page.click(".add-doc button[type=submit]")
    expect(page.locator("#add-status")).to_contain_text("401")
    # The browser logs the refused request; nothing else may fail.
    others = [e for e in page.console_log.errors() if "401" not in e]
    assert not others, others


def test_map_renders_basemap_and_places(page: Any, open_view: Any, screenshot: Any) -> None:
    open_view(page, "map")
    page.wait_for_selector("#map svg path.place-marker")
    assert page.locator("#map svg path").count() > 150  # country outlines + places
    assert page.locator("#map svg path.place-marker").count() == 6
    assert "6 located places" in page.locator("#map-summary").text_content()
    # The place only inferred from the story is drawn hollow; the others are filled.
    inferred = page.locator("#map svg path.place-marker.place-inferred")
    assert inferred.count() == 1 and inferred.get_attribute("fill") == "none"
    assert all(f not in (None, "none") for f in page.locator("#map svg path.place-marker:not(.place-inferred)")
               .evaluate_all("(paths) => paths.map((p) => p.getAttribute('fill'))"))
    inferred.dispatch_event("mouseover")
    tip = page.locator(".leaflet-tooltip")
    expect(tip).to_contain_text("Israel")
    assert "precision: country level" in tip.text_content() and "inferred from the story" in tip.text_content()
    inferred.dispatch_event("mouseout")
    expect(page.locator(".leaflet-tooltip")).to_have_count(0)
    page.locator("#map svg path.place-marker:not(.place-inferred)").first.dispatch_event("mouseover")
    expect(page.locator(".leaflet-tooltip")).to_contain_text("precision: town or village level")
    row = page.locator(".places tr", has_text="Israel")
    assert "(inferred)" in row.text_content() and "country" in row.text_content()
    assert "inferred from the story" in page.locator("#map-legend").text_content()
    screenshot(page, "map")
    assert_clean(page)


def test_timeline_renders_a_dyad(page: Any, open_view: Any, screenshot: Any) -> None:
    open_view(page, "timeline")
    assert page.locator("#timeline-plot svg rect.bar").count() >= 1
    page.locator(".dyad-row", has_text="Houthis").first.click()
    expect(page.locator("#timeline-summary")).to_contain_text("Houthis → United States")
    assert page.locator("#timeline-plot svg rect.bar").count() == 1
    assert page.locator("#escalation tr.esc-row").count() >= 1
    assert "escalating" in page.locator("#escalation").text_content()
    screenshot(page, "timeline")
    # The chosen dyad stays as a filter: the Events tab lists that dyad's events only.
    page.click('nav a[data-view="events"]')
    expect(page.locator("#view-events tr.event-row")).to_have_count(1)
    assert "fired" in page.locator("#view-events tr.event-row").text_content()
    assert_clean(page)


def test_js_helpers_in_the_browser(page: Any, open_view: Any) -> None:
    """The page's own modules: span highlighting (nesting, markup as text), word search, and
    the timeline's merging of both response shapes."""
    open_view(page, "events")
    out = page.evaluate("""async () => {
      const u = await import('/static/js/util.js');
      const t = await import('/static/js/timeline.js');
      const n = await import('/static/js/network.js');
      const text = '<b>Iran</b> met Iraq.';
      const box = document.createElement('div');
      box.append(u.highlight(text, [
        {start: 0, end: 11, cls: 'src'}, {start: 3, end: 7, cls: 'name'}, {start: 12, end: 15, cls: 'trg'},
        {start: 30, end: 40, cls: 'outside'}]));
      const shapes = t.normalise({series: [
        {source: 'a', target: 'b', count: 3, goldstein_mean: -2,
         points: [{period: '2025-01-01', count: 1, goldstein_mean: 4, q1: 1, q2: 0, q3: 0, q4: 0},
                  {period: '2025-01-02', count: 2, goldstein_mean: -5, q1: 0, q2: 0, q3: 0, q4: 2}]},
        {source: 'c', target: 'b', count: 1, goldstein_mean: -10,
         points: [{period: '2025-01-02', count: 1, goldstein_mean: -10, q1: 0, q2: 0, q3: 0, q4: 1}]}]});
      return {
        text: box.textContent, html: box.innerHTML,
        marks: [...box.querySelectorAll('mark')].map((m) => [m.className, m.textContent]),
        word: [u.findWord('Iranian and Iran', 'Iran'), u.findWord('no match', 'Iran')],
        series: shapes.series, dyads: shapes.dyads.map((d) => [d.source, d.count]),
        quad: n.edgeQuad({q1: 1, q2: 0, q3: 2, q4: 2}),
      };
    }""")
    assert out["text"] == "<b>Iran</b> met Iraq."
    assert "&lt;b&gt;" in out["html"] and "<b>" not in out["html"]
    assert out["marks"] == [["src", "<b>"], ["src name", "Iran"], ["src", "</b>"], ["trg", "met"]]
    assert out["word"] == [[12, 16], None]
    assert [p["count"] for p in out["series"]] == [1, 3]
    assert out["series"][1]["q4"] == 3
    assert abs(out["series"][1]["goldstein"] - (-20 / 3)) < 1e-9
    assert out["dyads"] == [["a", 3], ["c", 1]]
    assert out["quad"] == 4  # ties go to the more conflictual class
