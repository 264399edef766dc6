"""Name keys (``common/names.py``): each style does its job, and the styles stay apart."""

from __future__ import annotations

import pytest

from eventscope.common.names import arabic_articles, fold_accents, name_key, strip_article


def test_fold_accents_drops_marks_only():
    assert fold_accents("Qäni") == "Qani"
    assert fold_accents("Ekrem İmamoğlu") == "Ekrem Imamoglu"
    assert fold_accents("Baghdad") == "Baghdad"


def test_alias_keys_join_dotted_and_apostrophised_words():
    assert name_key("U.S.", style="alias") == name_key("US", style="alias") == "us"
    assert name_key("al-Sudani", style="alias") == "al sudani"
    assert name_key("Kata’ib Hezbollah", style="alias") == name_key("Kata'ib Hezbollah", style="alias")
    assert name_key("Kata'ib Hezbollah", style="alias") == "kataib hezbollah"
    assert name_key("AT&T", style="alias") == "at&t"
    assert name_key("Ekrem İmamoğlu", style="alias") == name_key("Ekrem Imamoglu", style="alias")


def test_place_keys_split_on_marks_and_drop_a_leading_the():
    assert name_key("Deir ez-Zor", style="place") == name_key("Deir ez Zor", style="place") == "deir ez zor"
    assert name_key("Ţarābulus", style="place") == "tarabulus"
    assert name_key("The Hague", style="place") == "hague"
    assert name_key("Sana’a", style="place") == "sanaa"
    assert name_key("St. Louis", style="place") == "st louis"


def test_actor_id_keys_keep_ascii_letters_and_digits_only():
    # Frozen: stored global actor ids hash this key.
    assert name_key("Al-Sudani", style="actor_id") == "al sudani"
    assert name_key("Mohammed Shia al-Sudani", style="actor_id") == "mohammed shia al sudani"
    assert name_key("Ørsted", style="actor_id") == "rsted"  # a letter NFKD cannot split goes
    assert name_key("  --  ", style="actor_id") == ""


def test_story_keys_ignore_function_words_and_keep_accents():
    assert name_key("The U.S. Department of State", style="story") == "u department state"
    assert name_key("the Houthis", style="story") == name_key("Houthis", style="story")
    assert name_key("Qäni", style="story") == "qäni"


def test_the_styles_differ_where_their_jobs_do():
    """The same name gets different keys: merging the styles would change lookups and ids."""
    keys = {style: name_key("The Kata'ib of Qäni", style=style) for style in ("alias", "place", "actor_id", "story")}
    assert len(set(keys.values())) == 4, keys


def test_empty_names_and_unknown_styles():
    assert all(name_key(v, style="alias") == "" for v in ("", None))
    with pytest.raises(ValueError):
        name_key("Iraq", style="nickname")  # type: ignore[arg-type]


def test_arabic_articles_come_from_the_data_file_and_strip():
    assert {"al", "el", "ash", "ez"} <= arabic_articles()
    assert strip_article("al hudaydah") == "hudaydah"
    assert strip_article("ez zor") == "zor"
    assert strip_article("baghdad") is None and strip_article("al") is None
