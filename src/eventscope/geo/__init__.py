"""Where: toponyms, offline geocoding and the document focus (the ``places`` stage), and each
event's location (the ``geo`` stage)."""

from .event_location import find_event_location
from .focus import compute_focus
from .gazetteer import get_gazetteer, haversine_km, normalize
from .places import PlacesStage, locate, place_document
from .stage import GeoStage, focus_location, locate_events

__all__ = ["GeoStage", "PlacesStage", "locate", "locate_events", "place_document", "find_event_location",
           "compute_focus", "focus_location", "get_gazetteer", "haversine_km", "normalize"]
