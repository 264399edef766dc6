"""Where: toponyms, offline geocoding, event location (the ``geo`` stage)."""

from .gazetteer import get_gazetteer, haversine_km, normalize
from .stage import GeoStage, locate, locate_events
from .event_location import document_focus, find_event_location

__all__ = ["GeoStage", "locate", "locate_events", "find_event_location", "document_focus",
           "get_gazetteer", "haversine_km", "normalize"]
