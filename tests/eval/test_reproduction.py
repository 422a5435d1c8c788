"""The published figure: BARThez on OrangeSum Abstract, ROUGE-1 31.44 (rouge-score, default tokenizer, no stemming)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from eval.cli import app
from eval.io import read_lines
from eval.metrics import compute_all

import eval.commands  # noqa: F401


def test_barthez_rouge1_reproduces_paper(orangesum_dir):
    hyps = read_lines(orangesum_dir / "barthez.txt")
    refs = read_lines(orangesum_dir / "gold.txt")
    assert len(hyps) == len(refs) == 1500
    rep = compute_all("summarization", hyps, refs, metrics=["rouge"])
    assert abs(rep.scores["rouge1"].score - 31.44) <= 0.05, rep.scores["rouge1"].score


def test_barthez_via_cli(orangesum_dir):
    res = CliRunner().invoke(
        app,
        ["score", "--task", "summarization", "--hyp", str(orangesum_dir / "barthez.txt"),
         "--ref", str(orangesum_dir / "gold.txt"), "--json", "--metrics", "rouge"],
    )
    assert res.exit_code == 0, res.output
    assert round(json.loads(res.stdout)["metrics"]["rouge1"], 2) == 31.45  # 31.4468…; paper: 31.44
