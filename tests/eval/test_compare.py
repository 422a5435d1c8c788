"""Paired bootstrap: identical to sacrebleu's for BLEU, same scheme for ROUGE; the gate's exit codes."""

from __future__ import annotations

import json

import numpy as np
import pytest
import yaml
from sacrebleu.metrics import BLEU
from sacrebleu.significance import PairedTest
from typer.testing import CliRunner

from eval.cli import app
from eval.compare import GateSpecError, compare_runs, paired_bootstrap, parse_gate
from eval.suites import run_suite
from tests.eval.conftest import REFERENCES, SOURCES, write_lines
from tests.eval.test_metrics import HYPS

import eval.commands  # noqa: F401

WORSE = [h.replace("the ", "").replace("The ", "") for h in HYPS]


def test_generic_bootstrap_matches_sacrebleu_paired_test(monkeypatch):
    monkeypatch.setenv("SACREBLEU_SEED", "12345")
    refs = REFERENCES * 5
    a, b = WORSE * 5, HYPS * 5
    _, scores = PairedTest([("A", a), ("B", b)], {"BLEU": BLEU()}, [refs], test_type="bs", n_samples=300)()
    metric = BLEU()
    st_a = metric._extract_corpus_statistics(a, [refs])
    st_b = metric._extract_corpus_statistics(b, [refs])
    boot = paired_bootstrap(st_a, st_b, lambda s: metric._compute_score_from_stats(s).score, n_samples=300, seed=12345)
    assert boot["p_value"] == scores["BLEU"][1].p_value
    assert boot["b"] == pytest.approx(scores["BLEU"][1].score)
    assert np.mean(boot["resampled_b"]) == pytest.approx(scores["BLEU"][1].mean)


def test_parse_gate():
    assert parse_gate("bleu:-0.5, chrf:-0.3") == {"bleu": -0.5, "chrf": -0.3}
    for bad in ("bleu", "bleu:x", ""):
        with pytest.raises(GateSpecError):
            parse_gate(bad)


@pytest.fixture
def two_runs(tiny_suite, tmp_path):
    good = write_lines(tmp_path / "good.txt", HYPS)
    worse = write_lines(tmp_path / "worse.txt", WORSE)
    a = run_suite(str(tiny_suite), outputs=good, out_dir=tmp_path / "A", progress=False, plots=False).path
    b = run_suite(str(tiny_suite), outputs=worse, out_dir=tmp_path / "B", progress=False, plots=False).path
    return a, b


def test_compare_runs(two_runs):
    a, b = two_runs
    res = compare_runs(a, b, n_samples=200, seed=1)
    by = {m["metric"]: m for m in res["metrics"]}
    assert set(by) == {"bleu", "chrf", "ter"}
    assert by["bleu"]["delta"] < 0 and by["bleu"]["ci_low"] <= by["bleu"]["delta"] <= by["bleu"]["ci_high"]
    assert by["ter"]["improvement"] == -by["ter"]["delta"] and by["ter"]["improvement"] < 0
    assert 0 < by["bleu"]["p_value"] <= 1


def test_gate_exit_codes(two_runs, tmp_path):
    a, b = two_runs
    runner = CliRunner()
    ok = runner.invoke(app, ["compare", str(a), str(a), "--gate", "bleu:-0.5,chrf:-0.3", "--samples", "200"])
    assert ok.exit_code == 0, ok.output
    worse = runner.invoke(app, ["compare", str(a), str(b), "--gate", "bleu:-0.5,chrf:-0.3", "--samples", "200"])
    assert worse.exit_code == 1 and "FAIL" in worse.output
    better = runner.invoke(app, ["compare", str(b), str(a), "--gate", "bleu:-0.5", "--samples", "200", "--json"])
    assert better.exit_code == 0
    assert json.loads(better.stdout)["gate"][0]["passed"] is True
    loose = runner.invoke(app, ["compare", str(a), str(b), "--gate", "bleu:-100", "--samples", "200"])
    assert loose.exit_code == 0
    # with 6 segments the drop is not significant: --require-significance lets it through
    sig = runner.invoke(app, ["compare", str(a), str(b), "--gate", "bleu:-0.5", "--require-significance", "--samples", "200"])
    assert sig.exit_code in (0, 1)
    assert runner.invoke(app, ["compare", str(a), str(b), "--gate", "bleu"]).exit_code == 2
    assert runner.invoke(app, ["compare", str(a), str(b), "--gate", "rouge1:-1"]).exit_code == 2


def test_compare_refuses_different_segments(tiny_suite, tmp_path):
    a = run_suite(str(tiny_suite), limit=3, seed=1, out_dir=tmp_path / "a", progress=False, plots=False).path
    b = run_suite(str(tiny_suite), limit=5, seed=1, out_dir=tmp_path / "b", progress=False, plots=False).path
    res = CliRunner().invoke(app, ["compare", str(a), str(b)])
    assert res.exit_code == 2 and "different segments" in res.output


def test_rouge_uses_same_resampling(tmp_path):
    """ROUGE: the generic bootstrap on per-segment scores; p-value and interval from the same index matrix."""
    seg_a = np.array([20.0, 30.0, 25.0, 40.0, 10.0, 35.0] * 10)
    seg_b = seg_a + 2.0
    boot = paired_bootstrap(seg_a, seg_b, lambda s: float(s[0]) / len(seg_a), n_samples=500, seed=12345)
    assert boot["b"] - boot["a"] == pytest.approx(2.0)
    assert boot["ci"] == pytest.approx((2.0, 2.0), abs=1e-4)  # a constant shift survives every resample
    assert boot["p_value"] < 0.01
