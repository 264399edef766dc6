"""spaCy loading (once per process) and the sentence/token layer every later stage reads."""

from .stage import NlpStage, load_spacy

__all__ = ["NlpStage", "load_spacy"]
