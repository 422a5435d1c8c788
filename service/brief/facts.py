"""Facts in a brief that the source does not support, flagged per section and item for the editor.

The checker is service/facts' ``check_summary(source_en, summary_en) -> list[FactIssue]`` (numbers, dates, money,
names, quotations) when that package is installed; until then a small built-in check covers numbers and capitalized
names, and the notes say so. Quotation sections (``verbatim``) are always checked word for word against the
source, since a brief strips the quotation marks that a summary checker would look for.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Callable, Iterable

from prompts import PromptTemplate
from service.result import BriefSection, FactFlag

Checker = Callable[[str, str], list[Any]]

BUILTIN_NOTE = "fact checks: service/facts is not installed here; only numbers and capitalized names were checked"


def external_checker() -> Checker | None:
    """service/facts' summary checker, when importable."""
    for module in ("service.facts", "service.facts.match"):
        try:
            mod = __import__(module, fromlist=["check_summary"])
        except ImportError:
            continue
        check = getattr(mod, "check_summary", None)
        if callable(check):
            return check
    return None


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[’‘`´]", "'", text)
    return text.casefold()


_NUMBER = re.compile(r"\d+(?:[.,\u00a0\u202f ]\d{3})+(?![\d])|\d+(?:[.,]\d+)?")
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)


def _number_value(raw: str) -> str:
    raw = raw.replace("\u00a0", " ").replace("\u202f", " ")
    if re.fullmatch(r"\d{1,3}(?:[., ]\d{3})+", raw):
        return re.sub(r"[., ]", "", raw)
    return raw.replace(",", ".").rstrip("0").rstrip(".") if "." in raw.replace(",", ".") else raw


def numbers(text: str) -> list[tuple[str, str]]:
    return [(m.group(0), _number_value(m.group(0))) for m in _NUMBER.finditer(text)]


def builtin_check(source: str, text: str) -> list[FactFlag]:
    """Numbers whose value is not in the source; capitalized words (not starting a sentence) absent from it."""
    flags: list[FactFlag] = []
    have = {value for _, value in numbers(source)}
    for raw, value in numbers(text):
        if value not in have:
            flags.append(FactFlag(section="", type="number", text=raw, detail=f"number {raw} is not in the source"))
    source_words = {fold(w) for w in _WORD.findall(source)}
    for sentence in re.split(r"(?<=[.!?:;])\s+", text.strip()):
        for i, match in enumerate(_WORD.finditer(sentence)):
            word = match.group(0)
            if i == 0 or not word[0].isupper() or len(word) < 2:
                continue
            if fold(word) not in source_words and fold(word.rstrip("'’s")) not in source_words:
                flags.append(FactFlag(section="", type="name", text=word, detail=f"name '{word}' is not in the source"))
    return _dedupe(flags)


def verbatim_issue(source: str, quote: str) -> str | None:
    """None when ``quote`` appears word for word in ``source`` (case, accents and punctuation aside)."""
    words = lambda s: re.findall(r"\w+", fold(s))  # noqa: E731
    needle, hay = " ".join(words(quote)), " ".join(words(source))
    if not needle or f" {needle} " in f" {hay} ":
        return None
    return "this quotation is not word for word in the source"


def _dedupe(flags: Iterable[FactFlag]) -> list[FactFlag]:
    seen: set[tuple] = set()
    out = []
    for f in flags:
        key = (f.section, f.item, f.type, f.text)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def check_brief(
    source_en: str, sections: list[BriefSection], template: PromptTemplate, checker: Checker | None = None
) -> tuple[list[FactFlag], list[str]]:
    """Flags for every item of every section, and notes on how the check ran."""
    checker = checker if checker is not None else external_checker()
    notes = [] if checker else [BUILTIN_NOTE]
    flags: list[FactFlag] = []
    for section in sections:
        try:
            verbatim = template.section(section.key).verbatim
        except KeyError:
            verbatim = False
        for index, item in enumerate(section.items):
            if verbatim:
                problem = verbatim_issue(source_en, item)
                if problem:
                    flags.append(FactFlag(section=section.key, item=index, type="quote", text=item, detail=problem))
            if checker is None:
                found = builtin_check(source_en, item)
            else:
                found = [
                    FactFlag(section="", type=str(i.type), text=str(i.source), detail=str(i.detail))
                    for i in checker(source_en, item)
                    if getattr(i, "side", "target") == "target"
                ]
            for flag in found:
                flags.append(flag.model_copy(update={"section": section.key, "item": index}))
    return _dedupe(flags), notes
