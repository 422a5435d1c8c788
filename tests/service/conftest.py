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
