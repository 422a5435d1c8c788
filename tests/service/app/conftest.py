"""The app's browser page fixtures (the browser and the artifacts folder are session-wide: tests/service/conftest.py)."""

from __future__ import annotations

import pytest


@pytest.fixture
def page(browser, live_app):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{live_app.url}/")
    page.wait_for_selector("#wb-status [data-state='ready']", timeout=60_000)
    page.js_errors = errors
    yield page
    context.close()
