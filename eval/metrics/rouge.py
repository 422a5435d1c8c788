"""ROUGE-1/2/L F1 × 100 with Google's rouge-score in the published recipe: its default tokenizer, no stemming,
the mean of per-segment F1 (rougeL = sentence-level LCS, not rougeLsum). This is the recipe of the BARThez
paper on OrangeSum (ROUGE-1 31.44 for BARThez's released outputs).

Beware: the default tokenizer keeps only ``[a-z0-9]`` after lowercasing, so accented letters vanish ("été" → "t",
"français" → "fran ais"). That undercounts French (and accented names in English); ``rouge_unicode`` is the same
computation with a tokenizer that keeps them. Report the published recipe when comparing with papers.
"""

from __future__ import annotations

from importlib.metadata import version

from eval.metrics import MetricScore

KEYS = ("rouge1", "rouge2", "rougeL")
TASKS = ("summarization",)
ROUGE_TYPES = ("rouge1", "rouge2", "rougeL")


def signature(tokenizer: str) -> str:
    return f"nrefs:1|tok:{tokenizer}|stem:no|f1:mean|scale:100|version:rouge-score-{version('rouge-score')}"


def segment_f1(hyps, refs, tokenizer=None) -> dict[str, list[float]]:
    """Per-segment F1 (0–1) for each ROUGE type, straight from ``RougeScorer.score(target, prediction)``."""
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=False, tokenizer=tokenizer)
    out: dict[str, list[float]] = {t: [] for t in ROUGE_TYPES}
    for hyp, ref in zip(hyps, refs):
        scores = scorer.score(ref, hyp)
        for t in ROUGE_TYPES:
            out[t].append(scores[t].fmeasure)
    return out


def aggregate(per_type: dict[str, list[float]], sig: str, suffix: str = "", segments: bool = False):
    result = {}
    for t, values in per_type.items():
        n = len(values)
        mean = 100.0 * sum(values) / n if n else 0.0
        key = t + suffix
        seg = [100.0 * v for v in values] if segments else None
        result[key] = MetricScore(key, mean, sig, seg, sig if segments else None)
    return result


def compute(hyps, refs, srcs=None, *, segments: bool = False) -> dict[str, MetricScore]:
    return aggregate(segment_f1(hyps, refs), signature("rouge-score-default"), "", segments)
