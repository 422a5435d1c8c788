"""chrF from sacrebleu (character 6-grams, beta 2, no word n-grams), on a 0–100 scale like sacrebleu prints it."""

from __future__ import annotations

from sacrebleu.metrics import CHRF

from eval.metrics import MetricScore, sacrebleu_score

KEYS = ("chrf",)
TASKS = ("translation",)


def corpus_metric() -> CHRF:
    return CHRF()


def compute(hyps, refs, srcs=None, *, segments: bool = False) -> dict[str, MetricScore]:
    return {"chrf": sacrebleu_score("chrf", corpus_metric(), corpus_metric(), hyps, refs, segments=segments)}
