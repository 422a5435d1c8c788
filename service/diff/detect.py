"""Is a pasted dispatch an update of one already translated? Same dateline place and a high share of the earlier
version's sentences kept (reworded ones count by word similarity), or a very high share alone."""

from __future__ import annotations

from dataclasses import dataclass

from service.text.dateline import split_dateline
from service.text.segment import segment

from .align import similarity, words

KEPT = 0.8
"""A previous sentence counts as kept when a current one is at least this similar (word level)."""
WITH_DATELINE = 0.4
"""Share of kept sentences that makes an update when the dateline place is the same..."""
WITHOUT_DATELINE = 0.6
"""...and when it is not (or there is none)."""


@dataclass
class Candidate:
    id: str
    text: str
    label: str = ""


@dataclass
class UpdateMatch:
    id: str
    label: str
    kept: float
    """Share of the earlier version's sentences found again."""
    same_dateline: bool

    def describe(self) -> str:
        why = "same dateline, " if self.same_dateline else ""
        return f"{why}{round(100 * self.kept)} % of its sentences kept"


def dateline_place(text: str) -> str | None:
    first = text.strip().split("\n", 1)[0]
    found = split_dateline(first)
    if found is None:
        return None
    head = found[0]
    return " ".join(head.split(",")[0].split("(")[0].strip(" :-–—").split()).upper() or None


def kept_share(previous: str, current: str) -> float:
    old = [words(s.text) for p in segment(previous, "fr") for s in p if s.kind == "sentence"]
    new = [words(s.text) for p in segment(current, "fr") for s in p if s.kind == "sentence"]
    if not old or not new:
        return 0.0
    kept = sum(any(similarity(o, n) >= KEPT for n in new) for o in old)
    return kept / len(old)


def find_previous_version(text: str, candidates: list[Candidate]) -> UpdateMatch | None:
    """The candidate ``text`` most likely updates, or None. An identical text is a re-send, not an update."""
    place = dateline_place(text)
    best: UpdateMatch | None = None
    normalized = " ".join(text.split())
    for c in candidates:
        if " ".join(c.text.split()) == normalized:
            continue
        same = place is not None and dateline_place(c.text) == place
        share = kept_share(c.text, text)
        if share >= (WITH_DATELINE if same else WITHOUT_DATELINE) and (best is None or share > best.kept):
            best = UpdateMatch(id=c.id, label=c.label, kept=share, same_dateline=same)
    return best
