"""Split a sentence that is too long for the model at clause boundaries, so that nothing is ever truncated."""

from __future__ import annotations

import re
from typing import Callable

# Tried in order: the strongest boundary that yields pieces under the limit wins.
_BOUNDARIES = [
    re.compile(r"(?<=[;:])\s+"),
    re.compile(r"(?<=,)\s+"),
    re.compile(r"\s+(?=[—–-]\s)|(?<=\s[—–-])\s+"),
    re.compile(r"\s+"),
]


def split_long(sentence: str, count_tokens: Callable[[str], int], max_tokens: int) -> list[str]:
    """Pieces of ``sentence`` each within ``max_tokens`` (when any boundary allows it), in order.
    Joining the pieces with single spaces gives back the sentence (whitespace aside)."""
    if count_tokens(sentence) <= max_tokens:
        return [sentence]
    return _split(sentence, count_tokens, max_tokens, 0)


def _split(text: str, count: Callable[[str], int], limit: int, level: int) -> list[str]:
    if count(text) <= limit:
        return [text]
    if level >= len(_BOUNDARIES):
        return _split_chars(text, count, limit)
    pieces = [p for p in _BOUNDARIES[level].split(text) if p.strip()]
    if len(pieces) <= 1:
        return _split(text, count, limit, level + 1)
    # Greedily pack consecutive pieces up to the limit, then recurse on any piece still too long.
    packed: list[str] = []
    current = ""
    for piece in pieces:
        candidate = f"{current} {piece}" if current else piece
        if current and count(candidate) > limit:
            packed.append(current)
            current = piece
        else:
            current = candidate
    if current:
        packed.append(current)
    out: list[str] = []
    for chunk in packed:
        out.extend(_split(chunk, count, limit, level + 1) if count(chunk) > limit else [chunk])
    return out


def _split_chars(text: str, count: Callable[[str], int], limit: int) -> list[str]:
    """Last resort for a single 'word' longer than the limit (e.g. a URL or a run of symbols)."""
    out, start = [], 0
    step = max(1, len(text) // max(2, count(text) // max(limit, 1) + 1))
    while start < len(text):
        out.append(text[start : start + step])
        start += step
    return out
