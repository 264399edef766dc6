"""The offline web dashboard: static files served by the API process.

Why a mount function rather than a router: the dashboard has no server logic of its own. It is a
single page (``static/index.html`` + ES modules in ``static/js/``) that reads the JSON API, so the
API app only has to serve the files. Third-party assets are vendored in ``static/vendor/`` (see
``scripts/vendor_web_assets.py``); nothing is fetched from the network.

Every response of the page carries a strict Content-Security-Policy (scripts only from this
origin, no inline scripts) as a second line of defence: the JavaScript itself never parses data
as HTML, so a ``<script>`` inside an article is shown as text.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

__all__ = ["CSP", "mount", "static_dir"]

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}


def static_dir() -> Path:
    """Folder of the dashboard's static files inside the installed package.

    RETURNS (Path): ``eventscope/web/static`` on disk.
    """
    return Path(str(files("eventscope.web").joinpath("static")))


class _StaticFiles(StaticFiles):
    """StaticFiles that adds the security headers to every file it serves."""

    def file_response(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        response = super().file_response(*args, **kwargs)
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
        return response


def mount(app: FastAPI) -> None:
    """Serve the dashboard at ``/`` and its files at ``/static`` on ``app``.

    app (FastAPI): the API app (``eventscope.api.create_app``); its ``/api/*`` routes feed the page.
    """
    root = static_dir()
    index = root / "index.html"

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(index, media_type="text/html; charset=utf-8", headers=SECURITY_HEADERS)

    app.mount("/static", _StaticFiles(directory=root), name="static")
