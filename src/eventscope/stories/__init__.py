"""From stories to knowledge: quotes, briefs, near-duplicate documents, cross-document merging.

Modules:
    quotes      the "quotes" stage: direct and indirect quotations with their speakers
    brief       the "brief" stage: extractive summary and who→what→whom key points
    followups   marks events that retell an earlier act (not counted again)
    near_dupes  MinHash index of documents, so near-identical articles are linked
    scoring     same-event score of two event rows (dyad, type family, place, date)
    blocking    which stored events a new one is compared with (buckets, query windows)
    merge       mention-level events → story events across documents (incremental, pure)
"""
