"""Name keys: the one place where a name is folded into the key it is looked up or compared by.

Why one function with a ``style``: four stages fold names for four jobs, and the differences are
load-bearing, so they are kept, but side by side and named:

* ``"alias"`` — the actor knowledge base's alias keys ("U.S." → "us", "Kata'ib" → "kataib",
  "al-Sudani" → "al sudani"): dots and apostrophes vanish inside a word, "&" and "+" stay
  ("AT&T"), every other mark splits words. Thousands of curated and generated aliases are keyed so.
* ``"place"`` — the gazetteer's name keys ("Deir ez-Zor" = "Deir ez Zor", "The Hague" = "Hague"):
  quotes vanish, dots, commas, slashes, brackets and dashes split words, a leading "the" goes.
  The built gazetteer's index is keyed so.
* ``"actor_id"`` — the store's global actor ids hash ``name:<key>|<country>``: ASCII letters and
  digits only. Changing it would change every stored actor id, so it is frozen.
* ``"story"`` — story merging compares the names of unresolved actors: no accents folding, and
  "the", "of", "and" and a possessive "s" do not count ("the Houthis" = "Houthis").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Literal

from .data import read_data_yaml

NameStyle = Literal["alias", "place", "actor_id", "story"]

_APOSTROPHES_AND_DASHES = str.maketrans(
    {"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'", "ʻ": "'", "‐": "-", "–": "-", "—": "-"})
_ALIAS_NON_WORD = re.compile(r"[^\w\s&+]")
_SPACES = re.compile(r"\s+")
_PLACE_QUOTES = re.compile(r"[’'‘`ʼʻ´\"“”]")
_PLACE_SEPARATORS = re.compile(r"[-–—.,/()\s]+")
_NOT_ASCII_ALNUM = re.compile(r"[^0-9a-z]+")
_NOT_WORD = re.compile(r"[^\w]+", re.UNICODE)
_STORY_FUNCTION_WORDS = frozenset({"the", "of", "and", "s"})


def fold_accents(text: str) -> str:
    """``text`` without combining accents ("Qäni" → "Qani", "İmamoğlu" → "Imamoglu")."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def name_key(text: str | None, *, style: NameStyle) -> str:
    """The key of a name for one job (see the module docstring for what each style does and why).

    Args:
        text (str | None): a name as written.
        style (str): ``"alias"``, ``"place"``, ``"actor_id"`` or ``"story"``.
    RETURNS (str): the key; "" for an empty name.
    """
    if not text:
        return ""
    if style == "place":
        key = _PLACE_QUOTES.sub("", fold_accents(text).lower())
        key = _PLACE_SEPARATORS.sub(" ", key).strip()
        return key[4:] if key.startswith("the ") else key
    if style == "alias":
        key = fold_accents(text.translate(_APOSTROPHES_AND_DASHES))
        key = key.lower().replace(".", "").replace("'", "")
        key = key.replace("-", " ").replace("/", " ")
        return _SPACES.sub(" ", _ALIAS_NON_WORD.sub(" ", key)).strip()
    if style == "actor_id":
        return _NOT_ASCII_ALNUM.sub(" ", fold_accents(text).lower()).strip()
    if style == "story":
        return " ".join(w for w in _NOT_WORD.sub(" ", text.lower()).split() if w not in _STORY_FUNCTION_WORDS)
    raise ValueError(f"unknown name style {style!r}")


@lru_cache(maxsize=1)
def arabic_articles() -> frozenset[str]:
    """Articles that transliterated names glue on or drop ("al", "ez", "ash", …; ``data/names.yaml``)."""
    return frozenset(read_data_yaml("eventscope.common", "names.yaml")["arabic_articles"])


def strip_article(key: str) -> str | None:
    """A place key without its leading Arabic article ("al hudaydah" → "hudaydah"), else None."""
    first, _, rest = key.partition(" ")
    if rest and first in arabic_articles():
        return rest
    return None


__all__ = ["NameStyle", "arabic_articles", "fold_accents", "name_key", "strip_article"]
