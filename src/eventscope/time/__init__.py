"""When: date expressions resolved against the publication date (the ``time`` stage)."""

from .expressions import find_dates, parse_pub_date
from .stage import TimeStage, date_events, event_date, news_of_the_day

__all__ = ["TimeStage", "find_dates", "parse_pub_date", "date_events", "event_date", "news_of_the_day"]
