"""The app's browser page fixtures (the browser and the artifacts folder are session-wide: tests/service/conftest.py)."""

from __future__ import annotations

import pytest

from tests.service.conftest import open_app_page


@pytest.fixture
def page(browser, live_app):
    context, page = open_app_page(browser, live_app.url, {"width": 1400, "height": 1000})
    yield page
    context.close()
