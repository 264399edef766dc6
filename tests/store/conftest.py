"""Store tests use the corpus fixtures of tests/conftest.py (corpus_adocs, corpus_db, store)."""
