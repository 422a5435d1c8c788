"""Session-wide for every browser test under tests/service (app, diff…): one headless Chromium (Debian's, never
`playwright install`) — two session browsers in one process would start two Playwright loops, which fails — and
the artifacts folder for screenshots."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from service.settings import PROJECT_ROOT

CHROMIUM = os.environ.get("WIREBRIEF_TEST_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
ARTIFACTS = PROJECT_ROOT / "artifacts"


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium (bash .ci/ensure-chromium) for browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def open_app_page(browser, url: str, viewport: dict):
    """A fresh browser context on the app at ``url``, once its status says ready; page errors collected in
    ``page.js_errors``. Returns (context, page): the caller closes the context."""
    context = browser.new_context(viewport=viewport, accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{url}/")
    page.wait_for_selector("#wb-status [data-state='ready']", timeout=60_000)
    page.js_errors = errors
    return context, page


@pytest.fixture()
def no_word_lexicon(monkeypatch, tmp_path):
    """The fact checker without its FreeDict word lexicon (as on a machine without the Debian packages), for tests of
    another route to the same name ("Sainte-Croix" → "Holy Cross" through the model's own rendering)."""
    from service.facts import lexicon

    monkeypatch.setattr(lexicon, "_setting_dir", lambda: str(tmp_path / "no-lexicon"))
