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
    assert 'class="wb-note wb-warning" data-k="1-0"' in row
    assert "&lt;b&gt;copies&lt;/b&gt;" in row and "<b>copies" not in html
    assert "removed control characters" not in html  # info notes are not sentence warnings


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


def test_progress_names_the_stage_and_counts():
    html = render_progress(Progress("translating", 3, 12))
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
    assert "EN Le chat dort. EN Il fait beau." in text
    paths = write_downloads(result, tmp_path)
    assert Result.model_validate_json(paths["json"].read_text()) == result
    assert paths["md"].read_text().startswith("# Farmers win aid")
    assert paths["docx"].read_bytes()[:2] == b"PK"


def test_docx_survives_control_characters_in_model_output():
    import docx

    result = make_result(sources=[["Un."]], translations=[["bad\x00out\x1fput"]], headline="head\x0bline")
    document = docx.Document(io.BytesIO(to_docx_bytes(result)))
    texts = [p.text for p in document.paragraphs]
    assert "bad\ufffdout\ufffdput" in texts
    assert document.paragraphs[0].text == "head\ufffdline"
