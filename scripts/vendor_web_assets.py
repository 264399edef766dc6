"""Copy the dashboard's third-party assets from npm packages into ``web/static/vendor/``.

Why: the dashboard must work fully offline (no CDN), so the few libraries it uses are vendored
into the package. This script makes that step reproducible: it installs pinned npm packages into
a working directory *outside* the repository, copies only the minified files and their licence
files, and builds a small world-countries GeoJSON (the offline basemap) from Natural Earth data
shipped by ``world-atlas`` (TopoJSON, converted with ``topojson-client``), tagging each country
with its ISO 3166-1 alpha-3 code (via ``pycountry``) so the map can join event counts by country.

Usage::

    python scripts/vendor_web_assets.py [--npm-dir /work/npmtmp] [--no-install]

Needs ``npm`` and ``node`` on PATH (only when run; the package itself never needs them).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
STATIC = REPO / "src" / "eventscope" / "web" / "static"
VENDOR = STATIC / "vendor"

PACKAGES = {
    "leaflet": "1.9.4",
    "cytoscape": "3.34.4",
    "world-atlas": "2.0.2",
    "topojson-client": "3.1.0",
}
# (package, file inside the package, destination inside vendor/)
COPIES = [
    ("leaflet", "dist/leaflet.js", "leaflet/leaflet.js"),
    ("leaflet", "dist/leaflet.css", "leaflet/leaflet.css"),
    ("leaflet", "LICENSE", "leaflet/LICENSE"),
    ("cytoscape", "dist/cytoscape.min.js", "cytoscape/cytoscape.min.js"),
    ("cytoscape", "LICENSE", "cytoscape/LICENSE"),
    ("world-atlas", "LICENSE", "world-atlas/LICENSE"),
    ("topojson-client", "LICENSE", "world-atlas/LICENSE.topojson-client"),
]
# Countries without an ISO numeric code in Natural Earth 110m, keyed by name.
EXTRA_ISO3 = {"Kosovo": "XKX", "N. Cyprus": "CYP", "Somaliland": "SOM"}

TOPO2GEO_JS = """
const topojson = require(process.argv[1] + '/topojson-client');
const topo = require(process.argv[1] + '/world-atlas/countries-110m.json');
process.stdout.write(JSON.stringify(topojson.feature(topo, topo.objects.countries)));
"""


def npm_install(npm_dir: Path) -> None:
    """Install the pinned packages into ``npm_dir`` (never inside the repository)."""
    npm_dir.mkdir(parents=True, exist_ok=True)
    if not (npm_dir / "package.json").exists():
        (npm_dir / "package.json").write_text('{"name": "eventscope-vendor", "private": true}\n')
    specs = [f"{name}@{version}" for name, version in PACKAGES.items()]
    subprocess.run(["npm", "install", "--no-audit", "--no-fund", *specs], cwd=npm_dir, check=True)


def _round(coords: Any, ndigits: int) -> Any:
    if isinstance(coords, (int, float)):
        return round(float(coords), ndigits)
    return [_round(c, ndigits) for c in coords]


def _unwrap_ring(ring: list[list[float]]) -> list[list[float]]:
    """Make a ring continuous in longitude: a ring cut at the antimeridian (points at both
    -180 and +180) would otherwise be drawn by a flat map as a band across the whole world."""
    jumps = any(abs(a[0] - b[0]) > 180 for a, b in zip(ring, ring[1:]))
    if not jumps:
        return ring
    return [[lon + 360 if lon < 0 else lon, lat] for lon, lat in ring]


def _unwrap(geom: dict[str, Any]) -> dict[str, Any]:
    if geom["type"] == "Polygon":
        coords = [_unwrap_ring(r) for r in geom["coordinates"]]
    else:
        coords = [[_unwrap_ring(r) for r in poly] for poly in geom["coordinates"]]
    return {"type": geom["type"], "coordinates": coords}


def build_countries(modules: Path, ndigits: int = 2) -> dict[str, Any]:
    """Convert Natural Earth 110m countries to GeoJSON with ``iso3`` and ``name`` properties.

    Rings cut at the antimeridian are unwrapped (Chukotka drawn east of 180°) and Antarctica is
    left out, so the flat (Web Mercator) map shows no bands across the world.

    modules (Path): the ``node_modules`` folder holding world-atlas and topojson-client.
    ndigits (int): decimals kept in coordinates (2 ≈ 1 km, plenty for a 110m basemap).
    RETURNS (dict): a GeoJSON FeatureCollection.
    """
    import pycountry

    out = subprocess.run(
        ["node", "-e", TOPO2GEO_JS, str(modules)], check=True, capture_output=True, text=True
    ).stdout
    geo = json.loads(out)
    features = []
    for feat in geo["features"]:
        name = feat.get("properties", {}).get("name", "")
        iso3 = EXTRA_ISO3.get(name)
        if iso3 is None and feat.get("id"):
            country = pycountry.countries.get(numeric=str(feat["id"]).zfill(3))
            iso3 = country.alpha_3 if country else None
        geom = feat["geometry"]
        if geom is None or iso3 == "ATA":  # Antarctica: no events, and it wraps the whole map
            continue
        geom = _unwrap(geom)
        features.append({
            "type": "Feature",
            "properties": {"name": name, "iso3": iso3},
            "geometry": {"type": geom["type"], "coordinates": _round(geom["coordinates"], ndigits)},
        })
    return {"type": "FeatureCollection", "features": features}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--npm-dir", type=Path, default=Path("/work/npmtmp"))
    parser.add_argument("--no-install", action="store_true", help="reuse an existing npm dir")
    args = parser.parse_args()
    npm_dir = args.npm_dir.resolve()
    if REPO in npm_dir.parents or npm_dir == REPO:
        raise SystemExit("--npm-dir must be outside the repository")
    if not args.no_install:
        npm_install(npm_dir)
    modules = npm_dir / "node_modules"
    for package, src, dest in COPIES:
        target = VENDOR / dest
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(modules / package / src, target)
        print(f"copied {package}/{src} -> {target.relative_to(REPO)} ({target.stat().st_size} B)")
    geo = build_countries(modules)
    target = VENDOR / "world-atlas" / "countries-110m.geojson"
    target.write_text(json.dumps(geo, separators=(",", ":")) + "\n")
    print(f"wrote {target.relative_to(REPO)}: {len(geo['features'])} countries, "
          f"{target.stat().st_size} B")
    versions = {name: version for name, version in PACKAGES.items()}
    (VENDOR / "VERSIONS.json").write_text(json.dumps(versions, indent=2) + "\n")


if __name__ == "__main__":
    main()
