"""``/docs`` (Swagger UI) and ``/redoc`` still work in a real browser under their strict CSP."""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser


def test_swagger_ui_renders_under_its_csp(page: Any) -> None:
    response = page.goto("/docs")
    assert "script-src 'self' 'sha256-" in response.headers["content-security-policy"]
    page.wait_for_selector(".swagger-ui .opblock-summary-path", timeout=30_000)
    assert page.locator(".swagger-ui .opblock-summary-path", has_text="/api/events").count() >= 1
    violations = [text for kind, text in page.console_log if "Content Security Policy" in text or kind == "pageerror"]
    assert not violations, violations


def test_redoc_renders_under_its_csp(page: Any) -> None:
    response = page.goto("/redoc")
    assert "content-security-policy" in response.headers
    page.get_by_text("List events", exact=False).first.wait_for(state="attached", timeout=30_000)
    # ReDoc asks a CDN for its logo: the policy blocking that (nothing leaves the machine) is
    # expected; any other violation (an inline script, say) is not.
    violations = [text for kind, text in page.console_log
                  if ("Content Security Policy" in text and "'https://" not in text) or kind == "pageerror"]
    assert not violations, violations
