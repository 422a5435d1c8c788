"""Metrics, one module each (sacrebleu-style): every score carries a reproducibility signature.

A metric module exposes ``KEYS`` (the metric keys it produces), ``TASKS`` and
``compute(hyps, refs, srcs=None, *, segments=False) -> dict[str, MetricScore]``. Figures are the libraries' own
(sacrebleu, rouge-score); this package only calls them and records how they were called.

``compute_all(task, hyps, refs, srcs)`` runs the default metrics of a task; a metric that cannot run here (COMET
without its package or model) is reported in ``skipped`` with the reason instead of raising.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any, Literal

Task = Literal["translation", "summarization"]

# metric module name -> keys it produces (ordered as reported)
MODULES: dict[str, tuple[str, ...]] = {
    "bleu": ("bleu",),
    "chrf": ("chrf",),
    "ter": ("ter",),
    "comet": ("comet",),
    "rouge": ("rouge1", "rouge2", "rougeL"),
    "rouge_unicode": ("rouge1_unicode", "rouge2_unicode", "rougeL_unicode"),
    "length": ("hyp_words", "ref_words", "len_ratio", "src_words", "compression"),
}

DEFAULTS: dict[str, tuple[str, ...]] = {
    "translation": ("bleu", "chrf", "ter", "comet", "length"),
    "summarization": ("rouge", "rouge_unicode", "length"),
}

# Which direction is better, per key (used by compare / gate / worst-segment selection).
HIGHER_IS_BETTER: dict[str, bool] = {
    "bleu": True,
    "chrf": True,
    "ter": False,
    "comet": True,
    "rouge1": True,
    "rouge2": True,
    "rougeL": True,
    "rouge1_unicode": True,
    "rouge2_unicode": True,
    "rougeL_unicode": True,
}


class MetricUnavailable(RuntimeError):
    """The metric cannot run on this machine (missing package or model); the message says why and what to do."""


@dataclass
class MetricScore:
    key: str
    score: float
    signature: str
    segments: list[float] | None = None
    segment_signature: str | None = None
    details: dict[str, Any] = field(default_factory=dict)

    def as_dict(self, with_segments: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {"score": self.score, "signature": self.signature}
        if self.segment_signature:
            out["segment_signature"] = self.segment_signature
        if self.details:
            out["details"] = self.details
        if with_segments and self.segments is not None:
            out["segments"] = self.segments
        return out


@dataclass
class MetricReport:
    scores: dict[str, MetricScore] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)

    def values(self) -> dict[str, float]:
        return {k: v.score for k, v in self.scores.items()}

    def signatures(self) -> dict[str, str]:
        return {k: v.signature for k, v in self.scores.items()}


def module(name: str):
    if name not in MODULES:
        raise KeyError(f"unknown metric {name!r}; known: {', '.join(MODULES)}")
    return importlib.import_module(f"eval.metrics.{name}")


def compute_all(
    task: Task,
    hyps: list[str],
    refs: list[str],
    srcs: list[str] | None = None,
    *,
    metrics: list[str] | tuple[str, ...] | None = None,
    segments: bool = False,
) -> MetricReport:
    if len(hyps) != len(refs):
        raise ValueError(f"{len(hyps)} hypotheses but {len(refs)} references: files must be line-aligned")
    if srcs is not None and len(srcs) != len(hyps):
        raise ValueError(f"{len(srcs)} sources but {len(hyps)} hypotheses: files must be line-aligned")
    report = MetricReport()
    for name in metrics or DEFAULTS[task]:
        try:
            report.scores.update(module(name).compute(hyps, refs, srcs, segments=segments))
        except MetricUnavailable as exc:
            report.skipped[name] = str(exc)
    return report


def sacrebleu_score(key: str, corpus_metric, segment_metric, hyps, refs, *, segments: bool, details=None) -> "MetricScore":
    """A sacrebleu metric's corpus score (and, with ``segments``, each segment's score from ``segment_metric``),
    with the signatures of the metric objects that computed them. ``details(result)`` adds corpus statistics."""
    result = corpus_metric.corpus_score(hyps, [refs])
    seg = seg_sig = None
    if segments:
        seg = [segment_metric.sentence_score(h, [r]).score for h, r in zip(hyps, refs)]
        seg_sig = str(segment_metric.get_signature())
    return MetricScore(
        key, result.score, str(corpus_metric.get_signature()), seg, seg_sig, details=details(result) if details else {}
    )
