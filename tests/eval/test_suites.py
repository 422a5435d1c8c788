"""Suites end to end: results folder contents, signature, reports; data location and its fallbacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sacrebleu.metrics import BLEU, CHRF
from typer.testing import CliRunner

from eval.cli import app
from eval.data import DatasetNotFound, DatasetSpec, locate
from eval.io import read_jsonl, read_lines
from eval.suites import SUITES_DIR, load_suite, run_suite, select

import eval.commands  # noqa: F401


def test_shipped_suites_parse():
    names = sorted(p.stem for p in SUITES_DIR.glob("*.yaml"))
    assert names == ["flores200-devtest", "newstest2013", "orangesum"]
    for name in names:
        suite = load_suite(name)
        assert suite.system in suite.systems and suite.comparability
    assert load_suite("newstest2013").dataset.sacrebleu.test_set == "wmt13"


def test_select_is_seeded_and_stable():
    assert select(10, None, 0) == list(range(10))
    a = select(3000, 50, 7)
    assert a == select(3000, 50, 7) and a == sorted(a) and len(set(a)) == 50
    assert a != select(3000, 50, 8)


def test_tiny_suite_end_to_end(tiny_suite, tmp_path):
    out = run_suite(str(tiny_suite), out_dir=tmp_path / "run", progress=False)
    files = sorted(p.name for p in out.path.iterdir())
    assert files == ["report.html", "results.json", "segments.jsonl", "summary.md"]
    segs = read_jsonl(out.path / "segments.jsonl")
    assert len(segs) == 6 and segs[0]["output"] == segs[0]["source"]
    assert set(segs[0]) >= {"index", "source", "output", "reference", "scores", "checks"}
    assert segs[0]["checks"]["untranslated"]["status"] == "fail"
    results = json.loads((out.path / "results.json").read_text())
    srcs = [s["source"] for s in segs]
    refs = [s["reference"] for s in segs]
    assert results["metrics"]["bleu"]["score"] == BLEU().corpus_score(srcs, [refs]).score
    sig = results["signature"]
    assert len(sig["dataset"]["files"]["source"]["sha256"]) == 64
    assert sig["system"]["type"] == "copy-source"
    assert set(sig["system"]) >= {"models", "decoding", "prompt_versions"}
    assert sig["metrics"]["chrf"]["corpus"].startswith("nrefs:1|")
    assert sig["libraries"]["sacrebleu"] and sig["checks"]["untranslated"]["params"]["min_run"] == 5
    assert results["checks"]["untranslated"]["fail_rate"] == 1.0
    html = (out.path / "report.html").read_text()
    assert html.count("data:image/png;base64,") == 4
    assert "Worst 3 segments by chrf" in html
    md = (out.path / "summary.md").read_text()
    assert "| bleu |" in md and "Reproducibility" in md


def test_newstest_sample_copy_source_via_cli(newstest, tmp_path):
    res = CliRunner().invoke(app, ["run", "newstest2013", "--limit", "40", "--seed", "3", "--out", str(tmp_path / "r"), "-q", "--no-plots"])
    assert res.exit_code == 0, res.output
    results = json.loads((tmp_path / "r" / "results.json").read_text())
    segs = read_jsonl(tmp_path / "r" / "segments.jsonl")
    assert [s["index"] for s in segs] == select(3000, 40, 3)
    src, ref = read_lines(newstest[0]), read_lines(newstest[1])
    hyps = [src[i] for i in select(3000, 40, 3)]
    refs = [ref[i] for i in select(3000, 40, 3)]
    assert results["metrics"]["bleu"]["score"] == BLEU().corpus_score(hyps, [refs]).score
    assert results["metrics"]["chrf"]["score"] == CHRF().corpus_score(hyps, [refs]).score
    assert results["checks"]["language"]["fail_rate"] > 0.9  # French is not English
    assert results["skipped_metrics"]["comet"].startswith("COMET skipped")


def test_orangesum_lead3_and_released_outputs(orangesum_dir, tmp_path):
    lead = run_suite("orangesum", limit=20, out_dir=tmp_path / "lead", progress=False, plots=False).results
    assert lead["system"] == "lead-3" and 10 < lead["metrics"]["rouge1"]["score"] < 50
    segs = read_jsonl(tmp_path / "lead" / "segments.jsonl")
    assert all(s["output"] and s["output"] in s["source"] or s["output"][:40] in s["source"] for s in segs)
    bart = run_suite("orangesum", system="barthez", limit=20, out_dir=tmp_path / "bart", progress=False, plots=False).results
    assert bart["signature"]["system"]["params"]["lines"] == 1500
    assert "language" in bart["checks"] and "coverage" not in bart["checks"]


def test_unknown_system_and_missing_dataset(tiny_suite, tmp_path):
    res = CliRunner().invoke(app, ["run", str(tiny_suite), "--system", "nope", "--out", str(tmp_path / "x")])
    assert res.exit_code == 2 and "no system 'nope'" in res.output
    spec = DatasetSpec(name="ghost", source="ghost/x.fr", reference="ghost/x.en")
    with pytest.raises(DatasetNotFound, match="ghost"):
        locate(spec, tmp_path, download=False)


def test_data_root_override_and_sacrebleu_fallback(tmp_path, newstest, monkeypatch):
    from sacrebleu.dataset import DATASETS

    spec = load_suite("newstest2013").dataset
    # a given root wins
    (tmp_path / "newstest2013-fr-en").mkdir()
    for p in newstest:
        (tmp_path / "newstest2013-fr-en" / p.name).write_bytes(p.read_bytes())
    src, _, origin = locate(spec, tmp_path, download=False)
    assert origin == "data_root" and src.parent.parent == tmp_path
    # an empty root falls through to sacrebleu's cache (`sacrebleu -t wmt13 -l fr-en` puts the text files there)
    empty = tmp_path / "empty"
    empty.mkdir()
    ds = DATASETS["wmt13"]
    monkeypatch.setattr(ds, "_outdir", str(tmp_path / "sacrebleu-cache" / "wmt13"))
    with pytest.raises(DatasetNotFound, match="sacrebleu -t wmt13 -l fr-en"):
        locate(spec, empty, download=False)
    Path(ds._outdir).mkdir(parents=True)
    Path(ds._get_txt_file_path("fr-en", "src")).write_bytes(newstest[0].read_bytes())
    Path(ds._get_txt_file_path("fr-en", "ref")).write_bytes(newstest[1].read_bytes())
    found_src, found_ref, origin = locate(spec, empty, download=False)
    assert origin == "sacrebleu" and read_lines(found_ref) == read_lines(newstest[1])
    # the downloader failing offline (sacrebleu calls sys.exit) is a DatasetNotFound, not an exit
    monkeypatch.setattr(ds, "_outdir", str(tmp_path / "nowhere"))

    def offline(_langpair):
        raise SystemExit(1)

    monkeypatch.setattr(ds, "get_files", offline)
    with pytest.raises(DatasetNotFound, match="offline"):
        locate(spec, empty, download=True)
