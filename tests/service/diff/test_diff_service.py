"""The Diff through the real pipeline (tiny models), the REST API on loopback and the CLI."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import httpx
import pytest

from service.diff import Diff, diff_with_pipeline, to_docx, to_markdown

PREVIOUS = (
    "BRUXELLES, 14 fév (AFP) - L'attentat a fait 12 morts mardi soir dans le centre de la ville, selon la police.\n\n"
    "Les secours sont restés sur place toute la nuit. Les écoles resteront fermées jeudi.\n\n"
    "Le gouvernement a convoqué une réunion de crise pour le lendemain matin."
)
CURRENT = (
    "BRUXELLES, 14 fév (AFP) - L'attentat a fait 17 morts mardi soir dans le centre de la ville, selon la police.\n\n"
    "\"Nous sommes tous sous le choc\", a déclaré le maire Pierre Dumont.\n\n"
    "Les secours sont restés sur place toute la nuit. Les écoles resteront fermées jeudi.\n\n"
    "Le gouvernement a convoqué une réunion de crise pour le lendemain matin."
)


def test_unchanged_sentences_are_not_translated_again(pipeline):
    pipeline.stacks["fr"].cache.clear()
    previous = pipeline.run(PREVIOUS, summaries=[], source_language="fr")
    diff = diff_with_pipeline(pipeline, previous, CURRENT, summaries=["headline", "bullets"], source_language="fr")
    same = [r for c in diff.changes if c.status == "same" for r in c.current]
    fresh = [r for c in diff.changes if c.status in ("added", "changed") for r in c.current]
    cached = {i for i, s in enumerate(diff.current.sentences()) if s.cached}
    assert same and {r.index for r in same} <= cached  # every unchanged sentence came from the cache
    assert not {r.index for r in fresh} & cached  # the new and corrected ones went to the model
    assert diff.reused == len(cached) == len(same)
    changed = next(c for c in diff.changes if c.status == "changed")
    assert changed.previous[0].translation and changed.current[0].translation
    assert changed.previous[0].translation == previous.sentences()[changed.previous[0].index].translation
    assert diff.facts[0].detail == "number changed: 12 → 17"
    assert diff.whats_new.status == "summarized" and set(diff.whats_new.summaries) == {"headline", "bullets"}
    assert diff.whats_new.summaries["headline"].method  # the pipeline's own summary stage
    assert diff.previous_id == previous.id and diff.current.summaries == {}


def test_update_note_downloads(pipeline):
    previous = pipeline.run(PREVIOUS, summaries=[], source_language="fr")
    diff = diff_with_pipeline(pipeline, previous, CURRENT.replace("Pierre Dumont", "Pierre <b>Dumont</b>"),
                              summaries=["headline"], source_language="fr")
    md = to_markdown(diff)
    assert md.index("## Fact changes") < md.index("## What's new") < md.index("## Changes")
    assert "number changed: 12 → 17" in md
    assert "<b>" not in md and "\\<b\\>" in md  # the dispatch's text is never markup
    import docx

    document = docx.Document(io.BytesIO(to_docx(diff)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Fact changes" in text and "number changed: 12 → 17" in text


@pytest.fixture(scope="module")
def api(live_app):
    with httpx.Client(base_url=live_app.url, timeout=300) as client:
        yield client


def test_post_diff_with_text_and_with_a_result_id(api):
    body = {"previous": PREVIOUS, "current": CURRENT, "summaries": ["headline"], "source_language": "fr"}
    response = api.post("/v1/diff", json=body)
    assert response.status_code == 200, response.text
    diff = Diff.model_validate(response.json())
    assert [f.detail for f in diff.facts][:1] == ["number changed: 12 → 17"]
    assert diff.counts["added"] == 1 and diff.counts["changed"] == 1
    # The previous version was stored on the way: its id works in both fields.
    for field in ("previous", "previous_id"):
        again = api.post("/v1/diff", json={field: diff.previous_id, "current": CURRENT, "summaries": ["headline"],
                                           "source_language": "fr"})
        assert again.status_code == 200, again.text
        assert again.json()["previous_id"] == diff.previous_id and again.json()["counts"] == diff.counts


@pytest.mark.parametrize(
    ("payload", "status", "code", "words"),
    [
        ({"current": CURRENT}, 422, "empty_input", "previous version is missing"),
        ({"previous": PREVIOUS, "previous_id": "0" * 32, "current": CURRENT}, 422, "invalid_input", "not both"),
        ({"previous_id": "f" * 32, "current": CURRENT}, 404, "not_found", "no stored result"),
        ({"previous": PREVIOUS, "current": "   "}, 422, "empty_input", "empty"),
        ({"previous": PREVIOUS, "current": CURRENT, "summaries": ["haiku"]}, 422, "unknown_preset", "haiku"),
    ],
)
def test_bad_requests_say_what_is_wrong(api, payload, status, code, words):
    response = api.post("/v1/diff", json=payload)
    assert response.status_code == status, response.text
    assert response.json()["code"] == code and words in response.json()["message"]


def test_length_limit_applies_to_both_versions(api, live_app):
    limit = live_app.runtime.settings.max_chars
    at_limit = ("Les secours sont restés sur place. " * (limit // 35 + 1))[:limit]
    over = at_limit + "x"
    ok = api.post("/v1/diff", json={"previous": PREVIOUS, "current": at_limit, "summaries": [], "source_language": "fr"})
    assert ok.status_code == 200, ok.text[:300]
    for payload in ({"previous": PREVIOUS, "current": over}, {"previous": over, "current": CURRENT}):
        response = api.post("/v1/diff", json={**payload, "summaries": []})
        assert response.status_code == 413 and "WIREBRIEF_MAX_CHARS" in response.json()["message"]


def test_cli_diff_json_and_markdown(tiny_models, tmp_path):
    import os

    env = dict(os.environ, WIREBRIEF_TRANSLATION_MODEL=str(tiny_models["marian"]), WIREBRIEF_SUMMARY_MODEL="extractive",
               WIREBRIEF_NUM_BEAMS="1", WIREBRIEF_MAX_NEW_TOKENS="16", WIREBRIEF_BRIEFS="off", HF_HUB_OFFLINE="1",
               WIREBRIEF_DB_PATH=str(tmp_path / "db.sqlite3"))
    old, new = tmp_path / "v1.txt", tmp_path / "v2.txt"
    old.write_text(PREVIOUS, encoding="utf-8")
    new.write_text(CURRENT, encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "service", "diff", str(old), str(new), "--json", "-s", "headline"],
                         env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    data = json.loads(out.stdout)
    assert data["facts"][0]["detail"] == "number changed: 12 → 17" and data["counts"]["same"] >= 3
    md = subprocess.run([sys.executable, "-m", "service", "diff", str(old), "-"], input=CURRENT, env=env,
                        capture_output=True, text=True, timeout=300)
    assert md.returncode == 0 and md.stdout.startswith("# Update note") and "## Fact changes" in md.stdout
    missing = subprocess.run([sys.executable, "-m", "service", "diff", str(tmp_path / "nope.txt"), str(new)], env=env,
                             capture_output=True, text=True, timeout=120)
    assert missing.returncode == 2 and "cannot read" in missing.stderr


def test_openapi_describes_every_field_of_the_diff(api):
    spec = api.get("/openapi.json").json()
    assert "/v1/diff" in spec["paths"]
    schemas = spec["components"]["schemas"]
    for name in ("Diff", "SentenceChange", "FactChange", "WhatsNew", "SentenceRef", "DiffRequest"):
        undescribed = [field for field, body in schemas[name]["properties"].items() if not body.get("description")]
        assert not undescribed, (name, undescribed)
