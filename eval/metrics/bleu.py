"""BLEU from sacrebleu (13a tokenization, exp smoothing; segment scores with effective order)."""

from __future__ import annotations

from sacrebleu.metrics import BLEU

from eval.metrics import MetricScore

KEYS = ("bleu",)
TASKS = ("translation",)


def corpus_metric() -> BLEU:
    return BLEU()


def segment_metric() -> BLEU:
    return BLEU(effective_order=True)


def compute(hyps, refs, srcs=None, *, segments: bool = False) -> dict[str, MetricScore]:
    metric = corpus_metric()
    result = metric.corpus_score(hyps, [refs])
    seg = seg_sig = None
    if segments:
        smetric = segment_metric()
        seg = [smetric.sentence_score(h, [r]).score for h, r in zip(hyps, refs)]
        seg_sig = str(smetric.get_signature())
    return {
        "bleu": MetricScore(
            "bleu",
            result.score,
            str(metric.get_signature()),
            seg,
            seg_sig,
            details={"precisions": result.precisions, "bp": result.bp, "sys_len": result.sys_len, "ref_len": result.ref_len},
        )
    }
