"""Batch and Evaluator for readers, in a real browser: a new set of files clears the previous job, a batch document
opens side by side and appears in History; the evaluator lists the runs it can pair and an error goes away once
it is fixed; the Brief tab says up front when briefs are off."""

from __future__ import annotations

import pytest

from service.app.tabs.evaluator import pairable_runs, render_runs
from tests.service.app.test_batch_view import FILES, open_batch_tab, wait_for_zip
from tests.service.app.test_evaluator_view import write_run

pytestmark = pytest.mark.browser


def test_new_batch_clears_the_old_and_documents_open_side_by_side(page, live_app, tmp_path, artifacts):
    paths = []
    for name, text in FILES.items():
        (tmp_path / name).write_text(text.replace("lundi", "mercredi"), encoding="utf-8")
        paths.append(str(tmp_path / name))
    open_batch_tab(page)
    page.set_input_files("#wb-batch-files input[type=file]", paths)
    page.wait_for_function("() => document.querySelector('#wb-batch-files').innerText.includes('otan')", timeout=30_000)
    page.click("#wb-batch-start")
    wait_for_zip(page)
    # open one document: the side-by-side view of the Dispatch tab, and it is in History
    page.locator("#wb-batch-results :text('otan.md') >> visible=true").first.click()
    page.wait_for_selector("#wb-batch-doc-sbs .wb-src", timeout=30_000)
    assert "otan.md" in page.inner_text("#wb-batch-doc-note")
    result_id = page.inner_text("#wb-batch-doc-meta .wb-id code")
    result = live_app.runtime.store.get(result_id)
    assert result is not None, "the batch document is not in History"
    assert page.inner_text("#wb-batch-doc-sbs .wb-src[data-k='0-0']") == result.paragraphs[0].sentences[0].source
    assert any(row.id == result_id for row in live_app.runtime.store.recent(500))
    page.screenshot(path=str(artifacts / "reader-batch-document.png"), full_page=False)
    # a new set of files: the previous job's progress, table, ZIP and open document are gone
    page.set_input_files("#wb-batch-files input[type=file]", [paths[1]])
    page.wait_for_function(
        "() => !document.querySelector('#wb-batch-zip') || document.querySelector('#wb-batch-zip').offsetParent === null",
        timeout=30_000,
    )
    assert "hopitaux" not in page.inner_text("#wb-batch-results")
    assert page.inner_text("#wb-batch-progress").strip() == ""
    assert page.locator("#wb-batch-doc-sbs .wb-src").count() == 0
    assert page.js_errors == []


def test_evaluator_lists_the_runs_it_can_pair(tmp_path):
    write_run(tmp_path / "a", "copy-source", ["x", "y", "z"])
    write_run(tmp_path / "b", "pipeline:tiny", ["x", "y", "z"])
    write_run(tmp_path / "c", "other", ["x", "y", "z"], suite="lonely-suite")
    from eval.ratings.sources import list_runs

    runs = list_runs(tmp_path)
    assert list(pairable_runs(runs)) == ["tiny-news"]
    html = render_runs(runs, tmp_path)
    assert "Runs you can pair" in html and "a (copy-source)" in html and "b (pipeline:tiny)" in html
    assert "lonely-suite" not in html
    empty = render_runs(runs[:1], tmp_path)
    assert "No two runs of the same suite to pair (1 run found" in empty


def test_evaluator_error_clears_when_fixed(page):
    page.get_by_role("tab", name="Evaluator").click()
    page.click("#wb-eval-next")
    page.wait_for_selector("#wb-eval-message .wb-error:has-text('Enter your rater id first')", timeout=30_000)
    page.fill("#wb-eval-rater textarea", "r")
    page.wait_for_function("() => !document.querySelector('#wb-eval-message .wb-error')", timeout=30_000)


def test_brief_tab_says_up_front_when_briefs_are_off(page, live_app):
    runtime = live_app.runtime
    original = runtime.settings
    runtime.settings = original.model_copy(update={"briefs": "off"})
    try:
        page.get_by_role("tab", name="Brief").click()
        page.wait_for_selector("#wb-brief-notice .wb-feature-off", timeout=10_000)
        assert "Briefs are switched off on this server" in page.inner_text("#wb-brief-notice")
    finally:
        runtime.settings = original
