"""Built-in exporters: parquet, csv, jsonl, plover, gdelt, acled.

Each registers by name through ``eventscope.registry.exporter`` and has the signature
``(store, out_path, filters) -> rows written``. All read the same ordered event table
(``Store.event_rows``), so ids and row order are the same whatever the format. CAMEO codes are
written as strings everywhere (``"042"``, never ``42``).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

import pyarrow as pa
import pyarrow.parquet as pq

from .. import __version__
from ..common.countries import country_name, country_record
from ..common.data import read_data_lines, read_data_yaml
from ..common.names import name_key
from ..registry import exporter
from .filters import EventFilter
from .precision import precision_config

if TYPE_CHECKING:
    from .store import Store

# Columns that are internal to the store and left out of the flat exports.
_INTERNAL = ("doc_ingested_at",)


# -- data files -------------------------------------------------------------------------


@lru_cache(maxsize=1)
def gdelt_columns() -> tuple[str, ...]:
    """The 61 GDELT 2.0 event-table column names, in file order."""
    return tuple(read_data_lines("eventscope.store", "gdelt_columns.txt"))


@lru_cache(maxsize=1)
def acled_config() -> dict[str, Any]:
    """The PLOVER → ACLED mapping (``data/acled.yaml``)."""
    return read_data_yaml("eventscope.store", "acled.yaml")


def fips_code(iso3: str | None) -> str | None:
    """FIPS 10-4 code (what GDELT's geography fields use) for an ISO3 code."""
    if not iso3:
        return None
    rec = country_record(iso3)
    return (rec.get("fips") or None) if rec else None


# -- shared helpers ---------------------------------------------------------------------


def _rows(store: "Store", filters: EventFilter) -> Iterator[dict[str, Any]]:
    table = store.event_rows(filters)
    for batch in table.to_batches(max_chunksize=5000):
        yield from batch.to_pylist()


def _flat(table: pa.Table) -> pa.Table:
    keep = [n for n in table.column_names if n not in _INTERNAL]
    return table.select(keep)


def _iso(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _context(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        try:
            parsed = json.loads(value)
        except ValueError:
            return [value]
        return list(parsed) if isinstance(parsed, list) else [str(parsed)]
    return list(value)


def stable_int_id(event_id: str) -> int:
    """A stable positive 60-bit integer for an event id (GDELT wants numeric ids)."""
    return int(hashlib.sha256(event_id.encode("utf-8")).hexdigest()[:15], 16)


def _prepare(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


# -- flat formats -----------------------------------------------------------------------


@exporter("parquet")
def export_parquet(store: "Store", out_path: Path, filters: EventFilter) -> int:
    """Every event column (typed: dates as dates, CAMEO as string) in one Parquet file."""
    table = _flat(store.event_rows(filters))
    pq.write_table(table, _prepare(out_path))
    return table.num_rows


@exporter("csv")
def export_csv(store: "Store", out_path: Path, filters: EventFilter) -> int:
    """Every event column as CSV with a header; strings quoted, so "042" stays text."""
    table = _flat(store.event_rows(filters))
    n = 0
    with open(_prepare(out_path), "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, quoting=csv.QUOTE_NONNUMERIC)
        writer.writerow(table.column_names)
        for batch in table.to_batches(max_chunksize=5000):
            for row in batch.to_pylist():
                writer.writerow([_csv_value(v) for v in row.values()])
                n += 1
    return n


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return _iso(value)


@exporter("jsonl")
def export_jsonl(store: "Store", out_path: Path, filters: EventFilter) -> int:
    """One flat JSON object per event (same columns as parquet; ``context`` as a list)."""
    n = 0
    with open(_prepare(out_path), "w", encoding="utf-8") as fh:
        for row in _rows(store, filters):
            out = {k: _iso(v) for k, v in row.items() if k not in _INTERNAL}
            out["context"] = _context(out.get("context"))
            out["location_within"] = _context(out.get("location_within"))
            fh.write(json.dumps(out, ensure_ascii=False) + "\n")
            n += 1
    return n


# -- PLOVER / POLECAT-style JSON --------------------------------------------------------


def _entity(row: dict[str, Any], side: str) -> list[dict[str, Any]]:
    if row[f"{side}_actor"] is None and row[f"{side}_name"] is None:
        return []
    return [{
        "code": row[f"{side}_country"],
        "sector": row[f"{side}_sector"],
        "entity_text": row[f"{side}_text"],
        "identifier_id": row[f"{side}_actor"],
        "identifier_text": row[f"{side}_name"],
    }]


# PLOVER event_loc "resolution": 1 country … 4 town, from the place's precision (else its feature).
_PLOVER_RESOLUTION = {"country": 1, "region": 1, "admin1": 2, "admin2": 3, "place": 4, "city": 4}


def plover_record(row: dict[str, Any]) -> dict[str, Any]:
    """One stored event → a PLOVER JSON record (PLOVER manual, "Data Fields").

    Standard fields: id, date, actor, recipient, event, mode, context, event_loc, event_text,
    quad_code, event_scale, text, text_info, cite_info, coder, coded_date. eventscope's own
    fields (cameo, modality, confidence, ...) are added beside them.
    """
    loc = None
    if row["location_name"] is not None or row["location_text"] is not None:
        feature = row["location_feature"]
        loc = {
            "extracted_place": row["location_text"],
            "resolved_place": row["location_name"],
            "geonameid": row["geonameid"],
            "lat": row["lat"],
            "lon": row["lon"],
            "city": row["location_name"] if feature == "city" else None,
            "province": row["admin1"],
            "country": country_name(row["country"]),
            "country_code": row["country"],
            "feature_type": feature,
            "resolution": _PLOVER_RESOLUTION.get(row["location_precision"] or "")
            or _PLOVER_RESOLUTION.get(feature or ""),
            "precision": row["location_precision"],
            "inferred": row["location_inferred"],
            "within": _context(row["location_within"]),
        }
    day = row["day"]
    ingested = row.get("doc_ingested_at")
    return {
        "id": row["event_id"],
        "date": _iso(day),
        "date_precision": row["date_precision"] if row["date"] else None,
        "date_source": row.get("day_source"),
        "actor": _entity(row, "source"),
        "recipient": _entity(row, "target"),
        "event": [row["type"]] if row["type"] else [],
        "mode": [row["mode"]] if row["mode"] else [],
        "context": _context(row["context"]),
        "event_loc": loc,
        "event_text": [row["trigger_text"]] if row["trigger_text"] else [],
        "quad_code": row["quad_class"],
        "event_scale": row["goldstein"],
        "text": row["evidence_text"],
        "text_info": {
            "sequence": row["sentence"],
            "start": row["evidence_start"],
            "end": row["evidence_end"],
        },
        "cite_info": {
            "citation": row["doc_id"],
            "url": row["doc_url"],
            "title": row["doc_title"],
            "publication_date": row["doc_date"],
            "coder": f"eventscope {__version__}",
            "codebook": "PLOVER 2.0 draft (NGEC-2025 modes)",
        },
        "coded_date": ingested.date().isoformat() if isinstance(ingested, dt.datetime) else None,
        "cameo": row["cameo"],
        "modality": row["modality"],
        "confidence": row["confidence"],
        "follow_up": row["follow_up"],
    }


@exporter("plover")
def export_plover(store: "Store", out_path: Path, filters: EventFilter) -> int:
    """PLOVER/POLECAT-style JSON records, one per line (JSONL, as the PLOVER manual suggests)."""
    n = 0
    with open(_prepare(out_path), "w", encoding="utf-8") as fh:
        for row in _rows(store, filters):
            fh.write(json.dumps(plover_record(row), ensure_ascii=False) + "\n")
            n += 1
    return n


# -- GDELT 2.0 event table --------------------------------------------------------------


def _geo_type(country: str | None, feature: str | None, precision: str | None = None) -> int:
    """GDELT geo type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state; 0 none.

    From the place's precision where GDELT has that level (``precision.yaml``: a point known to
    its district only is never called a city), else from its feature (regions, seas, and rows
    stored before precision was kept).
    """
    if not country and not feature:
        return 0
    by_precision = precision_config()["gdelt_geo_type"].get(precision or "")
    if by_precision is not None:
        return int(by_precision[1 if country == "USA" else 0])
    if feature == "country":
        return 1
    if feature in ("admin1", "state", "province"):
        return 2 if country == "USA" else 5
    if country == "USA":
        return 3
    return 4


def _fmt(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return repr(round(value, 6))
    return str(value).replace("\t", " ").replace("\r", " ").replace("\n", " ")


def gdelt_record(row: dict[str, Any]) -> dict[str, Any]:
    """One stored event → the GDELT 2.0 event-table columns (``gdelt_columns()``).

    Actor codes are CAMEO-style country+sector ("IRNMIL"); geography codes are FIPS 10-4 as in
    GDELT; ``ActionGeo_FeatureID`` is the GeoNames id (GDELT's own ids are GNS/GNIS); ``AvgTone``
    is left empty (eventscope does not score tone); a document is one article and one source.
    """
    day: dt.date | None = row["day"]
    cameo = row["cameo"] or ""
    rec: dict[str, Any] = {c: None for c in gdelt_columns()}
    rec["GLOBALEVENTID"] = stable_int_id(row["event_id"])
    if day is not None:
        rec["SQLDATE"] = day.strftime("%Y%m%d")
        rec["MonthYear"] = day.strftime("%Y%m")
        rec["Year"] = day.year
        rec["FractionDate"] = f"{day.year + (day.month * 30 + day.day) / 365:.4f}"
    for n, side in ((1, "source"), (2, "target")):
        country, sector = row[f"{side}_country"], row[f"{side}_sector"]
        if row[f"{side}_actor"] is None and row[f"{side}_name"] is None:
            continue
        rec[f"Actor{n}Code"] = f"{country or ''}{sector or ''}" or None
        rec[f"Actor{n}Name"] = (row[f"{side}_name"] or row[f"{side}_text"] or "").upper() or None
        rec[f"Actor{n}CountryCode"] = country if country and len(country) == 3 and country not in ("IGO", "NGO", "IMG") else None
        rec[f"Actor{n}KnownGroupCode"] = country if country in ("IGO", "NGO", "IMG") else None
        rec[f"Actor{n}Type1Code"] = sector
        rec[f"Actor{n}Geo_Type"] = 0
    rec["IsRootEvent"] = 1 if (row["sentence"] is not None and row["sentence"] < 3) else 0
    rec["EventCode"] = cameo or None
    rec["EventBaseCode"] = cameo[:3] or None
    rec["EventRootCode"] = cameo[:2] or None
    rec["QuadClass"] = row["quad_class"]
    rec["GoldsteinScale"] = row["goldstein"]
    rec["NumMentions"] = rec["NumSources"] = rec["NumArticles"] = 1
    country = row["country"]
    located = row["location_name"] or row["location_text"] or country
    geo_type = _geo_type(country, row["location_feature"], row["location_precision"]) if located else 0
    rec["ActionGeo_Type"] = geo_type
    if geo_type:
        parts = [row["location_name"] or row["location_text"]]
        if row["admin1"] and row["admin1"] not in parts:
            parts.append(row["admin1"])
        name = country_name(country)
        if name and name not in parts:
            parts.append(name)
        rec["ActionGeo_FullName"] = ", ".join(p for p in parts if p)
        rec["ActionGeo_CountryCode"] = fips_code(country)
        rec["ActionGeo_ADM1Code"] = fips_code(country)
        rec["ActionGeo_Lat"] = row["lat"]
        rec["ActionGeo_Long"] = row["lon"]
        rec["ActionGeo_FeatureID"] = row["geonameid"] if row["geonameid"] is not None else fips_code(country)
    ingested = row.get("doc_ingested_at")
    rec["DATEADDED"] = ingested.strftime("%Y%m%d%H%M%S") if isinstance(ingested, dt.datetime) else None
    rec["SOURCEURL"] = row["doc_url"] or row["doc_origin"] or row["doc_id"]
    return rec


@exporter("gdelt")
def export_gdelt(store: "Store", out_path: Path, filters: EventFilter) -> int:
    """GDELT 2.0 event table: 61 tab-separated columns, no header row (as GDELT's files)."""
    cols = gdelt_columns()
    n = 0
    with open(_prepare(out_path), "w", encoding="utf-8", newline="") as fh:
        for row in _rows(store, filters):
            rec = gdelt_record(row)
            fh.write("\t".join(_fmt(rec[c]) for c in cols) + "\n")
            n += 1
    return n


# -- ACLED ------------------------------------------------------------------------------

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
    "actor1", "actor2", "iso3", "country", "admin1", "admin2", "location", "latitude", "longitude",
    "geo_precision", "source", "notes", "plover_type", "plover_mode", "cameo", "location_inferred",
)


def acled_geo_precision(precision: str | None, inferred: bool | None) -> int | None:
    """ACLED geo_precision (1 town, 2 near a town / district, 3 larger area) of an event's place.

    None when the place's precision is unknown (no point, or stored before it was kept): ACLED
    users read 1 as "at this town", so a guess would be a false claim.
    """
    cfg = acled_config()
    level = cfg["geo_precision"].get(precision or "")
    if level is None:
        return None
    return max(int(level), int(cfg["geo_precision_inferred"])) if inferred else int(level)


def admin2_of(row: dict[str, Any]) -> str | None:
    """The district of an event's place, where the stored place says it; else None.

    - a district itself (feature ``admin2``) is its own admin2;
    - a containment chain that names the province gives the unit named just below it
      ("X village of Y district, Z province": ``within`` = [Y, Z], admin1 Z → Y);
    - a place put at the point of the one unit its chain names, at district level (precision
      ``admin2``: "X village of Y district", X unknown) is in that unit.

    A chain that names only the province or the country says nothing about the district.
    """
    if row["location_feature"] == "admin2":
        return row["location_name"] or row["location_text"]
    within = [w for w in _context(row.get("location_within")) if isinstance(w, str) and w.strip()]
    def key(name: str | None) -> str:
        return name_key(name, style="actor_id")  # ASCII letters and digits: "Ninawa" = "Ninawá"

    country = key(country_name(row["country"]))
    within = [w for w in within if key(w) not in (country, key(row["country"]))]
    if not within:
        return None
    names = [key(w) for w in within]
    admin1 = key(row["admin1"])
    if admin1 and admin1 in names:
        at = names.index(admin1)
        return within[at - 1] if at > 0 else None
    if row["location_precision"] == "admin2":
        return within[0]
    return None


def _matches(rule_value: Any, value: Any, civilian: list[str]) -> bool:
    if rule_value is None or rule_value == "*":
        return True
    if rule_value == "civilian":
        return value in civilian
    if isinstance(rule_value, list):
        return value in rule_value
    return value == rule_value


def acled_type(type_: str | None, mode: str | None, target_sector: str | None) -> tuple[str, str] | None:
    """(event_type, sub_event_type) for a PLOVER event, or None when ACLED has no such event."""
    cfg = acled_config()
    civilian = list(cfg.get("civilian_sectors") or [])
    for rule in cfg["rules"]:
        if (
            _matches(rule.get("type"), type_, civilian)
            and _matches(rule.get("mode"), mode, civilian)
            and _matches(rule.get("target_sector"), target_sector, civilian)
        ):
            if not rule.get("event_type"):
                return None
            return rule["event_type"], rule.get("sub_event_type") or ""
    return None


def acled_record(row: dict[str, Any]) -> dict[str, Any] | None:
    """One stored event → an ACLED row, or None when ACLED would not record it."""
    cfg = acled_config()
    if row["modality"] not in cfg.get("modalities", []):
        return None
    if cfg.get("skip_follow_ups", True) and row["follow_up"]:
        return None
    mapped = acled_type(row["type"], row["mode"], row["target_sector"])
    if mapped is None:
        return None
    day: dt.date | None = row["day"]
    precision = cfg["time_precision"].get(row["date_precision"] if row["date"] else "none", 3)
    country = row["country"] or row["source_country"]
    return {
        "event_id_cnty": row["event_id"],
        "event_date": day.isoformat() if day else None,
        "year": day.year if day else None,
        "time_precision": precision,
        "event_type": mapped[0],
        "sub_event_type": mapped[1],
        "actor1": row["source_name"],
        "actor2": row["target_name"],
        "iso3": country,
        "country": country_name(country),
        "admin1": row["admin1"],
        "admin2": admin2_of(row),
        "location": row["location_name"] or row["location_text"],
        "latitude": row["lat"],
        "longitude": row["lon"],
        "geo_precision": acled_geo_precision(row["location_precision"], row["location_inferred"])
        if row["lat"] is not None else None,
        "source": row["doc_title"] or row["doc_url"] or row["doc_id"],
        "notes": row["evidence_text"],
        "plover_type": row["type"],
        "plover_mode": row["mode"],
        "cameo": row["cameo"],
        "location_inferred": row["location_inferred"],
    }


def _acled_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


@exporter("acled")
def export_acled(store: "Store", out_path: Path, filters: EventFilter) -> int:
    """ACLED-style CSV (header row); events ACLED does not record are left out (see acled.yaml)."""
    n = 0
    with open(_prepare(out_path), "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(ACLED_COLUMNS), quoting=csv.QUOTE_NONNUMERIC)
        writer.writeheader()
        for row in _rows(store, filters):
            rec = acled_record(row)
            if rec is None:
                continue
            writer.writerow({k: _acled_value(v) for k, v in rec.items()})
            n += 1
    return n
