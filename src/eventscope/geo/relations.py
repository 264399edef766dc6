"""Countries the text names as a neighbour, an origin or a destination, not as the event's place.

"Soldiers clashed with smugglers in X, on the border with Brazil", "armed men who crossed from
Burundi attacked Y", "families who fled to Chad said Z was burned": the country after these words
is beside, or away from, where the event happened. Read as a named country, it pulls the note's
small towns to namesakes there (``places.hold_named_countries``), wins the story's focus, and
becomes the event's location when the town itself is unknown.

Only countries are judged: "15 km from Kidal" or "fled to Goma" do name where people went or are,
and the event rules read them by their own syntax.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import Location
from .gazetteer import load_lexicon

WINDOW = 60  # characters before the name that are searched for a cue


@lru_cache(maxsize=1)
def _cue_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    lex = load_lexicon()
    nouns = "|".join(map(re.escape, lex["beyond_nouns"]))
    verbs = "|".join(map(re.escape, lex["beyond_movement_verbs"]))
    leave = "|".join(map(re.escape, lex["leave_from_words"]))
    tail = r"(?:the\s+)?(?:neighbou?ring\s+)?$"
    border = re.compile(rf"\b(?:{nouns})\s+(?:with|of)\s+{tail}", re.I)
    movement = re.compile(rf"\b(?:{verbs})\b(?:\s+\w+){{0,3}}?\s+(?:to|into|towards?|across)\s+{tail}", re.I)
    origin = re.compile(rf"(?:\b(?P<leave>{leave})\b(?:\s+\w+){{0,3}}?\s+)?\bfrom\s+{tail}", re.I)
    return border, movement, origin


def beyond_the_event(text: str, start: int | None) -> bool:
    """Whether the name at ``start`` follows a border, movement or origin cue.

    Why: see the module docstring; the cue must end right before the name (an article and
    "neighbouring" may stand between), so "from the capital of Chad" is not read as one.
    """
    if start is None:
        return False
    before = text[max(0, start - WINDOW):start]
    border, movement, origin = _cue_patterns()
    if border.search(before) or movement.search(before):
        return True
    found = origin.search(before)
    return found is not None and not found.group("leave")


def beyond_countries(text: str, locations: list[Location]) -> set[int]:
    """Indices of the country mentions in a border, movement or origin relation."""
    return {k for k, loc in enumerate(locations)
            if loc.feature == "country" and beyond_the_event(text, loc.start)}
