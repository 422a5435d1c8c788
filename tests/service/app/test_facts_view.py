"""Fact checks and summary provenance in the Dispatch view, in a real browser: a fact flag beside its sentence,
and a summary bullet that highlights the translated sentences that support it."""

from __future__ import annotations

import pytest

from tests.service.app.test_dispatch_view import DISPATCH, run_dispatch

pytestmark = pytest.mark.browser

SBS = "#wb-dispatch-sbs"


def choose_summarizer(page, label: str) -> None:
    page.click("#wb-summarizer input")
    page.click(f"[role='option']:has-text('{label}')")


def test_fact_flags_beside_sentences_and_bullet_provenance(page, live_app, artifacts):
    choose_summarizer(page, "Extractive: lead")
    result = live_app.runtime.result(run_dispatch(page, DISPATCH))
    assert result.options["summarizer"] == "extractive-lead"
    # The tiny random model drops the figures of the source: the fact checker must have flagged some.
    flagged = {(i["paragraph"], i["sentence"]) for i in result.facts["translation"]}
    assert flagged

    # Each flag is a plain-words note in its sentence's row, keyed to it; the sentence is marked on both sides.
    from service.plain_checks import result_flags

    expected = [f for f in result_flags(result, live_app.runtime.pipeline.glossary) if f.kind not in ("quality", "other")]
    notes = page.locator(f"{SBS} .wb-note:not(.wb-flag-quality):not(.wb-flag-other)")
    assert notes.count() == len(expected) and expected
    assert notes.all_inner_texts() == [f.text for f in expected]
    for p, s in flagged:
        key = f"{p}-{s}"
        row = page.locator(f"{SBS} .wb-row[data-p='{p}']")
        assert row.locator(f".wb-note[data-k='{key}']").count() >= 1
        for side in ("src", "dst"):
            assert "wb-flagged" in page.get_attribute(f"{SBS} .wb-{side}[data-k='{key}']", "class")
    unflagged = [f"{p.index}-{s.index}" for p in result.paragraphs for s in p.sentences if (p.index, s.index) not in flagged]
    for key in unflagged:
        assert "wb-flagged" not in page.get_attribute(f"{SBS} .wb-dst[data-k='{key}']", "class")
    issue = result.facts["translation"][0]
    notes_there = page.locator(f"{SBS} .wb-note[data-k='{issue['paragraph']}-{issue['sentence']}']").all_inner_texts()
    assert any(issue["source"] in note for note in notes_there)

    # Provenance: each bullet lists its supporting sentences; clicking one highlights exactly those.
    provenance = result.facts["summaries"]["bullets"]["provenance"]
    keys = [f"{p.index}-{s.index}" for p in result.paragraphs for s in p.sentences]
    bullets = page.locator("#wb-dispatch-summaries .wb-summary[data-preset='bullets'] li.wb-prov")
    assert bullets.count() == len(provenance) == len(result.summaries["bullets"].items)
    linked = [i for i, p in enumerate(provenance) if p["sentences"]]
    assert linked, "extractive bullets copy translated sentences: each should be linked to its sentence"
    item = provenance[linked[0]]
    support = {keys[i] for i in item["sentences"]}
    bullets.nth(linked[0]).click()
    page.mouse.move(5, 5)
    highlighted = set(page.eval_on_selector_all(f"{SBS} .wb-dst.wb-prov-pin", "els => els.map(e => e.dataset.k)"))
    assert highlighted == support
    for i, prov in enumerate(provenance):
        assert ("wb-unsupported" in bullets.nth(i).get_attribute("class")) == (not prov["supported"])
    page.screenshot(path=str(artifacts / "app-facts-provenance.png"), full_page=True)

    # Clicking the pinned bullet again clears the highlight; hovering shows it without pinning.
    bullets.nth(linked[0]).click()
    assert page.locator(f"{SBS} .wb-dst.wb-prov-pin").count() == 0
    bullets.nth(linked[0]).hover()
    hovered = set(page.eval_on_selector_all(f"{SBS} .wb-dst.wb-prov-hl", "els => els.map(e => e.dataset.k)"))
    assert hovered == support
    assert page.js_errors == []
