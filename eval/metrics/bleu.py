"""BLEU from sacrebleu (13a tokenization, exp smoothing; segment scores with effective order)."""

from __future__ import annotations

from sacrebleu.metrics import BLEU

from eval.metrics import MetricScore, sacrebleu_score

KEYS = ("bleu",)
TASKS = ("translation",)


def corpus_metric() -> BLEU:
    return BLEU()


def segment_metric() -> BLEU:
    return BLEU(effective_order=True)


def compute(hyps, refs, srcs=None, *, segments: bool = False) -> dict[str, MetricScore]:
    return {
        "bleu": sacrebleu_score(
            "bleu", corpus_metric(), segment_metric(), hyps, refs, segments=segments,
            details=lambda r: {"precisions": r.precisions, "bp": r.bp, "sys_len": r.sys_len, "ref_len": r.ref_len},
        )
    }
