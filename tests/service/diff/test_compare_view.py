"""The Compare view in a real browser, at 1440×900 and 390×844: a pasted update of a History entry is detected,
compared, and shown with fact changes on top and both versions side by side; the update note downloads."""

from __future__ import annotations

import pytest

from tests.conftest import require_data

from .updates import SAMPLE

pytestmark = pytest.mark.browser

VIEWPORTS = {"1440x900": (1440, 900), "390x844": (390, 844)}
NEW_TOP = ("Les ministres ont aussi décidé de porter à 750 le nombre de formateurs de l'Otan en Irak d'ici mars, "
           "a indiqué jeudi un diplomate. \"C'est un signal fort envoyé à Bagdad\", a déclaré la ministre française "
           "des Armées Florence Parly <img src=x onerror=alert(1)>.")


def updated_sample(text: str) -> str:
    """The sample dispatch as its next version: a paragraph after the lead, a figure and a weekday corrected, a
    quotation replaced, two paragraphs swapped, a typo fixed."""
    paragraphs = text.split("\n")
    paragraphs.insert(1, NEW_TOP)
    new = "\n".join(paragraphs)
    new = new.replace("500 personnels", "650 personnels").replace("accepté vendredi", "accepté jeudi")
    new = new.replace("Un dilemme va se poser dans les prochains mois",
                      "Nous ne quitterons pas l'Afghanistan sans nos alliés")
    new = new.replace("prête a renforcer", "prête à renforcer")
    lines = new.split("\n")
    lines[5], lines[6] = lines[6], lines[5]
    return "\n".join(lines)


def open_compare_tab(page) -> None:
    """Click the Compare tab; on a narrow screen Gradio moves overflowing tabs into its "more" menu."""
    tab = page.get_by_role("tab", name="Compare")
    if tab.count() and tab.first.is_visible():
        tab.first.click()
        return
    page.locator(".overflow-menu button").first.click()
    page.locator(".overflow-dropdown button", has_text="Compare").first.click()


@pytest.fixture(scope="module")
def versions(data_root, live_app):
    previous = require_data(data_root, SAMPLE).read_text(encoding="utf-8")
    stored = live_app.runtime.translate(previous, summaries=[], source_language="fr")  # in History now
    return previous, updated_sample(previous), stored


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_compare_an_update_of_a_history_entry(browser, live_app, versions, artifacts, viewport):  # noqa: F811
    previous, current, stored = versions
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(f"{live_app.url}/")
        page.wait_for_selector("#wb-status [data-state='ready']", timeout=60_000)
        open_compare_tab(page)
        page.fill("#wb-compare-current textarea", current)
        page.wait_for_selector("#wb-compare-suggestion :text('looks like an update of')", timeout=60_000)
        assert "same dateline" in page.inner_text("#wb-compare-suggestion")
        page.click("#wb-compare-suggested")
        page.wait_for_selector("#wb-diff-facts", timeout=300_000)

        facts = page.inner_text("#wb-diff-facts")
        for line in ("number changed: 500 → 650", "date changed: vendredi → jeudi", "new name: Armées Florence Parly",
                     "quotation changed: Un dilemme"):
            assert line in facts, facts
        # Fact changes are the top of the view; then what's new; then the side-by-side.
        tops = page.evaluate("""() => ['#wb-diff-facts', '#wb-diff-new', '#wb-diff-sbs'].map(
            s => document.querySelector(s).getBoundingClientRect().top)""")
        assert tops == sorted(tops)
        statuses = page.eval_on_selector_all("#wb-diff-sbs [data-status]", "rows => rows.map(r => r.dataset.status)")
        assert {"added", "changed", "moved", "same"} <= set(statuses)
        changed = page.locator("#wb-diff-sbs .wb-diff-changed").first
        assert changed.locator(".wb-diff-before .wb-diff-fr").inner_text()  # French on both sides...
        assert changed.locator(".wb-diff-now .wb-diff-fr").inner_text()
        before_en = changed.locator(".wb-diff-before").inner_text()
        assert len(before_en) > len(changed.locator(".wb-diff-before .wb-diff-fr").inner_text())  # ...and English
        assert page.locator("#wb-compare-view img").count() == 0  # typed markup is shown as text
        assert "<img src=x" in page.inner_text("#wb-diff-sbs")
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width + 1
        columns = page.evaluate("""() => getComputedStyle(document.querySelector('#wb-diff-sbs .wb-diff-changed'))
            .gridTemplateColumns.split(' ').length""")
        assert columns == (1 if width < 700 else 2)
        page.screenshot(path=str(artifacts / f"compare-{viewport}.png"), full_page=True)

        with page.expect_download() as download:
            page.click("#wb-compare-dl-md")
        note = download.value.path().read_text(encoding="utf-8")
        assert note.startswith("# Update note") and note.index("## Fact changes") < note.index("## Changes")
        assert "number changed: 500 → 650" in note and stored.id in note
        with page.expect_download() as download:
            page.click("#wb-compare-dl-docx")
        assert download.value.suggested_filename.endswith(".docx")
        assert not errors, errors
    finally:
        context.close()


def test_pasted_previous_version_and_errors(browser, live_app, versions):  # noqa: F811
    previous, current, _ = versions
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{live_app.url}/")
        page.wait_for_selector("#wb-status [data-state='ready']", timeout=60_000)
        open_compare_tab(page)
        page.fill("#wb-compare-current textarea", current)
        page.click("#wb-compare-run")
        page.wait_for_selector("#wb-compare-message :text('previous version is missing')", timeout=60_000)
        typo_only = previous.replace("prête a renforcer", "prête à renforcer")
        page.fill("#wb-compare-current textarea", typo_only)
        page.fill("#wb-compare-previous textarea", previous)
        page.click("#wb-compare-run")
        page.wait_for_selector("#wb-diff-new[data-status='nothing_substantive']", timeout=300_000)
        assert "Nothing substantive is new" in page.inner_text("#wb-diff-new")
        assert "No number, date, amount, name or quotation changed." in page.inner_text("#wb-diff-facts")
    finally:
        context.close()
