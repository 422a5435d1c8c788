"""Length statistics in whitespace-separated words: mean hypothesis / reference / source length, the corpus
length ratio (Σ hyp words / Σ ref words) and, with sources, the compression (Σ src words / Σ hyp words)."""

from __future__ import annotations

from eval.metrics import MetricScore

KEYS = ("hyp_words", "ref_words", "len_ratio", "src_words", "compression")
TASKS = ("translation", "summarization")
SIGNATURE = "words:whitespace-split"


def words(text: str) -> int:
    return len(text.split())


def compute(hyps, refs, srcs=None, *, segments: bool = False) -> dict[str, MetricScore]:
    n = max(len(hyps), 1)
    h = [words(x) for x in hyps]
    r = [words(x) for x in refs]
    out = {
        "hyp_words": MetricScore("hyp_words", sum(h) / n, SIGNATURE, [float(x) for x in h] if segments else None),
        "ref_words": MetricScore("ref_words", sum(r) / n, SIGNATURE, [float(x) for x in r] if segments else None),
        "len_ratio": MetricScore(
            "len_ratio",
            sum(h) / sum(r) if sum(r) else 0.0,
            SIGNATURE,
            [x / y if y else 0.0 for x, y in zip(h, r)] if segments else None,
        ),
    }
    if srcs is not None:
        s = [words(x) for x in srcs]
        out["src_words"] = MetricScore("src_words", sum(s) / n, SIGNATURE, [float(x) for x in s] if segments else None)
        out["compression"] = MetricScore(
            "compression",
            sum(s) / sum(h) if sum(h) else 0.0,
            SIGNATURE,
            [y / x if x else 0.0 for x, y in zip(h, s)] if segments else None,
        )
    return out
