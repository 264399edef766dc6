"""Event coding: dependency-pattern candidates, a fine-tuned type classifier, modality, CAMEO/Goldstein.

Importing this package registers the ``events`` stage.
"""

from .stage import EventsStage, mention_at

__all__ = ["EventsStage", "mention_at"]
