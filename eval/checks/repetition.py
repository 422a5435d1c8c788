"""Repetition: an n-gram loop ("of the of the of the", "no no no no") that the source does not have.

For n = 1..max_n, the longest run of the same n-gram repeated back to back; a loop is ``min_repeats``
consecutive copies (``min_repeats_unigram`` for single words). Loops already in the source ("très, très, très")
are not the system's fault and do not fail.
"""

from __future__ import annotations

from eval.checks import CheckResult, Segment, register
from eval.checks._text import tokens


def longest_loop(toks: list[str], max_n: int = 6) -> tuple[int, int, int]:
    """(repeats, n, start) of the longest back-to-back repetition, measured in repeats of an n-gram."""
    best = (1, 1, 0)
    length = len(toks)
    for n in range(1, max_n + 1):
        i = 0
        while i + 2 * n <= length:
            reps = 1
            while i + (reps + 1) * n <= length and toks[i + reps * n : i + (reps + 1) * n] == toks[i : i + n]:
                reps += 1
            if reps > 1 and reps * n > best[0] * best[1]:
                best = (reps, n, i)
            i += max(1, (reps - 1) * n) if reps > 1 else 1
    return best


@register(
    "repetition",
    tasks=("translation", "summarization"),
    description="no repeated n-gram loop (n ≤ max_n) that the source lacks",
    defaults={"max_n": 6, "min_repeats": 3, "min_repeats_unigram": 4},
)
def repetition(
    seg: Segment, *, max_n: int = 6, min_repeats: int = 3, min_repeats_unigram: int = 4, **_: object
) -> CheckResult:
    out = tokens(seg.output)
    reps, n, start = longest_loop(out, max_n)
    need = min_repeats_unigram if n == 1 else min_repeats
    if reps >= need:
        src_reps, src_n, _ = longest_loop(tokens(seg.source), max_n)
        if src_reps >= reps and src_n == n:
            return CheckResult("pass", float(reps), "loop also in the source")
        span = " ".join(out[start : start + n])
        return CheckResult("fail", float(reps), f"'{span}' × {reps}")
    return CheckResult("pass", float(reps))
