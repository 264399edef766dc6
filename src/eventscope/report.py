"""The terminal report of ``eventscope analyze``: brief, actors, events, places, quotes."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .model import ActorRef, AnalyzedDocument


def _ref(ref: ActorRef | None) -> str:
    if ref is None:
        return "—"
    codes = "".join(c for c in (ref.country, ref.sector) if c)
    name = ref.name or ref.text or "?"
    return f"{name} [{codes}]" if codes else name


def render(adoc: AnalyzedDocument, console: Console | None = None) -> None:
    """Print a readable analysis of one document."""
    console = console or Console()
    doc = adoc.document
    header = Text(doc.title or doc.id or "document", style="bold")
    if doc.date:
        header.append(f"  ({doc.date})", style="dim")
    brief_lines: list = [Text(adoc.brief.summary or "(no summary)")]
    for point in adoc.brief.key_points:
        brief_lines.append(Text(f"• {point}"))
    console.print(Panel(Group(*brief_lines), title=header, title_align="left"))

    actors = Table(title="Actors", show_lines=False)
    for column in ("id", "name", "country", "sector", "kind", "mentions"):
        actors.add_column(column)
    for actor in adoc.actors:
        mentions = ", ".join(sorted({m.text for m in actor.mentions}))
        actors.add_row(actor.id, actor.name, actor.country or "", actor.sector or "", actor.kind,
                       Text(mentions[:80]))
    console.print(actors)

    events = Table(title="Events (who → what → whom)")
    for column in ("id", "source", "event", "target", "modality", "where", "when", "cameo", "conf"):
        events.add_column(column)
    for event in adoc.events:
        what = event.type + (f"/{event.mode}" if event.mode else "")
        where = ""
        if event.location:
            where = event.location.name or event.location.text
            if event.location.country:
                where += f" ({event.location.country})"
        events.add_row(
            event.id, Text(_ref(event.source)), what, Text(_ref(event.target)), event.modality,
            Text(where), event.date or "", event.cameo or "", f"{event.confidence:.2f}",
        )
    console.print(events)

    if adoc.locations:
        places = Table(title="Places")
        for column in ("text", "name", "country", "feature", "lat", "lon"):
            places.add_column(column)
        seen: set[tuple] = set()
        for loc in adoc.locations:
            key = (loc.name or loc.text, loc.country)
            if key in seen:
                continue
            seen.add(key)
            places.add_row(
                Text(loc.text), Text(loc.name or ""), loc.country or "", loc.feature or "",
                "" if loc.lat is None else f"{loc.lat:.2f}", "" if loc.lon is None else f"{loc.lon:.2f}",
            )
        console.print(places)

    if adoc.quotes:
        quotes = Table(title="Quotes")
        quotes.add_column("speaker")
        quotes.add_column("cue")
        quotes.add_column("quote")
        for quote in adoc.quotes:
            speaker = adoc.actor(quote.speaker)
            quotes.add_row(Text(speaker.name if speaker else (quote.speaker_text or "?")),
                           quote.cue or "", Text(quote.text[:160]))
        console.print(quotes)
    for error in adoc.errors:
        console.print(Text(f"warning: {error}", style="yellow"))
