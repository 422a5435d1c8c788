"""The whole pipeline on tiny models of the real architectures, through the production loading code."""

import json
import os
import random
import subprocess
import sys
import time

import pytest

from service.errors import InputError, LimitExceeded, UnsupportedLanguage
from service.events import ParagraphReady, Progress
from service.result import Result
from service.summarize.presets import PRESETS
from tests.conftest import require_data

DISPATCH = (
    "BRUXELLES : Les Alliés ont accepté vendredi de renforcer la mission de l'Otan en Irak. "
    "« La situation reste préoccupante », a déclaré M. Stoltenberg.\n"
    "L'Otan a actuellement 500 personnels en Irak. Elle compte 12.000 personnels en Afghanistan.\n\n"
    "Les ministres se réuniront de nouveau en février 2021."
)


def _words(text: str) -> list[str]:
    return text.split()


def test_result_shape_and_json_round_trip(pipeline):
    result = pipeline.run(DISPATCH, summaries=["headline", "bullets"])
    assert result.language.code == "fr" and 0 < result.language.confidence <= 1
    assert result.translated
    assert len(result.paragraphs) == 3
    for p in result.paragraphs:
        assert p.sentences and all(s.translation for s in p.sentences)
    assert result.paragraphs[0].sentences[0].kind == "dateline"
    assert set(result.summaries) == {"headline", "bullets"}
    assert {"normalize", "detect", "segment", "translate", "summarize", "total"} <= set(result.timings)
    roles = {m.role for m in result.models}
    assert {"translation", "summary"} <= roles
    data = json.loads(result.to_json())
    assert data["paragraphs"][1]["sentences"][0]["source"].startswith("L'Otan a actuellement 500")
    assert "translation" in data["paragraphs"][1]["sentences"][0]
    assert Result.model_validate(data).id == result.id
    # Nothing lost: the sentences give back every word of the dispatch, in order.
    assert _words(" ".join(s.source for s in result.sentences())) == _words(DISPATCH)


def test_same_input_same_id_different_options_different_id(pipeline):
    a = pipeline.run(DISPATCH, summaries=["headline"], summarizer="extractive-lead")
    b = pipeline.run(DISPATCH, summaries=["headline"], summarizer="extractive-lead")
    c = pipeline.run(DISPATCH, summaries=["lede"], summarizer="extractive-lead")
    assert a.id == b.id != c.id
    assert pipeline.cache_key(DISPATCH, ["headline"], None, "extractive-lead") == a.id


def test_long_real_dispatch_is_fully_covered_in_order(pipeline, data_root):
    lines = require_data(data_root, "newstest2013-fr-en/newstest2013.fr").read_text(encoding="utf-8").splitlines()
    rng = random.Random(7)
    start = 1000
    paragraphs, i, words = [], start, 0
    while words < 5000:
        size = rng.randint(3, 8)
        chunk = lines[i : i + size]
        paragraphs.append(" ".join(chunk))
        words += sum(len(line.split()) for line in chunk)
        i += size
    text = "\n\n".join(paragraphs)
    events = []
    result = pipeline.run(text, summaries=[], listener=events.append)
    assert len(result.paragraphs) == len(paragraphs)
    for got, want in zip(result.paragraphs, paragraphs):
        assert _words(" ".join(s.source for s in got.sentences)) == _words(want)
        assert all(s.translation.strip() for s in got.sentences)
    total = sum(len(p.sentences) for p in result.paragraphs)
    # Every line that ends a sentence gives at least one segment (unpunctuated headlines merge with the next line).
    punctuated = sum(1 for line in lines[start:i] if line.rstrip().endswith((".", "!", "?", "…", '"', "»")))
    assert total >= punctuated
    ready = [e.paragraph.index for e in events if isinstance(e, ParagraphReady)]
    assert ready == list(range(len(paragraphs)))
    progress = [e for e in events if isinstance(e, Progress) and e.stage == "translating"]
    assert progress[-1].done == progress[-1].total == total


