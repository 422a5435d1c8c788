"""Editing a generated brief, and exporting it as Markdown and DOCX."""

import io

import pytest

from service.brief.edit import apply_edits
from service.brief.export import to_docx, to_markdown
from service.brief.service import BriefService
from service.errors import InputError

from .brief_fixtures import DISPATCH_EN, GOOD_BRIEF, ScriptedGenerator


@pytest.fixture
def brief(tiny_chat):
    return BriefService(ScriptedGenerator(tiny_chat, [GOOD_BRIEF])).generate(DISPATCH_EN)


def test_edits_are_checked_and_the_generated_text_kept(brief):
    edited = apply_edits(
        brief,
        {"headline": "NATO sends 700 more trainers to Iraq", "bullets": "- First point.\n- Second point.\n\n"},
        DISPATCH_EN,
    )
    assert edited.edited and edited.section("headline").items == ["NATO sends 700 more trainers to Iraq"]
    assert edited.section("bullets").items == ["First point.", "Second point."]
    assert edited.generated == brief.sections and not brief.edited
    assert any(f.section == "headline" and f.type == "number" and "700" in f.text for f in edited.flags)
    assert edited.template == brief.template
    long = apply_edits(edited, {"headline": " ".join(["word"] * 20)}, DISPATCH_EN)
    assert "Headline: 20 words, over the 15-word limit" in long.notes
    assert long.section("headline").items == [" ".join(["word"] * 20)]  # the editor's text is not cut
    assert long.generated == brief.sections


def test_unchanged_edit_is_not_marked_edited(brief):
    same = apply_edits(brief, {"dateline": "BRUSSELS"}, DISPATCH_EN)
    assert not same.edited and same.generated is None


def test_unknown_section_is_rejected(brief):
    with pytest.raises(InputError, match="unknown brief section"):
        apply_edits(brief, {"byline": "AFP"}, DISPATCH_EN)


def test_markdown_and_docx_exports(brief):
    flagged = apply_edits(brief, {"next": "Ministers meet again on 3 March."}, DISPATCH_EN)
    md = to_markdown(flagged)
    assert md.startswith("# NATO allies agree")
    assert "**BRUSSELS**" in md and "- NATO currently has 500 personnel in Iraq." in md
    assert "> “The security situation" in md and "— NATO secretary general Jens Stoltenberg" in md
    assert "**To check**" in md and "template brief v1 (" in md and "edited" in md
    from docx import Document

    doc = Document(io.BytesIO(to_docx(flagged)))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == brief.section("headline").items[0]
    assert "NATO currently has 500 personnel in Iraq." in texts and any("template brief v1" in t for t in texts)
    assert "To check" in texts


def test_failed_brief_exports_its_reason(tiny_chat):
    failed = BriefService(ScriptedGenerator(tiny_chat, ["x", "y"])).generate(DISPATCH_EN, template="headline")
    assert to_markdown(failed).startswith("**No brief:** the model's answer did not follow")


def test_docx_survives_control_characters(brief):
    dirty = apply_edits(brief, {"headline": "NATO\x00 expands\x01 mission"}, DISPATCH_EN)
    from docx import Document

    doc = Document(io.BytesIO(to_docx(dirty)))
    assert doc.paragraphs[0].text == "NATO\ufffd expands\ufffd mission"


def test_labelled_text_round_trip_is_the_edit_form(brief):
    from service.brief.edit import from_labelled, to_labelled

    text = to_labelled(brief)
    assert text.splitlines()[0].startswith("HEADLINE: NATO allies agree")
    assert text.count("BULLET: ") == 3 and "SAID BY: NATO secretary general Jens Stoltenberg" in text
    assert from_labelled(text, brief) == {s.key: s.items for s in brief.sections}
    edited = text.replace("BULLET: NATO currently has 500 personnel in Iraq.\n", "").replace("BRUSSELS", "BRUXELLES")
    values = from_labelled(edited, brief)
    assert len(values["bullets"]) == 2 and values["dateline"] == ["BRUXELLES"]
    assert apply_edits(brief, values, DISPATCH_EN).section("bullets").items == values["bullets"]
    with pytest.raises(InputError, match="could not be read"):
        from_labelled("just prose", brief)
