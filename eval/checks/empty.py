"""Empty output: a segment whose output has no word at all (a summarizer that found nothing to say, a dropped
translation)."""

from __future__ import annotations

from eval.checks import CheckResult, Segment, register


@register("empty", tasks=("translation", "summarization"), description="the output is not empty")
def empty(seg: Segment, **_: object) -> CheckResult:
    if not seg.source.strip():
        return CheckResult("skip", detail="empty source")
    if not seg.output.split():
        return CheckResult("fail", 1.0, "empty output")
    return CheckResult("pass", 0.0)
