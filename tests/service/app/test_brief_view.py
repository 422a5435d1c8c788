"""The Brief view in a real browser: pick a template, generate, edit in place, see flags, save, export."""

from __future__ import annotations

import pytest

# Needs the app (service.runtime, service.api, service.app: branch `app`); runs as soon as it is merged.
pytest.importorskip("service.runtime", reason="the app (branch app) is not merged here yet")

from service.brief.service import BriefService
from tests.service.brief_fixtures import GOOD_BRIEF, ScriptedGenerator
from tests.service.test_brief_pipeline import FRENCH

pytestmark = pytest.mark.browser


def test_generate_edit_flag_save_export(page, live_app, pipeline, tiny_chat, monkeypatch, artifacts):
    monkeypatch.setattr(pipeline, "briefs", BriefService(ScriptedGenerator(tiny_chat, [GOOD_BRIEF])))
    page.get_by_role("tab", name="Brief").click()
    page.fill("#wb-brief-text textarea", FRENCH)
    page.click("#wb-brief-generate")
    page.wait_for_function(
        "() => document.querySelector('#wb-brief-editor textarea')?.value.startsWith('HEADLINE:')", timeout=120_000
    )
    status = page.inner_text("#wb-brief-status")
    assert "brief v1" in status and "hash" in status
    text = page.input_value("#wb-brief-editor textarea")
    assert text.count("BULLET: ") == 3 and "DATELINE: BRUSSELS" in text

    page.fill("#wb-brief-editor textarea", text.replace(text.splitlines()[0], "HEADLINE: NATO sends 700 trainers to Iraq"))
    page.click("#wb-brief-save")
    page.wait_for_function("() => document.querySelector('#wb-brief-status')?.innerText.includes('edited')", timeout=60_000)
    assert "700" in page.inner_text("#wb-brief-flags")
    rid = status.split("result ")[1].split()[0].strip("`")
    stored = live_app.runtime.result(rid).briefs["brief"]
    assert stored.edited and stored.section("headline").items == ["NATO sends 700 trainers to Iraq"]
    page.screenshot(path=str(artifacts / "brief-view.png"), full_page=True)

    with page.expect_download() as download:
        page.click("#wb-brief-dl-md")
    markdown = download.value.path().read_text(encoding="utf-8")
    assert markdown.startswith("# NATO sends 700 trainers to Iraq") and "template brief v1" in markdown
    with page.expect_download() as download:
        page.click("#wb-brief-dl-docx")
    assert download.value.suggested_filename.endswith(".docx")
