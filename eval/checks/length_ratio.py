"""Length ratio: output words / source words within a band.

Defaults [0.5, 2.0] for FR→EN translation: on newstest2013 the human references fall outside it on about 1%
of lines (mostly one-word headlines). Summarization suites set their own band.
"""

from __future__ import annotations

from eval.checks import CheckResult, Segment, register


@register(
    "length_ratio",
    tasks=("translation", "summarization"),
    description="output/source word ratio inside [low, high]",
    defaults={"low": 0.5, "high": 2.0},
)
def length_ratio(seg: Segment, *, low: float = 0.5, high: float = 2.0, **_: object) -> CheckResult:
    n_src = len(seg.source.split())
    if n_src == 0:
        return CheckResult("skip", detail="empty source")
    ratio = len(seg.output.split()) / n_src
    if ratio < low or ratio > high:
        return CheckResult("fail", round(ratio, 4), f"ratio {ratio:.2f} outside [{low}, {high}]")
    return CheckResult("pass", round(ratio, 4))
