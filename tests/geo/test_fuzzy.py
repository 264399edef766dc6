"""Fuzzy city search over the gazetteer artefact (localis' scoring, mapped posting lists)."""

from __future__ import annotations

import csv
import gzip
from array import array

import pytest

from eventscope.geo.fuzzy import FuzzyIndex, fuzzy_index_arrays
from eventscope.geo.gazetteer import Place, get_gazetteer
from eventscope.mapped import ArrayFile


def _write_trigram_index(path_prefix, postings: dict[str, list[int]]) -> None:
    ids = array("I")
    with open(f"{path_prefix}_offsets.tsv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter="\t")
        for trigram, city_ids in postings.items():
            writer.writerow([trigram, len(ids), len(city_ids)])
            ids.extend(city_ids)
    with gzip.open(f"{path_prefix}.bin.gz", "wb") as fh:
        fh.write(ids.tobytes())


def test_search_reads_localis_shaped_indexes(tmp_path):
    from localis.utils.strings import search_trigrams

    places = [Place("Kramatorsk", "UKR", "Donetsk", 48.7, 37.5, 704147, 150_000, "city"),
              Place("Kharkiv", "UKR", "Kharkiv", 50.0, 36.2, 706483, 1_400_000, "city")]
    canon: dict[str, list[int]] = {}
    for city_id, place in enumerate(places, start=1):
        for t in sorted(search_trigrams(place.name)):
            canon.setdefault(t, []).append(city_id)
    context = {t: [1] for t in sorted(search_trigrams("Donetsk"))}
    _write_trigram_index(tmp_path / "canon_index", canon)
    _write_trigram_index(tmp_path / "context_index", context)
    arrays = fuzzy_index_arrays([0, 1], tmp_path)
    index = FuzzyIndex(ArrayFile(ArrayFile.encode(arrays, {})), places.__getitem__)
    hits = index.search("Kramatorsck", limit=5)
    assert hits and hits[0][0].name == "Kramatorsk" and hits[0][0].place == 0 and hits[0][0].geonames_id == 704147
    assert 0.9 <= hits[0][1] < 1.0
    assert index.search("Kramatorsk Donetsk", limit=1)[0][1] == pytest.approx(1.0)
    assert index.search("Qqqq", limit=5) == []


@pytest.mark.slow
def test_mapped_search_matches_localis():
    import localis

    fuzzy = get_gazetteer().fuzzy
    for query in ("Zaporizhia", "Kramatorsck", "Bagdad", "Springfeld Illinois", "Hodeida port", "Xqzvlorp"):
        ours = [(c.name, c.geonames_id, round(s, 9)) for c, s in fuzzy.search(query, limit=5)]
        theirs = [(c.name, c.geonames_id, round(s, 9)) for c, s in localis.cities.search(query, limit=5)]
        assert ours == theirs, query
