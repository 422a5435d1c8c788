"""Fit whole sentences into a preset's word limits — never cutting a sentence in half."""

from __future__ import annotations

import re
from typing import Callable

from service.result import Summary

from .presets import Preset

_CLAUSE = re.compile(r"(?<=[,;:])\s+|\s+(?=[—–]\s)")


def count_words(text: str) -> int:
    """Words as a reader counts them: tokenization artefacts (" ." " ," " 's") are not words."""
    from .candidates import clean

    return len(clean(text).split())


def fit_sentences(
    candidates: list[str],
    max_words: int,
    max_sentences: int | None = None,
    keep: Callable[[str, list[str]], bool] | None = None,
) -> list[str]:
    """Whole sentences, in the given order, skipping any that would break the word limit (or that ``keep``, given
    the sentence and those chosen so far, refuses)."""
    chosen: list[str] = []
    total = 0
    for sentence in candidates:
        n = count_words(sentence)
        if n == 0 or total + n > max_words:
            continue
        if keep is not None and not keep(sentence, chosen):
            continue
        chosen.append(sentence)
        total += n
        if max_sentences and len(chosen) >= max_sentences:
            break
    return chosen


def fit_paragraph(pool: list[str], lede: str | None, max_words: int, max_sentences: int | None = None) -> list[str]:
    """A paragraph: the lede (a sentence that stands alone) first, then the pool in order, within the limits. A
    sentence that leans on the one before it ("He says…", "The publications say they…") is kept only right after
    the sentence it followed in the pool — never where moving the lede up, or skipping a sentence too long for
    the limit, would leave it without its antecedent (or give it the wrong one)."""
    from .candidates import stands_alone

    ordered = [lede] + [s for s in pool if s != lede] if lede else list(pool)
    follows = {s: pool[i - 1] for i, s in enumerate(pool) if i > 0}

    def placed(sentence: str, chosen: list[str]) -> bool:
        return stands_alone(sentence) or bool(chosen) and chosen[-1] == follows.get(sentence)

    return fit_sentences(ordered, max_words, max_sentences, keep=placed)


def fit_items(candidates: list[str], max_words_each: int, items: int) -> list[str]:
    chosen: list[str] = []
    for sentence in candidates:
        if 0 < count_words(sentence) <= max_words_each and sentence not in chosen:
            chosen.append(sentence)
        if len(chosen) == items:
            break
    return chosen


def leading_clauses(sentence: str, max_words: int) -> str:
    """The longest run of whole leading clauses within ``max_words`` (trailing comma removed), or ''."""
    clauses = _CLAUSE.split(sentence)
    best = ""
    current = ""
    for clause in clauses:
        current = f"{current} {clause}" if current else clause
        if count_words(current) > max_words:
            break
        best = current
    return best.rstrip(" ,;:—–")


def make_summary(preset: Preset, parts: list[str], method: str, notes: list[str]) -> Summary:
    if preset.itemized:
        text = "\n".join(f"- {p}" for p in parts)
        words = sum(count_words(p) for p in parts)
    else:
        text = " ".join(parts)
        words = count_words(text)
    return Summary(
        preset=preset.name,
        text=text,
        items=parts,
        method=method,
        words=words,
        word_limit=preset.max_words,
        notes=notes,
    )


def select(preset: Preset, candidates: list[str]) -> list[str]:
    """Apply the preset's limits to candidate sentences (already in preferred order)."""
    if preset.itemized:
        return fit_items(candidates, preset.max_words, preset.items or 3)
    return fit_sentences(candidates, preset.max_words, preset.max_sentences)


def fit_lede(pool: list[str], max_words: int) -> str | None:
    """The first sentence of the pool that stands alone (no dangling pronoun or bare "The alliance") and fits."""
    from .candidates import stands_alone

    return next((s for s in pool if count_words(s) <= max_words and stands_alone(s)), None)


MIN_HEADLINE_WORDS = 6


def headline_from_lede(lede: str, max_words: int) -> str:
    """A one-line headline from a lede: its shortest run of leading clauses that says something (at least
    MIN_HEADLINE_WORDS words: "Liana Barrientos, 39, has been married 10 times"), within ``max_words``; no final
    full stop. '' when not even its first clause fits."""
    body = lede.strip().rstrip(".")
    clauses = _CLAUSE.split(body)
    current = ""
    for clause in clauses:
        current = f"{current} {clause}" if current else clause
        if count_words(current) > max_words:
            break
        if count_words(current) >= MIN_HEADLINE_WORDS:
            return current.rstrip(" ,;:—–")
    return leading_clauses(body, max_words)


def standalone_first(pool: list[str], lede: str | None = None) -> list[str]:
    """The pool with the lede first and sentences that stand alone before those that lean on a previous one
    ("He said…", "The alliance…"), each group in its original order."""
    from .candidates import stands_alone

    rest = [s for s in pool if s != lede]
    ordered = [s for s in rest if stands_alone(s)] + [s for s in rest if not stands_alone(s)]
    return ([lede] if lede else []) + ordered
