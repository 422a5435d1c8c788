"""Sentence alignment between two versions of a text: similarity-based, not line equality.

1. Anchors: every pair, and every run of up to ``MAX_GROUP`` consecutive sentences of one side against one
   sentence of the other (a merge or a split), is scored by word-level similarity (rapidfuzz Indel on word
   tokens); the best-scoring links are taken greedily, each sentence in at most one link, above ``threshold``.
   A longer merge or split grows from its best run: an unaligned neighbour joins while the score rises.
2. Quotations: anywhere, two leftovers quoting the same named speaker are one quotation replaced (the caller
   passes hints: 'speaker:<name>' and 'quote').
3. Gaps: sentences still unaligned between the same two in-order anchors (a reworded sentence in place, a quote
   replaced under a pronoun) are paired when they score above ``gap_threshold`` or share a hint.
4. Order: the longest run of links in the same order on both sides stays in place; every other link is
   ``moved`` (a reordered paragraph).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from rapidfuzz.distance import Indel

MAX_GROUP = 3
THRESHOLD = 0.5
GAP_THRESHOLD = 0.3

_WORD = re.compile(r"\w+(?:[.,]\d+)*", re.UNICODE)


@dataclass(frozen=True)
class Link:
    """Sentences ``old`` (indices) of the previous version aligned with ``new`` of the current one."""

    old: tuple[int, ...]
    new: tuple[int, ...]
    score: float
    identical: bool = False
    moved: bool = False


@dataclass
class Alignment:
    links: list[Link]
    added: list[int] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)


def words(text: str) -> list[str]:
    """Lower-cased, accent-kept word tokens; numbers keep their separators (``12.000``, ``3,5``)."""
    text = unicodedata.normalize("NFC", text).replace("’", "'").lower()
    return _WORD.findall(text)


def similarity(a: list[str], b: list[str]) -> float:
    return Indel.normalized_similarity(a, b)


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def align(
    old: list[str],
    new: list[str],
    *,
    threshold: float = THRESHOLD,
    gap_threshold: float = GAP_THRESHOLD,
    max_group: int = MAX_GROUP,
    hints_old: list[set[str]] | None = None,
    hints_new: list[set[str]] | None = None,
) -> Alignment:
    """Align the sentences ``old`` (previous version) with ``new`` (current version)."""
    tok_old, tok_new = [words(s) for s in old], [words(s) for s in new]
    candidates: list[tuple[float, int, tuple[int, ...], tuple[int, ...]]] = []
    for i in range(len(old)):
        for j in range(len(new)):
            candidates.append((similarity(tok_old[i], tok_new[j]), 1, (i,), (j,)))
    for size in range(2, max_group + 1):
        for start in range(len(old) - size + 1):
            run = tuple(range(start, start + size))
            joined = [w for i in run for w in tok_old[i]]
            for j in range(len(new)):
                candidates.append((similarity(joined, tok_new[j]), size, run, (j,)))
        for start in range(len(new) - size + 1):
            run = tuple(range(start, start + size))
            joined = [w for j in run for w in tok_new[j]]
            for i in range(len(old)):
                candidates.append((similarity(tok_old[i], joined), size, (i,), run))
    # Best score first; at equal score the smaller group, then document order.
    candidates.sort(key=lambda c: (-c[0], c[1], c[3], c[2]))
    used_old: set[int] = set()
    used_new: set[int] = set()
    links: list[Link] = []
    for score, _size, o, n in candidates:
        if score < threshold:
            break
        if used_old.intersection(o) or used_new.intersection(n):
            continue
        links.append(Link(o, n, score))
        used_old.update(o)
        used_new.update(n)

    links = _extend_groups(links, tok_old, tok_new, used_old, used_new)
    links += _same_speaker(tok_old, tok_new, used_old, used_new, hints_old, hints_new)
    links += _fill_gaps(links, tok_old, tok_new, used_old, used_new, gap_threshold, hints_old, hints_new)
    links = _mark_order(links, old, new)
    added = [j for j in range(len(new)) if j not in used_new]
    removed = [i for i in range(len(old)) if i not in used_old]
    return Alignment(links=sorted(links, key=lambda l: (l.new[0], l.old[0])), added=added, removed=removed)


def _in_order(links: list[Link]) -> set[int]:
    """Indices (into ``links``) of a longest chain increasing on both sides (O(n²), n = sentences)."""
    order = sorted(range(len(links)), key=lambda k: links[k].new[0])
    best: list[int] = [1] * len(order)
    back: list[int] = [-1] * len(order)
    for a in range(len(order)):
        for b in range(a):
            if links[order[b]].old[-1] < links[order[a]].old[0] and best[b] + 1 > best[a]:
                best[a], back[a] = best[b] + 1, b
    if not order:
        return set()
    k = max(range(len(order)), key=lambda x: (best[x], -x))
    chain = set()
    while k != -1:
        chain.add(order[k])
        k = back[k]
    return chain


def _fill_gaps(links, tok_old, tok_new, used_old, used_new, gap_threshold, hints_old, hints_new) -> list[Link]:
    """Pair unaligned sentences that sit between the same two in-order anchors."""
    chain = sorted((links[k] for k in _in_order(links)), key=lambda l: l.new[0])
    bounds = [(-1, -1)] + [(l.old[-1], l.new[-1]) for l in chain] + [(len(tok_old), len(tok_new))]
    starts = [(-1, -1)] + [(l.old[0], l.new[0]) for l in chain] + [(len(tok_old), len(tok_new))]
    extra: list[Link] = []
    for k in range(len(bounds) - 1):
        lo_old, lo_new = bounds[k]
        hi_old, hi_new = starts[k + 1]
        olds = [i for i in range(lo_old + 1, hi_old) if i not in used_old]
        news = [j for j in range(lo_new + 1, hi_new) if j not in used_new]
        scored = []
        for i in olds:
            for j in news:
                score = similarity(tok_old[i], tok_new[j])
                shared = len(hints_old[i] & hints_new[j]) if hints_old and hints_new else 0
                if score >= gap_threshold or shared:
                    scored.append((shared, score, i, j))
        for shared, score, i, j in sorted(scored, key=lambda s: (-s[0], -s[1], s[3], s[2])):
            if i in used_old or j in used_new:
                continue
            extra.append(Link((i,), (j,), score))
            used_old.add(i)
            used_new.add(j)
    return extra


def _extend_groups(links, tok_old, tok_new, used_old, used_new) -> list[Link]:
    """A merge or split of more than ``max_group`` sentences: an unaligned neighbour of a many-to-one link joins
    it while the joined text scores higher."""
    out = []
    for link in links:
        grown = True
        while grown:
            grown = False
            for side, used, tok in (("old", used_old, tok_old), ("new", used_new, tok_new)):
                run = getattr(link, side)
                other = link.new if side == "old" else link.old
                if len(other) != 1:
                    continue
                for k in (run[0] - 1, run[-1] + 1):
                    if 0 <= k < len(tok) and k not in used:
                        bigger = tuple(sorted((*run, k)))
                        joined = [w for i in bigger for w in tok[i]]
                        fixed = (tok_new if side == "old" else tok_old)[other[0]]
                        score = similarity(joined, fixed)
                        if score > link.score:
                            link = Link(bigger, link.new, score) if side == "old" else Link(link.old, bigger, score)
                            used.add(k)
                            grown = True
                            break
                if grown:
                    break
        out.append(link)
    return out


def _same_speaker(tok_old, tok_new, used_old, used_new, hints_old, hints_new) -> list[Link]:
    """Anywhere in the text, a quotation left unaligned on both sides under the same named speaker is one
    quotation replaced (in place or moved)."""
    if not hints_old or not hints_new:
        return []
    extra = []
    for i in range(len(tok_old)):
        if i in used_old:
            continue
        named = {h for h in hints_old[i] if h.startswith("speaker:")}
        j = next((j for j in range(len(tok_new)) if j not in used_new and named & hints_new[j]), None)
        if j is not None:
            extra.append(Link((i,), (j,), similarity(tok_old[i], tok_new[j])))
            used_old.add(i)
            used_new.add(j)
    return extra


def _mark_order(links: list[Link], old: list[str], new: list[str]) -> list[Link]:
    chain = _in_order(links)
    out = []
    for k, link in enumerate(links):
        identical = _same_text(" ".join(old[i] for i in link.old), " ".join(new[j] for j in link.new))
        out.append(Link(link.old, link.new, link.score, identical=identical, moved=k not in chain))
    return out
