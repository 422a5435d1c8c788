"""TER from sacrebleu (lower is better)."""

from __future__ import annotations

from sacrebleu.metrics import TER

from eval.metrics import MetricScore, sacrebleu_score

KEYS = ("ter",)
TASKS = ("translation",)


def corpus_metric() -> TER:
    return TER()


def compute(hyps, refs, srcs=None, *, segments: bool = False) -> dict[str, MetricScore]:
    return {"ter": sacrebleu_score("ter", corpus_metric(), corpus_metric(), hyps, refs, segments=segments)}
