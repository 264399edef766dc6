"""The government a document's web address speaks for (``data/publishers.yaml``).

Why: an official release says "the Prime Minister met …" or "the Foreign Secretary said …"
without a country, because on www.gov.uk the reader knows whose they are. The story's own
country (``context.py``) is the conflict's, not the speaker's: a UK release about Iraq would
make its Foreign Secretary Iraqi. The address is the one place the text's own government shows.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from ..common.data import read_data_yaml
from .kb import PACKAGE


@lru_cache(maxsize=1)
def _rules() -> dict[str, Any]:
    return read_data_yaml(PACKAGE, "publishers.yaml")


def host_of(url: str | None) -> str | None:
    """The lower-case host name of ``url`` without "www." (None when there is none)."""
    if not url:
        return None
    host = urlsplit(url if "//" in url else "//" + url).hostname
    if not host:
        return None
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def publisher_country(url: str | None) -> str | None:
    """ISO3 code of the state whose government publishes at ``url``, else None.

    >>> publisher_country("https://www.gov.uk/government/news/foreign-secretary-meets")
    'GBR'
    >>> publisher_country("https://www.state.gov/r/pa/prs/ps/2015/01/236088.htm")
    'USA'
    >>> publisher_country("https://www.bbc.co.uk/news/world-middle-east-123") is None
    True
    """
    host = host_of(url)
    if host is None:
        return None
    rules = _rules()
    labels = host.split(".")
    for k in range(len(labels) - 1):  # the longest listed suffix: "number10.gov.uk", "gc.ca"
        code = rules["domains"].get(".".join(labels[k:]))
        if code:
            return code
    if labels[-1] in rules["top_level"]:
        return rules["top_level"][labels[-1]]
    if len(labels) >= 2 and labels[-2] in rules["second_level"] and len(labels[-1]) == 2:
        import pycountry  # only for a government address (~20 ms an import at every start otherwise)

        alpha2 = rules["country_code_fixes"].get(labels[-1], labels[-1]).upper()
        country = pycountry.countries.get(alpha_2=alpha2)
        return country.alpha_3 if country else None
    return None
