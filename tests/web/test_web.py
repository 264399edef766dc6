"""``eventscope.web``: the static dashboard, its vendored assets and its basemap data file.

These run without a browser: they check what the server sends and what the package ships.
"""

from __future__ import annotations

import json
import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from eventscope.web import CSP, mount, static_dir

STATIC = static_dir()
OUR_JS = sorted((STATIC / "js").glob("*.js"))


@pytest.fixture(scope="module")
def client() -> TestClient:
    app = FastAPI()
    mount(app)
    return TestClient(app)


def test_index_is_served_with_a_strict_csp(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["content-security-policy"] == CSP
    assert "script-src 'self';" in CSP and "unsafe-inline" not in CSP and "unsafe-eval" not in CSP
    assert '<script src="/static/js/main.js" type="module">' in response.text


def test_static_files_are_served(client: TestClient) -> None:
    for path in ("/static/js/main.js", "/static/app.css", "/static/vendor/leaflet/leaflet.js",
                 "/static/vendor/cytoscape/cytoscape.min.js", "/static/favicon.svg"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["x-content-type-options"] == "nosniff"
    assert client.get("/static/js/main.js").headers["content-type"].startswith("text/javascript")
    assert client.get("/static/../__init__.py").status_code == 404


def test_page_references_only_local_assets() -> None:
    """Offline: no http(s) URL is loaded by the page or by our code (links in comments aside)."""
    html = (STATIC / "index.html").read_text()
    assert not re.search(r'(src|href)="(https?:)?//', html)
    for path in [*OUR_JS, STATIC / "app.css"]:
        code = "\n".join(line for line in path.read_text().splitlines() if not line.strip().startswith("//"))
        code = code.replace("http://www.w3.org/2000/svg", "")  # the SVG namespace, not a fetch
        assert "http://" not in code and "https://" not in code, path.name
        assert "@import" not in code and "@font-face" not in code, path.name


def test_our_code_never_parses_data_as_html() -> None:
    """The XSS guard: data reaches the DOM only as text nodes."""
    assert OUR_JS, "no dashboard scripts found"
    banned = re.compile(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function|"
                        r"setAttribute\(\s*[\"'](on|style)")
    for path in OUR_JS:
        hits = banned.findall(path.read_text())
        assert not hits, f"{path.name}: {hits}"


def test_vendored_libraries_ship_their_licences() -> None:
    vendor = STATIC / "vendor"
    versions = json.loads((vendor / "VERSIONS.json").read_text())
    assert set(versions) == {"leaflet", "cytoscape", "world-atlas", "topojson-client"}
    for lib in ("leaflet", "cytoscape", "world-atlas"):
        assert (vendor / lib / "LICENSE").stat().st_size > 200, lib
    total = sum(p.stat().st_size for p in vendor.rglob("*") if p.is_file())
    assert total < 1_000_000, f"vendored assets grew to {total} bytes"


def test_basemap_geojson_loads() -> None:
    """The packaged basemap: Natural Earth 110m countries with ISO3 codes, under 1 MB."""
    path = STATIC / "vendor" / "world-atlas" / "countries-110m.geojson"
    assert path.stat().st_size < 1_000_000
    geo = json.loads(path.read_text())
    assert geo["type"] == "FeatureCollection"
    assert len(geo["features"]) > 150
    by_iso = {f["properties"]["iso3"]: f for f in geo["features"]}
    for iso in ("IRQ", "IRN", "USA", "ISR", "YEM", "EGY"):
        assert iso in by_iso, iso
        assert by_iso[iso]["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert all(f["properties"]["iso3"] for f in geo["features"])
    assert "ATA" not in by_iso
    # No ring jumps across the antimeridian (a flat map would draw it as a band round the world).
    for feat in geo["features"]:
        geom = feat["geometry"]
        polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
        for ring in (r for poly in polys for r in poly):
            assert all(abs(a[0] - b[0]) <= 180 for a, b in zip(ring, ring[1:])), feat["properties"]["name"]
    # Iraq's outline is where Baghdad (33.3 N, 44.4 E) is.
    ring = by_iso["IRQ"]["geometry"]["coordinates"][0]
    lons = [pt[0] for pt in ring]
    lats = [pt[1] for pt in ring]
    assert min(lons) < 44.4 < max(lons) and min(lats) < 33.3 < max(lats)
