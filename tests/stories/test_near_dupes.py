"""Near-duplicate documents with MinHash."""

from __future__ import annotations

import json

from eventscope.stories.near_dupes import NearDuplicateIndex, near_duplicate_links, shingles

STORY = (
    "Heavy rain flooded the lower town on Tuesday, forcing hundreds of families to leave their homes. "
    "Rescue teams used boats to reach people trapped on rooftops, and the regional governor asked the "
    "army for help. Officials said the river had risen two metres overnight and more rain was expected "
    "on Wednesday, while schools and the main market stayed closed across the district."
)
EDITED = STORY.replace("Heavy rain flooded", "Torrential rain flooded") + " Updated at 14:00."
OTHER = (
    "The central bank raised its main interest rate by half a point on Thursday, citing rising food "
    "and fuel prices. The governor said further increases were possible if inflation did not slow."
)


def test_shingles_are_word_trigrams():
    assert shingles("One two three four") == {"one two three", "two three four"}
    assert shingles("Hi there") == {"hi there"}


def test_edited_copy_is_found_and_other_story_is_not():
    index = NearDuplicateIndex()
    index.add("wire-1", STORY)
    index.add("bank", OTHER)
    assert index.query(EDITED) == "wire-1"
    assert index.query(OTHER + " A new paragraph about something else entirely, long enough to matter "
                       "for the comparison of the two texts and their shingles.") is None


def test_signature_round_trips_as_bytes():
    index = NearDuplicateIndex()
    sig = index.signature(STORY)
    assert isinstance(sig, bytes) and len(sig) == 128 * 8
    index.add("stored", sig)
    assert index.query(index.signature(EDITED)) == "stored"
    assert NearDuplicateIndex().signature(STORY) == sig  # stable across instances


def test_links_point_to_the_earlier_document():
    links = near_duplicate_links([("a", STORY), ("b", OTHER), ("c", EDITED)])
    assert links == {"c": "a"}


def test_share_of_near_duplicates_in_shared_documents(shared_dir):
    docs = []
    for path in sorted((shared_dir / "data" / "documents").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            docs.append((record["id"], record["text"]))
    links = near_duplicate_links(docs)
    assert len(docs) > 100
    assert len(links) / len(docs) < 0.05  # development sets hold distinct articles
