"""chrF from sacrebleu (character 6-grams, beta 2, no word n-grams), on a 0–100 scale like sacrebleu prints it."""

from __future__ import annotations

from sacrebleu.metrics import CHRF

from eval.metrics import MetricScore

KEYS = ("chrf",)
TASKS = ("translation",)


def corpus_metric() -> CHRF:
    return CHRF()


def compute(hyps, refs, srcs=None, *, segments: bool = False) -> dict[str, MetricScore]:
    metric = corpus_metric()
    result = metric.corpus_score(hyps, [refs])
    seg = None
    if segments:
        smetric = corpus_metric()
        seg = [smetric.sentence_score(h, [r]).score for h, r in zip(hyps, refs)]
    sig = str(metric.get_signature())
    return {"chrf": MetricScore("chrf", result.score, sig, seg, sig if segments else None)}
