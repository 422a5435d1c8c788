""""Compare with…" on the Dispatch tab's result, in a real browser at 1440×900 and 390×844: a translated dispatch
that updates a History entry says so under the result, and the button opens the comparison with that entry (this
dispatch as the current version), fact changes on top. Without such an entry, the button opens the Compare tab with
this dispatch as the current version and the reader pastes the previous one."""

from __future__ import annotations

import pytest

from tests.conftest import require_data

from .test_compare_view import VIEWPORTS, updated_sample
from .updates import SAMPLE
from tests.service.conftest import open_app_page

pytestmark = pytest.mark.browser

LOUVRE = "PARIS, 3 mars (AFP) - Le musée du Louvre a rouvert ses portes mardi après 12 jours de grève."


@pytest.fixture(scope="module")
def versions(data_root, live_app):
    previous = require_data(data_root, SAMPLE).read_text(encoding="utf-8")
    stored = live_app.runtime.translate(previous, summaries=[], source_language="fr")  # in History now
    return previous, updated_sample(previous), stored


def _translate(page, text: str) -> None:
    page.fill("#wb-dispatch-text textarea", text)
    page.click("#wb-run")
    page.wait_for_selector("#wb-dispatch-progress .wb-finished", timeout=300_000)


def _open(browser, live_app, width: int, height: int):  # noqa: F811
    context, page = open_app_page(browser, live_app.url, {"width": width, "height": height})
    return context, page, page.js_errors


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_compare_with_on_a_result_that_updates_a_history_entry(browser, live_app, versions, artifacts, viewport):  # noqa: F811
    previous, current, stored = versions
    width, height = VIEWPORTS[viewport]
    context, page, errors = _open(browser, live_app, width, height)
    try:
        _translate(page, current)
        page.wait_for_selector("#wb-dispatch-update-offer :text('looks like an update of')", timeout=120_000)
        assert "same dateline" in page.inner_text("#wb-dispatch-update-offer")
        page.locator("#wb-dispatch-compare").scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / f"dispatch-update-offer-{viewport}.png"))
        page.click("#wb-dispatch-compare")
        page.wait_for_selector("#wb-diff-facts", timeout=300_000)

        assert page.locator("#wb-compare-view").is_visible() and not page.locator("#wb-dispatch-text").is_visible()
        assert page.input_value("#wb-compare-current textarea").split() == current.split()  # this dispatch is current
        assert previous.split("\n")[0][:30] in page.input_value("#wb-compare-previous-pick input")  # vs the entry
        facts = page.inner_text("#wb-diff-facts")
        for line in ("number changed: 500 → 650", "date changed: vendredi → jeudi", "quotation changed: Un dilemme"):
            assert line in facts, facts
        tops = page.evaluate("""() => ['#wb-diff-facts', '#wb-diff-new', '#wb-diff-sbs'].map(
            s => document.querySelector(s).getBoundingClientRect().top)""")
        assert tops == sorted(tops)  # fact changes on top
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width + 1
        page.screenshot(path=str(artifacts / f"compare-from-dispatch-{viewport}.png"), full_page=True)
        assert not errors, errors
    finally:
        context.close()


def test_compare_with_and_no_history_match_asks_for_the_previous_version(browser, live_app):  # noqa: F811
    context, page, errors = _open(browser, live_app, 1440, 900)
    try:
        _translate(page, LOUVRE)
        page.wait_for_selector("#wb-dispatch-compare", state="visible", timeout=60_000)
        page.wait_for_timeout(1500)  # the offer is looked for after the run: there must be none
        assert "looks like an update" not in page.inner_text("#wb-dispatch-update-offer")
        page.click("#wb-dispatch-compare")
        page.wait_for_selector("#wb-compare-message :text('paste it')", timeout=60_000)
        assert page.input_value("#wb-compare-current textarea") == LOUVRE
        page.fill("#wb-compare-previous textarea", LOUVRE.replace("mardi", "lundi").replace("12 jours", "10 jours"))
        page.click("#wb-compare-run")
        page.wait_for_selector("#wb-diff-facts", timeout=300_000)
        facts = page.inner_text("#wb-diff-facts")
        assert "number changed: 10 → 12" in facts and "date changed: lundi → mardi" in facts, facts
        assert not errors, errors
    finally:
        context.close()
