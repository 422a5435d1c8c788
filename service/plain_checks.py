"""The checks of one Result as a reader reads them: one plain sentence per flag ("The English does not mention
'Jens Stoltenberg' (sentence 2)"), grouped by kind, without duplicates, sentences numbered from 1 across the whole
dispatch. Internal codes and the checker's own wording stay in ``Flag.code`` / ``Flag.detail`` (shown only behind
a details toggle, and in the JSON).

Glossary and keep-as-is terms are reported as such, also when the name checker flagged them; facts the checker
counts as kept are never shown next to a flag about the same fact (no "missing" and "kept" for one fact).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Iterable

from service.result import Issue, ModelUsed, Paragraph, Result

KINDS: dict[str, str] = {
    "name": "Names",
    "number": "Numbers",
    "date": "Dates",
    "money": "Amounts",
    "quote": "Quotations",
    "glossary": "Glossary terms",
    "keep": "Keep-as-is terms",
    "quality": "Translation quality",
    "other": "Other",
}
_NOUN = {"number": "the number", "date": "the date", "money": "the amount", "name": "", "quote": "the quotation"}
_STANDARD = re.compile(r"is (missing from the translation|not in the source)$")
_QUOTED = re.compile(r"'([^']*)'")


@dataclass(frozen=True)
class Flag:
    kind: str
    text: str
    """One plain sentence, ending with the sentence number when the flag has one."""
    key: str = ""
    """The side-by-side key "p-s" of its sentence ('' for the whole dispatch)."""
    number: int | None = None
    """Sentence number, from 1 across the dispatch."""
    code: str = ""
    detail: str = ""


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold().strip()


def sentence_numbers(paragraphs: Iterable[Paragraph]) -> dict[tuple[int, int], int]:
    """(paragraph, sentence) → its number from 1 in the dispatch (paragraphs in order)."""
    out: dict[tuple[int, int], int] = {}
    for p in sorted(paragraphs, key=lambda p: p.index):
        for s in p.sentences:
            out[(p.index, s.index)] = len(out) + 1
    return out


def glossary_terms(glossary: Any) -> dict[str, tuple[str, bool]]:
    """Folded French form (and, for keep-as-is terms, the term itself) → (English target, keep)."""
    out: dict[str, tuple[str, bool]] = {}
    for entry in getattr(glossary, "entries", None) or []:
        for form in entry.fr:
            out[fold(form)] = (entry.target, entry.keep)
        if entry.keep:
            out[fold(entry.target)] = (entry.target, True)
    return out


def _where(number: int | None) -> str:
    return f" (sentence {number})" if number else ""


def _glossary_flag(issue: dict, terms: dict[str, tuple[str, bool]], number: int | None) -> tuple[str, str]:
    detail = str(issue.get("detail", ""))
    quoted = _QUOTED.findall(detail)
    source = str(issue.get("source", ""))
    target, keep = terms.get(fold(source), (None, False))
    if target is None and quoted:
        # "'surface' should be translated as 'target'", "'target' (for 'source') is missing", "for 'src' → 'tgt'"
        if "should be translated as" in detail and len(quoted) >= 2:
            target = quoted[1]
        elif "(for" in detail and len(quoted) >= 2:
            target, source = quoted[0], quoted[1]
        elif "→" in detail:
            parts = re.findall(r"'([^']*)' → '([^']*)'", detail)
            if parts:
                source, target = parts[0]
        else:
            target = quoted[-1]
        keep = fold(target or "") == fold(source)
    target = target or source
    if keep or fold(target) == fold(source):  # a term the glossary maps to itself is a keep-as-is term
        return "keep", f"The English should keep '{target}' as it is{_where(number)}."
    return "glossary", f"The glossary translates '{source}' as '{target}'; the English does not use it{_where(number)}."


def fact_flag(issue: dict, number: int | None, terms: dict[str, tuple[str, bool]]) -> tuple[str, str]:
    """(kind, plain sentence) for one entry of ``Result.facts["translation"]``."""
    kind = str(issue.get("type", "other"))
    source = str(issue.get("source", ""))
    detail = str(issue.get("detail", ""))
    if detail.startswith("glossary:") or (kind == "name" and fold(source) in terms):
        return _glossary_flag(issue, terms, number)
    if issue.get("side") == "target":
        return kind, f"The English mentions '{source}', which the French does not{_where(number)}."
    if kind == "quote":
        if "quotation marks" in detail:
            return kind, f"The quotation “{source}” lost its quotation marks in the English{_where(number)}."
        speakers = _QUOTED.findall(detail)
        if "attributed" in detail and len(speakers) >= 2:
            return kind, (
                f"The English gives the quotation “{source}” to '{speakers[0]}', the French to "
                f"'{speakers[1]}'{_where(number)}."
            )
        return kind, f"The English does not carry the quotation “{source}”{_where(number)}."
    if kind == "name":
        return kind, f"The English does not mention '{source}'{_where(number)}."
    noun = "the duration" if detail.startswith("duration ") else _NOUN.get(kind, "")
    if _STANDARD.search(detail) or not detail:
        return kind, f"The English does not give {noun} '{source}'{_where(number)}.".replace("give  '", "give '")
    times = re.match(r"number (\S+) appears (\d+) times in the (\w+), (\d+) in the", detail)
    if times:
        value, n, _side, m = times.groups()
        return kind, f"The French gives '{source}' {n} times, the English {m} times{_where(number)}."
    return kind, f"Check {noun or 'the fact'} '{source}' in the English: {detail}{_where(number)}."


_QUALITY = {
    "translation.token_cap": "The English of this sentence may be cut short: it reached the length limit for one "
    "sentence",
    "degenerate.empty": "The English of this sentence is empty",
    "degenerate.copy": "The English of this sentence is a copy of the French",
    "degenerate.repetition": "The English of this sentence repeats itself",
    "degenerate.length_ratio": "The English of this sentence is much longer or shorter than the French",
}


def warning_flag(issue: Issue, number: int | None) -> tuple[str, str]:
    plain = _QUALITY.get(issue.code)
    if plain is None and issue.code.startswith("degenerate."):
        plain = "The English of this sentence looks wrong; compare it with the French"
    if plain is None:
        message = issue.message[:1].upper() + issue.message[1:]
        message = re.sub(r"\s*\(setting [A-Z_]+\)", "", message)
        return "other", f"{message.rstrip('.')}{_where(number)}."
    return "quality", f"{plain}{_where(number)}."


def result_flags(result: Result, glossary: Any = None) -> list[Flag]:
    """Every flag of ``result`` in dispatch order, duplicates removed."""
    return flags_for(result.paragraphs, result.warnings, result.facts, glossary)


def flags_for(paragraphs: list[Paragraph], warnings: Iterable[Issue], facts: dict | None, glossary: Any = None) -> list[Flag]:
    numbers = sentence_numbers(paragraphs)
    terms = glossary_terms(glossary)
    out: list[Flag] = []
    seen: set[tuple[str, str]] = set()

    def add(kind: str, text: str, p: int | None, s: int | None, code: str, detail: str) -> None:
        key = f"{p}-{s}" if p is not None and s is not None else ""
        if (key, text) in seen:
            return
        seen.add((key, text))
        out.append(Flag(kind, text, key, numbers.get((p, s)) if key else None, code, detail))

    for w in warnings:
        if w.severity == "info":
            continue
        number = numbers.get((w.paragraph, w.sentence)) if w.paragraph is not None else None
        kind, text = warning_flag(w, number)
        add(kind, text, w.paragraph, w.sentence, w.code, w.message)
    for issue in (facts or {}).get("translation") or []:
        p, s = issue.get("paragraph"), issue.get("sentence")
        kind, text = fact_flag(issue, numbers.get((p, s)), terms)
        add(kind, text, p, s, f"fact.{issue.get('type')}.{issue.get('side', 'source')}", str(issue.get("detail", "")))
    order = {k: i for i, k in enumerate(KINDS)}
    return sorted(out, key=lambda f: (f.number or 0, order.get(f.kind, 99)))


def kept_count(facts: dict | None) -> int:
    """Source facts the checker found in the English, not counting any a flag names (one fact, one verdict)."""
    if not facts:
        return 0
    flagged = {(i.get("paragraph"), i.get("sentence"), fold(str(i.get("source", "")))) for i in facts.get("translation") or []}
    flagged_anywhere = {fold(str(i.get("source", ""))) for i in facts.get("translation") or []}
    kept = {
        (f.get("paragraph"), f.get("sentence"), fold(str(f.get("source", ""))))
        for f in facts.get("found") or []
    }
    return len({k for k in kept if k not in flagged and k[2] not in flagged_anywhere})


def counts_by_kind(flags: Iterable[Flag]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for f in flags:
        counts[f.kind] = counts.get(f.kind, 0) + 1
    return {k: counts[k] for k in KINDS if k in counts}


def model_label(model: ModelUsed) -> str:
    """A model as the registry names it (id @ revision); a model loaded from a folder by its folder name only —
    never the server's path."""
    if model.hub_id:
        return f"{model.hub_id}@{(model.revision or 'main')[:12]}"
    name = model.name.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1] or "model"
    return f"local model {name} (not from the registry)"
