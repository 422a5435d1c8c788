"""Suites end to end on the project's pipeline with the tiny fixture models (random weights: the figures are
nonsense, the plumbing is what is tested: Results feed the checks, models and decoding enter the signature)."""

from __future__ import annotations

import importlib.util
import json

import pytest
import yaml

from eval.io import read_jsonl
from eval.suites import run_suite

_MISSING = [m for m in ("service.pipeline", "service.text") if importlib.util.find_spec(m) is None]
pytestmark = pytest.mark.skipif(
    bool(_MISSING), reason=f"{', '.join(_MISSING)} not in this checkout (the pipeline imports service.text)"
)


@pytest.fixture(scope="module")
def fast_settings(tiny_settings):
    # greedy, short caps, one thread: random weights never stop early, and 2 busy cores thrash with 2 threads
    return tiny_settings.model_copy(update={"num_beams": 1, "max_new_tokens": 16, "torch_threads": 1})


def test_newstest_sample_on_tiny_pipeline(newstest, fast_settings, tmp_path):
    out = run_suite("newstest2013", system="pipeline", limit=4, seed=5, out_dir=tmp_path / "p",
                    progress=False, plots=False, settings=fast_settings)
    r = out.results
    assert r["n"] == 4 and set(r["metrics"]) >= {"bleu", "chrf", "ter"}
    sig = r["signature"]["system"]
    assert sig["type"] == "pipeline"
    assert [m["role"] for m in sig["models"]][:1] == ["translation"]
    assert sig["models"][0]["path"] == str(fast_settings.translation_model)
    assert sig["decoding"]["translation"]["num_beams"] == 1
    segs = read_jsonl(out.path / "segments.jsonl")
    assert all(s["output"] and "warnings" in s and s["result_id"] for s in segs)
    # coverage is exact on pipeline Results: every source sentence got a (nonsense) translation
    assert r["checks"]["coverage"]["failed"] == 0 and r["checks"]["coverage"]["checked"] == 4


def test_cross_lingual_summarization_on_tiny_pipeline(tmp_path, fast_settings):
    """A French article → English summary, scored against the gold translated by the same pipeline."""
    article = (
        "Les ministres de la Défense de l'Otan se sont réunis jeudi à Bruxelles. Ils ont décidé d'augmenter "
        "la mission en Irak. Le secrétaire général a salué une décision importante pour la sécurité de la région. "
        "La mission comptera environ quatre mille personnes. Les premiers renforts arriveront au printemps. "
        "Plusieurs pays ont promis des formateurs supplémentaires pour l'armée irakienne dans les mois à venir."
    )
    gold = "L'Otan renforce sa mission en Irak."
    (tmp_path / "src.txt").write_text(article + "\n", encoding="utf-8")
    (tmp_path / "gold.txt").write_text(gold + "\n", encoding="utf-8")
    suite = {
        "name": "tiny-sum", "task": "summarization", "primary": "rougeL",
        "dataset": {"name": "tiny-sum", "source": str(tmp_path / "src.txt"), "reference": str(tmp_path / "gold.txt"),
                    "target_language": "fr"},
        "system": "pipeline-en",
        "systems": {"pipeline-en": {"type": "pipeline", "summary_preset": "headline", "output_language": "en",
                                    "reference": "translated"}},
        "checks": {"language": {}, "repetition": {}},
    }
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(suite, allow_unicode=True), encoding="utf-8")
    out = run_suite(str(path), out_dir=tmp_path / "run", progress=False, plots=False, settings=fast_settings)
    seg = read_jsonl(out.path / "segments.jsonl")[0]
    assert seg["gold"] == gold and seg["reference"] != gold  # the reference is the pipeline's translation
    assert out.results["signature"]["system"]["reference"] == "translated"
    assert json.loads((out.path / "results.json").read_text())["metrics"]["rouge1"]["score"] >= 0
