"""The Dispatch view in a real browser: paste, translate (streamed paragraph by paragraph), side-by-side
highlighting, summaries, downloads."""

from __future__ import annotations

import io
import json

import pytest

from service.result import Result

pytestmark = pytest.mark.browser

DISPATCH = "\n\n".join(
    [
        "PARIS, 12 mars 2024 (AFP) - Le gouvernement a annoncé mardi un plan de 2,5 milliards d'euros pour les agriculteurs.",
        "« Nous avons entendu la colère », a déclaré le Premier ministre. Les syndicats jugent les mesures insuffisantes.",
        "Les agriculteurs bloquent plusieurs autoroutes depuis janvier.",
        "Une réunion est prévue lundi à Matignon avec les représentants de la profession.",
        "La FNSEA a appelé à maintenir la mobilisation jusqu'à nouvel ordre.",
    ]
)

# Records, on every DOM change of the side-by-side view, whether some paragraphs were translated while others
# were still pending: proof that the page showed the translation before the whole dispatch was done.
WATCH_STREAMING = """
() => {
  window.__wbPartial = 0;
  new MutationObserver(() => {
    const box = document.querySelector('#wb-dispatch-sbs');
    if (!box) return;
    const pending = box.querySelectorAll('.wb-pending').length;
    const done = box.querySelectorAll('.wb-dst').length;
    if (pending > 0 && done > 0) window.__wbPartial += 1;
  }).observe(document.body, {subtree: true, childList: true, characterData: true});
}
"""


def run_dispatch(page, text: str) -> str:
    page.fill("#wb-dispatch-text textarea", text)
    page.click("#wb-run")
    page.wait_for_selector("#wb-dispatch-progress .wb-finished", timeout=120_000)
    return page.inner_text("#wb-dispatch-meta .wb-id code")


def test_paste_translate_read_side_by_side(page, live_app, artifacts):
    page.evaluate(WATCH_STREAMING)
    result_id = run_dispatch(page, DISPATCH)
    result = live_app.runtime.result(result_id)
    assert result is not None and len(result.paragraphs) == 5
    assert page.evaluate("window.__wbPartial") > 0, "no partial (paragraph-by-paragraph) state was rendered"

    # The English text, as stored.
    assert page.input_value("#wb-dispatch-translation textarea") == result.translation
    # Language and confidence.
    meta = page.inner_text("#wb-dispatch-meta")
    assert "French (fr)" in meta and "confidence" in meta

    # Side by side: one source and one English span per sentence, hover and click highlight the counterpart.
    sbs = "#wb-dispatch-sbs"
    assert page.locator(f"{sbs} .wb-src").count() == page.locator(f"{sbs} .wb-dst").count() == len(result.sentences())
    page.hover(f"{sbs} .wb-src[data-k='1-0']")
    assert "wb-hl" in page.get_attribute(f"{sbs} .wb-dst[data-k='1-0']", "class")
    assert "wb-hl" not in page.get_attribute(f"{sbs} .wb-dst[data-k='2-0']", "class")
    page.hover(f"{sbs} .wb-dst[data-k='2-0']")
    assert "wb-hl" in page.get_attribute(f"{sbs} .wb-src[data-k='2-0']", "class")
    assert "wb-hl" not in page.get_attribute(f"{sbs} .wb-dst[data-k='1-0']", "class")
    page.click(f"{sbs} .wb-dst[data-k='0-0']")
    page.mouse.move(5, 5)
    assert "wb-pinned" in page.get_attribute(f"{sbs} .wb-src[data-k='0-0']", "class")
    first_source = page.inner_text(f"{sbs} .wb-src[data-k='0-0']")
    assert first_source == result.paragraphs[0].sentences[0].source

    # Summaries, one card per preset asked (all four by default), with the stored text.
    cards = page.locator("#wb-dispatch-summaries .wb-summary")
    assert cards.count() == 4
    # (the text itself; provenance badges and fact flags beside it are tested in test_facts_view)
    headline = page.inner_text("#wb-dispatch-summaries .wb-summary[data-preset='headline'] .wb-summary-text .wb-prov-text")
    assert headline.strip() == result.summaries["headline"].text.strip() and headline.strip()

    page.screenshot(path=str(artifacts / "app-dispatch.png"), full_page=True)

    # Copy button: the headline reaches the clipboard.
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_app.url)
    page.click("#wb-dispatch-summaries .wb-summary[data-preset='headline'] .wb-copy")
    page.wait_for_selector("#wb-dispatch-summaries .wb-summary[data-preset='headline'] .wb-copied")
    assert page.evaluate("navigator.clipboard.readText()").strip() == result.summaries["headline"].text.strip()

    # Downloads: JSON is the Result; Markdown and DOCX hold the translation.
    with page.expect_download() as download:
        page.click("#wb-dispatch-dl-json")
    assert Result.model_validate(json.loads(open(download.value.path(), encoding="utf-8").read())).id == result.id
    with page.expect_download() as download:
        page.click("#wb-dispatch-dl-md")
    markdown = open(download.value.path(), encoding="utf-8").read()
    assert result.paragraphs[2].translation in markdown
    with page.expect_download() as download:
        page.click("#wb-dispatch-dl-docx")
    import docx

    document = docx.Document(io.BytesIO(open(download.value.path(), "rb").read()))
    # the source beside the English, one row per paragraph
    cells = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert cells[4] == [" ".join(s.source for s in result.paragraphs[3].sentences), result.paragraphs[3].translation]
    assert page.js_errors == []


def test_bad_input_shows_the_reason(page):
    page.fill("#wb-dispatch-text textarea", "   ")
    page.click("#wb-run")
    page.wait_for_selector("#wb-dispatch-progress .wb-error", timeout=30_000)
    assert "There is no text to translate yet" in page.inner_text("#wb-dispatch-progress .wb-error")


def test_history_reopens_a_stored_result(page, live_app, artifacts):
    stored = live_app.runtime.translate(
        "Le président a reçu jeudi son homologue allemand à l'Elysée. Ils ont parlé d'énergie.", summaries=["lede"]
    )
    page.click("button[role='tab']:has-text('History')")
    cell = page.locator(f"#wb-history-table :text('{stored.id}') >> visible=true").first
    cell.wait_for(timeout=30_000)
    cell.click()
    page.wait_for_selector("#wb-history-sbs .wb-src", timeout=30_000)
    assert page.inner_text("#wb-history-meta .wb-id code") == stored.id
    assert page.input_value("#wb-history-translation textarea") == stored.translation
    assert page.locator("#wb-history-summaries .wb-summary[data-preset='lede']").count() == 1
    page.screenshot(path=str(artifacts / "app-history.png"), full_page=True)
