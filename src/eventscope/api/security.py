"""Request guards of the API app: the Host check (DNS rebinding) and the docs pages' CSP.

Why a Host check: the read endpoints (``/api/export`` included) need no token, and the server
listens on 127.0.0.1. A web page the user visits can point its own domain at 127.0.0.1 (DNS
rebinding) and then read the API with the user's browser as if it were same-origin. Such
requests carry the attacker's name in ``Host``; answering only the names the server was started
for (``serve --host`` / ``--allowed-host``) shuts that door.

Why hashes in the docs CSP: Swagger UI's page starts itself with an inline ``<script>``; a
policy naming that script's SHA-256 lets it run and nothing else inline.
"""

from __future__ import annotations

import base64
import hashlib
import ipaddress
import re
import socket
from typing import Any, Iterable

from starlette.responses import Response

from ..errors import Errors

LOCAL_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
ANY_HOST = "*"
DOCS_PATHS = frozenset({"/docs", "/redoc", "/docs/oauth2-redirect"})
_WILDCARD_BINDS = frozenset({"0.0.0.0", "::", ""})
_INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S | re.I)
# The API answers JSON only: a response is never a page to render or frame.
API_CSP = "default-src 'none'; frame-ancestors 'none'"


def served_hosts(bind: str, extra: Iterable[str] = ()) -> frozenset[str]:
    """Host names a server bound to ``bind`` answers: the loopback names, the bound address,
    and ``extra`` (``--allowed-host``; ``*`` turns the check off).

    A wildcard bind (0.0.0.0, ::) adds this machine's own name, as clients on the network reach
    it by that name or by an address the operator lists with ``--allowed-host``.
    """
    names = set(LOCAL_NAMES)
    bind = bind.strip().strip("[]").lower()
    if bind in _WILDCARD_BINDS:
        for name in (socket.gethostname(), socket.getfqdn()):
            if name:
                names.add(name.lower())
    else:
        names.add(bind)
    names.update(h.strip().strip("[]").lower() for h in extra if h.strip())
    return frozenset(names)


def host_name(header: str) -> str:
    """The name part of a Host header ("[::1]:8000" → "::1", "Example.org:80" → "example.org")."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    if header.count(":") > 1:  # a bare IPv6 address
        return header
    return header.rsplit(":", 1)[0] if ":" in header else header


def host_allowed(header: str | None, allowed: frozenset[str]) -> bool:
    """True when the request's Host names this server (or the check is off)."""
    if ANY_HOST in allowed:
        return True
    if not header:
        return False
    name = host_name(header)
    if name in allowed:
        return True
    try:  # 127.0.0.2 … and ::ffff:127.0.0.1 are loopback too
        return ipaddress.ip_address(name).is_loopback and bool(allowed & LOCAL_NAMES)
    except ValueError:
        return False


def host_refused(header: str | None, allowed: frozenset[str]) -> dict[str, Any]:
    """The body of the 421 answer to a request for a host this server does not serve."""
    shown = repr((header or "")[:80])
    return {"detail": Errors.E066.format(host=shown, allowed=", ".join(sorted(allowed)))}


def docs_csp(html: bytes) -> str:
    """A strict CSP for a docs page: its own inline scripts by hash, everything else from here."""
    scripts = ["'sha256-" + base64.b64encode(hashlib.sha256(body).digest()).decode() + "'"
               for body in _INLINE_SCRIPT.findall(html)]
    return (
        f"default-src 'self'; script-src 'self' {' '.join(scripts)}".rstrip() + "; "
        # Swagger UI and ReDoc add style attributes and <style> elements as they render.
        "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
        "worker-src 'self' blob:; font-src 'self'; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'"
    )


async def with_docs_csp(response: Any) -> Response:
    """``response`` (a docs page, small) read whole and sent again with its CSP header."""
    body = b"".join([chunk async for chunk in response.body_iterator])
    headers = {k: v for k, v in response.headers.items() if k.lower() != "content-length"}
    headers["Content-Security-Policy"] = docs_csp(body)
    return Response(content=body, status_code=response.status_code, headers=headers)