def test_first_paragraph_streams_before_the_rest_is_translated(pipeline):
    text = "\n\n".join(f"Le paragraphe numéro {i} parle de la mission. Il est court." for i in range(6))
    events = []
    pipeline.run(text, summaries=[], listener=events.append)
    kinds = [
        ("ready", e.paragraph.index) if isinstance(e, ParagraphReady) else ("progress", e.done)
        for e in events
        if isinstance(e, ParagraphReady) or (isinstance(e, Progress) and e.stage == "translating")
    ]
    first_ready = kinds.index(("ready", 0))
    later_progress = [k for k in kinds[first_ready:] if k[0] == "progress" and k[1] > 2]
    assert later_progress, "paragraph 0 must be delivered before later sentences are translated"


def test_english_passes_through_untranslated_but_summarized(pipeline):
    text = (
        "The European Central Bank kept its interest rates unchanged on Thursday, as analysts had expected. "
        "Its president said inflation was still too high and that the bank would act if needed. "
        "Markets rose slightly after the announcement, with the euro gaining against the dollar. "
        "Economists expect the first cut in rates next spring, according to a survey."
    )
    result = pipeline.run(text, summaries=["lede"], summarizer="extractive-centrality")
    assert result.language.code == "en" and not result.translated
    assert all(s.source == s.translation for s in result.sentences())
    assert result.summaries["lede"].text
    assert any(w.code == "passthrough" for w in result.warnings)
    assert not [m for m in result.models if m.role.startswith("translation")]


def test_short_input_returns_translation_as_summary(pipeline):
    result = pipeline.run("Le président est arrivé à Paris lundi soir pour un sommet.", summaries=["paragraph"])
    summary = result.summaries["paragraph"]
    assert summary.method == "passthrough" and summary.text == result.translation
    assert "under 40" in summary.notes[0]


def test_short_input_passthrough_still_respects_the_preset_limit(pipeline):
    english = [
        "The president arrived in Paris on Monday evening for a summit of European leaders.",
        "He will meet the chancellor and the prime minister on Tuesday morning.",
    ]
    summary = pipeline._summarize(english, PRESETS["headline"], "model")
    assert summary.method == "passthrough" and summary.words <= 15
    assert summary.text and all(english[0].startswith(item) or item in english for item in summary.items)


def test_unsupported_language_names_the_detected_language(pipeline):
    german = "Die Bundesregierung hat am Montag ein neues Gesetz zur Förderung der Krankenhäuser beschlossen."
    with pytest.raises(UnsupportedLanguage, match=r"German \(de\).*opus-mt-de-en.*WIREBRIEF_ROUTES"):
        pipeline.run(german)


def test_stated_source_language_skips_detection(pipeline):
    result = pipeline.run("Bonjour à tous.", summaries=[], source_language="fr")
    assert result.language.given and result.language.code == "fr" and result.language.confidence == 1.0


@pytest.mark.parametrize("text", ["", "   \n\t ", "\u200b\u200b\u202e"])
def test_empty_input_is_refused(pipeline, text):
    with pytest.raises(InputError, match="empty|no visible text"):
        pipeline.run(text)


