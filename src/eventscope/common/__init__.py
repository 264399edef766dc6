"""Helpers every stage shares: one definition per concept, at the bottom of the house.

Why a package of its own: name keys, distances, country names, number and date coercion,
datelines and data-file reading were written once per stage that needed them, and the copies
drifted apart (two sets of Arabic articles, two country-name tables, four name normalisers).
Each concept lives here once. This package imports nothing from ``eventscope`` outside itself,
so any stage, the store and the evaluation can use it without reaching up or sideways
(``tests/common/test_layering.py`` checks both).

Modules: ``names`` (name keys, Arabic articles), ``geo_math`` (great-circle distance),
``countries`` (ISO3 → country name), ``values`` (column values → float, partial dates),
``dateline`` (wire datelines at the top of a story), ``data`` (reading package data files).
"""
