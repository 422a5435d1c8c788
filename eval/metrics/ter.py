"""TER from sacrebleu (lower is better)."""

from __future__ import annotations

from sacrebleu.metrics import TER

from eval.metrics import MetricScore

KEYS = ("ter",)
TASKS = ("translation",)


def corpus_metric() -> TER:
    return TER()


def compute(hyps, refs, srcs=None, *, segments: bool = False) -> dict[str, MetricScore]:
    metric = corpus_metric()
    result = metric.corpus_score(hyps, [refs])
    seg = None
    if segments:
        smetric = corpus_metric()
        seg = [smetric.sentence_score(h, [r]).score for h, r in zip(hyps, refs)]
    sig = str(metric.get_signature())
    return {"ter": MetricScore("ter", result.score, sig, seg, sig if segments else None)}