def test_character_limit_at_and_over(pipeline):
    limit = pipeline.settings.max_chars
    sentence = "Le ministre a parlé. "
    at_limit = (sentence * (limit // len(sentence) + 1))[:limit]
    pipeline.validate(at_limit, [], "model")  # exactly at the limit: accepted
    with pytest.raises(LimitExceeded, match=f"{limit + 1:,} but the limit is {limit:,} \\(setting WIREBRIEF_MAX_CHARS\\)"):
        pipeline.validate(at_limit + "x", [], "model")


def test_unknown_options_are_refused(pipeline):
    with pytest.raises(InputError, match="unknown summary preset"):
        pipeline.run(DISPATCH, summaries=["tweet"])
    with pytest.raises(InputError, match="unknown summarizer"):
        pipeline.run(DISPATCH, summarizer="gpt")


@pytest.fixture(scope="module")
def cli_env(tiny_models, tmp_path_factory):
    env = dict(os.environ)
    env.update(
        WIREBRIEF_TRANSLATION_MODEL=str(tiny_models["marian"]),
        WIREBRIEF_SUMMARY_MODEL=str(tiny_models["bart"]),
        WIREBRIEF_NUM_BEAMS="1",
        WIREBRIEF_SUMMARY_NUM_BEAMS="1",
        WIREBRIEF_MAX_NEW_TOKENS="24",
        HF_HUB_OFFLINE="1",
    )
    return env


def test_cli_translate_json_and_markdown(cli_env, tmp_path):
    path = tmp_path / "dispatch.txt"
    path.write_text(DISPATCH, encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "service", "translate", str(path), "--json", "--summary", "headline"],
        env=cli_env, capture_output=True, text=True, timeout=240, check=True,
    )
    data = json.loads(out.stdout)
    assert list(data["summaries"]) == ["headline"] and len(data["paragraphs"]) == 3
    md = subprocess.run(
        [sys.executable, "-m", "service", "translate", "-", "--summary", "lede"],
        input=DISPATCH, env=cli_env, capture_output=True, text=True, timeout=240, check=True,
    )
    assert md.stdout.startswith("# ") and "## Lede" in md.stdout and "## Translation" in md.stdout


def test_cli_missing_model_says_how_to_fetch(cli_env, tmp_path):
    env = dict(cli_env, WIREBRIEF_TRANSLATION_MODEL="opus-mt-fr-en", WIREBRIEF_HF_CACHE_DIR=str(tmp_path))
    out = subprocess.run(
        [sys.executable, "-m", "service", "translate", "-"], input="Bonjour.", env=env,
        capture_output=True, text=True, timeout=240,
    )
    assert out.returncode == 2
    assert "python -m models fetch opus-mt-fr-en" in out.stderr and "Traceback" not in out.stderr


def test_every_result_carries_located_fact_checks(pipeline):
    result = pipeline.run(DISPATCH, summaries=["headline"], summarizer="extractive-lead")
    facts = result.facts
    assert facts is not None and set(facts) >= {"translation", "counts", "summaries"}
    # The tiny model's random output drops the numbers: each is reported where it occurs.
    missing_500 = [i for i in facts["translation"] if i["type"] == "number" and "500" in i["source"]]
    assert missing_500 and missing_500[0]["paragraph"] == 1 and missing_500[0]["sentence"] == 0
    assert "provenance" in facts["summaries"]["headline"]
    assert "facts" in result.timings


def test_glossary_change_changes_result_id_and_cache_namespace(pipeline):
    from service.facts import Glossary

    before_id = pipeline.cache_key(DISPATCH, ["headline"], None, "model")
    before_ns = pipeline.stacks["fr"].cache.namespace
    original = pipeline.glossary
    try:
        pipeline.set_glossary(Glossary.from_dict({"terms": [{"fr": ["Otan"], "en": "NATO"}]}))
        assert pipeline.stacks["fr"].cache.namespace != before_ns
        assert pipeline.cache_key(DISPATCH, ["headline"], None, "model") != before_id
    finally:
        pipeline.set_glossary(original)
    assert pipeline.cache_key(DISPATCH, ["headline"], None, "model") == before_id


def test_decoding_settings_are_part_of_the_result_id(pipeline):
    """A store shared across restarts must not serve a Result made with other beams or caps."""
    from dataclasses import replace

    base = pipeline.stacks["fr"].base
    before = pipeline.cache_key(DISPATCH, ["headline"], None, "model")
    original = base.decoding
    try:
        base.decoding = replace(original, num_beams=original.num_beams + 1)
        assert pipeline.cache_key(DISPATCH, ["headline"], None, "model") != before
    finally:
        base.decoding = original
    assert pipeline.cache_key(DISPATCH, ["headline"], None, "model") == before


def test_a_failed_load_lets_the_ner_thread_finish_before_it_raises(monkeypatch, tmp_path):
    """The CLI exits right after "model missing"; exiting while the NER thread was inside spaCy's native code once
    aborted the process (exit -6, "terminate called without an active exception") instead of exit 2."""
    import threading

    import service.facts.ner as ner
    from service.pipeline import Pipeline
    from service.settings import Settings

    monkeypatch.setattr(ner, "load_ner", lambda model=None: time.sleep(3.0))  # a load still going when the model fails
    (tmp_path / "empty").mkdir()
    started = time.monotonic()
    with pytest.raises(Exception, match="could not be loaded"):
        Pipeline.from_settings(Settings(translation_model=str(tmp_path / "empty"), summary_model="extractive"))
    assert time.monotonic() - started >= 3.0
    assert not [t for t in threading.enumerate() if t.name == "wirebrief-load-ner" and t.is_alive()]
