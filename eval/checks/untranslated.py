"""Untranslated spans: a run of ``min_run`` or more consecutive source words copied verbatim into the output.

Words are letter-only tokens compared in lower case (numbers and punctuation ignored, URLs removed first), so
"12.000", a date or a web address never counts, while a left-in French clause does. Runs that look like names or
titles — at least ``max_capitalized`` of their words capitalized in the output ("Ronald Reagan UCLA Medical
Center", "Search for Extraterrestrial Intelligence") — are legitimately copied and do not fail.
The value is the length, in words, of the longest copied run that is not name-like.
"""

from __future__ import annotations

import re

from eval.checks import CheckResult, Segment, register
from eval.checks._text import WORD_RE

URL_RE = re.compile(r"\b(?:https?://|www\.)\S+|\S+@\S+\.\w+")


def _words(text: str) -> list[str]:
    return WORD_RE.findall(URL_RE.sub(" ", text))


def common_runs(a: list[str], b: list[str], min_run: int) -> list[tuple[int, int]]:
    """Maximal common contiguous word runs of a and b (compared lowercased), as (length, start in b), ≥ min_run."""
    la, lb = [w.lower() for w in a], [w.lower() for w in b]
    prev = [0] * (len(lb) + 1)
    ends: dict[int, int] = {}  # end in b -> longest run ending there
    for i in range(1, len(la) + 1):
        cur = [0] * (len(lb) + 1)
        ai = la[i - 1]
        for j in range(1, len(lb) + 1):
            if ai == lb[j - 1]:
                cur[j] = prev[j - 1] + 1
                if cur[j] >= min_run and cur[j] > ends.get(j, 0):
                    ends[j] = cur[j]
        prev = cur
    runs = [(length, end - length) for end, length in ends.items()]
    # keep maximal runs: drop one contained in another
    runs.sort(key=lambda r: (-r[0], r[1]))
    kept: list[tuple[int, int]] = []
    for length, start in runs:
        if not any(s <= start and start + length <= s + l for l, s in kept):
            kept.append((length, start))
    return kept


def name_like(run: list[str], threshold: float) -> bool:
    caps = sum(1 for w in run if w[:1].isupper())
    return caps / len(run) >= threshold


@register(
    "untranslated",
    tasks=("translation",),
    description="no run of ≥ min_run source words copied verbatim (names and titles excepted)",
    defaults={"min_run": 5, "max_capitalized": 0.5},
)
def untranslated(seg: Segment, *, min_run: int = 5, max_capitalized: float = 0.5, **_: object) -> CheckResult:
    src, out = _words(seg.source), _words(seg.output)
    if not src or not out:
        return CheckResult("skip", detail="empty")
    worst = 0
    detail = ""
    for length, start in common_runs(src, out, min_run):
        run = out[start : start + length]
        if not name_like(run, max_capitalized) and length > worst:
            worst, detail = length, "copied: " + " ".join(run)
    if worst:
        return CheckResult("fail", float(worst), detail)
    return CheckResult("pass", 0.0)
