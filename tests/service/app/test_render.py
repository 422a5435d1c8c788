"""The app's HTML fragments escape every text (model output is never markup) and keep sentences aligned by key;
the DOCX download holds the Result's text."""

from __future__ import annotations

import io
import re

from service.app.exports import to_docx_bytes, write_downloads
from service.app.sbs import render_result, render_side_by_side
from service.app.views import render_meta, render_progress, render_summaries
from service.events import Progress
from service.result import Issue, Result, Summary
from tests.service.results_factory import make_result

NASTY = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_side_by_side_escapes_source_and_model_output():
    result = make_result(sources=[[NASTY, "Deux."]], translations=[[NASTY + " & more", "Two."]])
    html = render_result(result)
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&amp; more" in html


def test_side_by_side_pairs_each_sentence_with_its_counterpart_by_key():
    result = make_result(sources=[["A1.", "A2."], ["B1."]])
    html = render_result(result)
    keys_src = re.findall(r'class="wb-s wb-src[^"]*" data-k="([\d-]+)"', html)
    keys_dst = re.findall(r'class="wb-s wb-dst[^"]*" data-k="([\d-]+)"', html)
    assert keys_src == keys_dst == ["0-0", "0-1", "1-0"]
    assert re.search(r'data-k="0-1"[^>]*>EN A2\.<', html)


def test_warning_is_placed_beside_its_sentence_and_escaped():
    warning = Issue(code="degenerate.copy", message="output <b>copies</b> the source", paragraph=1, sentence=0)
    info = Issue(code="normalized", message="removed control characters", severity="info")
    result = make_result(sources=[["A1."], ["B1.", "B2."]], warnings=[warning, info])
    html = render_result(result)
    assert 'class="wb-s wb-src wb-warned" data-k="1-0"' in html
    assert 'class="wb-s wb-src" data-k="1-1"' in html  # only the sentence concerned is marked
    row = html.split('data-p="1"', 1)[1]
    # in plain words, numbered from 1 across the dispatch (paragraph 1, sentence 0 is the dispatch's sentence 2)
    assert re.search(r'class="wb-note wb-flag-quality" data-k="1-0"[^>]*>The English of this sentence is a copy '
                     r"of the French \(sentence 2\)\.</li>", row)
    assert "degenerate.copy" not in html  # no internal code in the reader's view
    assert "removed control characters" not in html  # info notes are not sentence warnings


def test_unknown_warning_is_escaped_and_loses_its_setting_name():
    warning = Issue(code="x.new", message="output <b>copies</b> (setting WIREBRIEF_X)", paragraph=0, sentence=0)
    html = render_result(make_result(sources=[["A1."]], warnings=[warning]))
    assert "Output &lt;b&gt;copies&lt;/b&gt; (sentence 1)." in html and "<b>copies" not in html
    assert "WIREBRIEF_X" not in html


def test_streaming_view_shows_pending_rows():
    result = make_result(sources=[["A1."]])
    html = render_side_by_side(result.paragraphs, total_paragraphs=3)
    assert html.count("wb-pending") == 2
    assert 'data-k="0-0"' in html


def test_summaries_and_meta_escape_model_output():
    result = make_result(headline=NASTY)
    result.summaries["bullets"] = Summary(preset="bullets", text="- a", items=[NASTY, "b"], method="seq2seq")
    html = render_summaries(result) + render_meta(result, 0.5)
    assert "<script>" not in html and "<img" not in html
    assert html.count("wb-copy") == 2
    assert "93%" in html  # the detected language's confidence is shown
    # summary labels in words: who wrote it and its size against its limit (bullets: per point)
    result.summaries["bullets"].word_limit = 30
    labels = render_summaries(result)
    assert "written by the summary model · 2 points, up to 30 words each" in labels
    assert "seq2seq" not in labels


def test_progress_names_the_stage_and_counts():
    html = render_progress(Progress("translating", 3, 12), eta=42.0)
    assert "about 40 s left" in html
    assert "translating 3/12 sentences" in html
    assert '<progress value="3" max="12">' in html
    assert '<span class="wb-done">segmenting</span>' in html
    assert '<span class="wb-now">translating</span>' in html


def test_docx_and_downloads_hold_the_result(tmp_path):
    import docx

    result = make_result(headline="Farmers win aid")
    data = to_docx_bytes(result)
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert "Farmers win aid" in text
    # the source beside the English, one table row per paragraph, under a header row
    table = docx.Document(io.BytesIO(data)).tables[0]
    assert [c.text for c in table.rows[0].cells] == ["French", "English"]
    assert [c.text for c in table.rows[1].cells] == ["Le chat dort. Il fait beau.", "EN Le chat dort. EN Il fait beau."]
    assert "Models: translation: org/m@abc123" in text
    paths = write_downloads(result, tmp_path)
    assert Result.model_validate_json(paths["json"].read_text()) == result
    assert paths["md"].read_text().startswith("# Farmers win aid")
    assert paths["docx"].read_bytes()[:2] == b"PK"
    assert {p.name for p in paths.values()} == {"farmers-win-aid.md", "farmers-win-aid.docx", "farmers-win-aid.json"}


def test_markdown_export_has_source_english_blocks_checks_and_escapes_user_text(tmp_path):
    from service.facts import check_result
    from service.render import export_stem, to_markdown

    result = make_result(
        sources=[["PARIS, 12 mars 2024 (AFP) - Le plan coûte 2,5 milliards d'euros.", "# <b>Titre</b>"]],
        translations=[["PARIS, March 12, 2024 (AFP) - The plan costs 3 billion euros.", "# <b>Title</b> [x](http://e)"]],
        headline="",
    )
    result.models.append(
        result.models[0].model_copy(update={"role": "summary", "hub_id": None, "name": "/srv/secret/models/bart"})
    )
    result.facts = check_result(result)
    md = to_markdown(result)
    assert "> PARIS, 12 mars 2024 (AFP) - Le plan coûte 2,5 milliards d'euros. \\# &lt;b&gt;Titre&lt;/b&gt;" in md
    assert "\\# &lt;b&gt;Title&lt;/b&gt; \\[x\\](http://e)" in md and "<b>" not in md
    assert "## Checks" in md and "The English does not give the amount '2,5 milliards d'euros' (sentence 1)." in md
    assert "/srv/secret" not in md and "local model bart (not from the registry)" in md
    assert export_stem(result) == "paris-12-mars-2024"


def test_docx_survives_control_characters_in_model_output():
    import docx

    result = make_result(sources=[["Un."]], translations=[["bad\x00out\x1fput"]], headline="head\x0bline")
    document = docx.Document(io.BytesIO(to_docx_bytes(result)))
    texts = [p.text for p in document.paragraphs] + [c.text for row in document.tables[0].rows for c in row.cells]
    assert "bad\ufffdout\ufffdput" in texts
    assert document.paragraphs[0].text == "head\ufffdline"
