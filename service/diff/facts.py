"""Fact changes between two versions: numbers, dates, amounts, names and quotations (``service.facts``
extractors) that appear, disappear or differ.

Within an aligned pair of sentences, a fact present on one side only is paired with one of the same type on the
other side (``changed``: 12 → 17, mardi → mercredi); the rest are ``added`` / ``removed``. In an added sentence,
a fact counts only when the previous version had it nowhere (a toll already given elsewhere is not news); the same
for a removed sentence against the current version.
"""

from __future__ import annotations

from collections import Counter

from rapidfuzz.distance import Indel

from service.facts import Fact, extract_facts

from .model import FactChange, SentenceRef

TYPE_NAMES = {"number": "number", "date": "date", "money": "amount", "name": "name", "quote": "quotation"}
TYPE_ORDER = {"number": 0, "money": 1, "date": 2, "name": 3, "quote": 4}
CHANGE_ORDER = {"changed": 0, "added": 1, "removed": 2}
MINOR_CHARS = 3
"""An edit of at most this many characters (or 3 % of the text, if more) and no fact changed is minor."""


def facts_of(text: str) -> list[Fact]:
    """The firm facts of a French text: approximate number words ("un", "deux", idioms) are left out, they are
    rewording more often than news."""
    facts = [f for f in extract_facts(text, "fr")
             if not (f.type == "number" and (f.soft or f.data.get("kind") == "idiom"))]
    return _join_names(text, facts)


def _join_names(text: str, facts: list[Fact]) -> list[Fact]:
    """Adjacent names separated by a space are one name ("Marie" + "Tremblay" → "Marie Tremblay"): a first
    name the extractor reads as a separate word must not make a new speaker two changes."""
    out: list[Fact] = []
    for f in facts:
        last = out[-1] if out else None
        if (last is not None and f.type == last.type == "name" and text[last.end : f.start].strip() == ""
                and f.start > last.end):
            joined = text[last.start : f.end]
            out[-1] = last.model_copy(update={"text": joined, "value": " ".join(joined.split()), "end": f.end})
        else:
            out.append(f)
    return out


def identity(fact: Fact) -> tuple[str, str]:
    if fact.type == "quote":
        return ("quote", " ".join(fact.value.lower().split()))
    return (fact.type, fact.value)


def pair_changes(
    previous: list[SentenceRef],
    current: list[SentenceRef],
    previous_document: set[tuple[str, str]] = frozenset(),
    current_document: set[tuple[str, str]] = frozenset(),
) -> list[FactChange]:
    """Fact changes inside one aligned unit (either side may be empty). A name dropped from the sentence but
    still given elsewhere in the current version (or added here but given elsewhere before) is no change: names
    recur through a dispatch. Numbers, dates, amounts and quotations are always reported."""
    old = facts_of(" ".join(r.source for r in previous)) if previous else []
    new = facts_of(" ".join(r.source for r in current)) if current else []
    old_left = _minus(old, new)
    new_left = _minus(new, old)
    _drop_retouched_quotes(old_left, new_left)
    out: list[FactChange] = []
    for fact in old_left[:]:
        match = next((f for f in new_left if f.type == fact.type), None)
        if match is None:
            continue
        old_left.remove(fact)
        new_left.remove(match)
        out.append(_change("changed", fact.type, fact.text, match.text, previous, current))
    out += [_change("removed", f.type, f.text, None, previous, current) for f in old_left
            if not (f.type == "name" and identity(f) in current_document)]
    out += [_change("added", f.type, None, f.text, previous, current) for f in new_left
            if not (f.type == "name" and identity(f) in previous_document)]
    return out


def document_facts(text: str) -> set[tuple[str, str]]:
    return {identity(f) for f in facts_of(text)}


def unpaired_changes(
    refs: list[SentenceRef], other_document: set[tuple[str, str]], added: bool
) -> list[FactChange]:
    """Facts of an added (or removed) sentence that the other version has nowhere."""
    facts = facts_of(" ".join(r.source for r in refs))
    out = []
    seen: set[tuple[str, str]] = set()
    for f in facts:
        key = identity(f)
        if key in other_document or key in seen:
            continue
        seen.add(key)
        if added:
            out.append(_change("added", f.type, None, f.text, [], refs))
        else:
            out.append(_change("removed", f.type, f.text, None, refs, []))
    return out


def _drop_retouched_quotes(old: list[Fact], new: list[Fact]) -> None:
    """A quotation whose wording moved by a typo's worth of characters is the same quotation."""
    for fact in [f for f in old if f.type == "quote"]:
        match = next((f for f in new if f.type == "quote" and small_edit(fact.value, f.value)), None)
        if match is not None:
            old.remove(fact)
            new.remove(match)


def small_edit(a: str, b: str) -> bool:
    """At most ``MINOR_CHARS`` characters (or 3 % of the text, if more) differ."""
    return Indel.distance(a, b) <= max(MINOR_CHARS, int(0.03 * max(len(a), len(b))))


def _minus(a: list[Fact], b: list[Fact]) -> list[Fact]:
    """Facts of ``a`` not in ``b`` (as multisets of identities), in ``a``'s order."""
    budget = Counter(identity(f) for f in b)
    out = []
    for f in a:
        key = identity(f)
        if budget[key] > 0:
            budget[key] -= 1
        else:
            out.append(f)
    return out


def _change(kind, type_, before, after, previous, current) -> FactChange:
    name = TYPE_NAMES.get(type_, type_)
    if kind == "changed":
        detail = f"{name} changed: {_short(before)} → {_short(after)}"
    elif kind == "added":
        detail = f"new {name}: {_short(after)}"
    else:
        detail = f"{name} no longer given: {_short(before)}"
    return FactChange(
        type=type_, change=kind, previous=before, current=after, detail=detail,
        previous_sentences=list(previous), current_sentences=list(current),
    )


def _short(text: str | None, limit: int = 80) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def sort_changes(changes: list[FactChange]) -> list[FactChange]:
    def position(c: FactChange) -> int:
        refs = c.current_sentences or c.previous_sentences
        return refs[0].index if refs else 0

    return sorted(changes, key=lambda c: (CHANGE_ORDER[c.change], position(c), TYPE_ORDER.get(c.type, 9)))
