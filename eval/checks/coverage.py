"""Coverage: no source sentence dropped.

With a pipeline Result, exact: every source sentence must have a non-empty translation. Otherwise (file outputs,
baselines) a proxy: the output must have at least as many sentences as the source, both split with the same
segmenter (a translator that merges two sentences into one is flagged too — rare, and worth a look).
"""

from __future__ import annotations

from eval.checks import CheckResult, Segment, register
from eval.checks._text import sentences


@register("coverage", tasks=("translation",), description="no dropped sentence (output vs source sentence count)")
def coverage(seg: Segment, **_: object) -> CheckResult:
    if seg.result is not None and hasattr(seg.result, "sentences"):
        sents = seg.result.sentences()
        empty = [s.index for s in sents if s.source.strip() and not s.translation.strip()]
        if empty:
            return CheckResult("fail", len(empty), f"{len(empty)} of {len(sents)} sentences untranslated")
        return CheckResult("pass", 0.0)
    if not seg.source.strip():
        return CheckResult("skip", detail="empty source")
    n_src = len(sentences(seg.source, seg.source_language))
    n_out = len(sentences(seg.output, seg.target_language)) if seg.output.strip() else 0
    if n_out < n_src:
        return CheckResult("fail", float(n_src - n_out), f"{n_out} output sentences for {n_src} source sentences")
    return CheckResult("pass", 0.0)
