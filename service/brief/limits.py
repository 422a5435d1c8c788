"""Word limits of a template, enforced without cutting a sentence in half (service/summarize/fit.py): an item over
its limit keeps its leading whole sentences that fit; a one-sentence item keeps its leading whole clauses, except
verbatim sections (quotations), which are never shortened below a sentence. An item that cannot fit is dropped. A
list keeps at most ``max_items`` items; the whole brief is then fitted to the template's total limit by dropping
list items from the end, never below a list's minimum."""

from __future__ import annotations

from typing import Callable

from prompts import PromptTemplate, Section
from service.result import BriefSection
from service.summarize.fit import count_words, leading_clauses

Splitter = Callable[[str], list[str]]


def english_sentences(text: str) -> list[str]:
    from service.text.segment import split_sentences

    return [s.text for s in split_sentences(text, "en")] or [text]


def fit_item(text: str, section: Section, split: Splitter) -> tuple[str, str | None]:
    """The item within ``section.max_words`` and a note when it had to change ('' when nothing fits)."""
    text = " ".join(text.split())
    words = count_words(text)
    if words <= section.max_words:
        return text, None
    sentences = split(text)
    lead: list[str] = []
    total = 0
    if len(sentences) > 1:
        # Leading whole sentences only: a later sentence is never kept without the ones before it.
        for sentence in sentences:
            total += count_words(sentence)
            if total > section.max_words:
                break
            lead.append(sentence)
    if lead:
        short = " ".join(lead)
        return short, f"{section.title}: {words} words, over the {section.max_words}-word limit: kept its first {len(lead)} whole sentence(s)"
    if not section.verbatim:
        clause = leading_clauses(sentences[0], section.max_words)
        if clause:
            return clause, f"{section.title}: {words} words, over the {section.max_words}-word limit: kept its leading clauses"
    return "", f"{section.title}: {words} words, over the {section.max_words}-word limit, and no whole sentence{'' if section.verbatim else ' or clause'} fits: dropped"


def enforce(
    values: dict[str, list[str]], template: PromptTemplate, split: Splitter = english_sentences
) -> tuple[list[BriefSection], list[str]]:
    """Sections within every limit of ``template``, and notes saying what was shortened or dropped."""
    notes: list[str] = []
    sections: list[BriefSection] = []
    for section in template.sections:
        items: list[str] = []
        for raw in values.get(section.key, []):
            fitted, note = fit_item(raw, section, split)
            if note:
                notes.append(note)
            if fitted:
                items.append(fitted)
        if len(items) > section.max_items:
            notes.append(f"{section.title}: {len(items)} given, the limit is {section.max_items}: kept the first {section.max_items}")
            items = items[: section.max_items]
        sections.append(
            BriefSection(
                key=section.key,
                title=section.title,
                kind=section.kind,
                items=items,
                word_limit=section.max_words,
                max_items=section.max_items,
            )
        )
    if template.max_words:
        total = sum(s.words for s in sections)
        if total > template.max_words:
            for brief_section, section in reversed(list(zip(sections, template.sections))):
                while section.kind == "list" and len(brief_section.items) > section.min_items and total > template.max_words:
                    total -= count_words(brief_section.items.pop())
            # Templates guarantee that the sections at their minimum sizes fit the total (prompts checks it).
            notes.append(f"the brief was over its {template.max_words}-word limit: dropped the last points")
    for brief_section, section in zip(sections, template.sections):
        if section.kind == "list" and len(brief_section.items) < section.min_items:
            notes.append(f"{section.title}: {len(brief_section.items)} of at least {section.min_items} items")
        elif section.required and not brief_section.items:
            notes.append(f"{section.title}: missing")
    return sections, notes
