"""An editor's changes to a brief. The edited text is the editor's: it is not shortened, but it is checked — words
over a limit are noted and facts the source does not support are flagged again — and the generated sections are
kept alongside (``Brief.generated``) so the store holds both."""

from __future__ import annotations

from dataclasses import replace

from prompts import load_template
from service.errors import InputError
from service.result import Brief, BriefSection
from service.summarize.fit import count_words

from .facts import Checker, check_brief


def apply_edits(brief: Brief, edits: dict[str, str | list[str]], source_en: str, checker: Checker | None = None) -> Brief:
    """A new Brief with ``edits`` (section key → text, or list of items; a list section also takes text with one
    item per line) applied. Unknown section keys raise ``InputError``."""
    template = load_template(brief.template.name, brief.template.version)
    if template.content_hash != brief.template.hash:
        raise InputError(
            f"template {brief.template.name} v{brief.template.version} changed since this brief was written "
            f"(hash {brief.template.hash}, now {template.content_hash})",
            code="template_changed",
        )
    known = {s.key for s in brief.sections} or {s.key for s in template.sections}
    unknown = sorted(set(edits) - known)
    if unknown:
        raise InputError(f"unknown brief section(s) {', '.join(unknown)}; sections: {', '.join(sorted(known))}")
    sections: list[BriefSection] = []
    notes: list[str] = []
    for section in brief.sections:
        new = section.model_copy(deep=True)
        if section.key in edits:
            new.items = _items(edits[section.key], section.kind)
        for i, item in enumerate(new.items):
            words = count_words(item)
            if words > new.word_limit:
                where = f"{new.title} {i + 1}" if new.kind == "list" else new.title
                notes.append(f"{where}: {words} words, over the {new.word_limit}-word limit")
        if len(new.items) > new.max_items:
            notes.append(f"{new.title}: {len(new.items)} items, over the limit of {new.max_items}")
        sections.append(new)
    total = sum(s.words for s in sections)
    if template.max_words and total > template.max_words:
        notes.append(f"the brief is {total} words, over its {template.max_words}-word limit")
    flags, fact_notes = check_brief(source_en, sections, template, checker)
    changed = [s.items for s in sections] != [s.items for s in brief.sections]
    return brief.model_copy(
        update={
            "sections": sections,
            "flags": flags,
            "notes": notes + fact_notes,
            "edited": brief.edited or changed,
            "generated": brief.generated if brief.generated is not None else (brief.sections if changed else None),
        },
        deep=True,
    )


def _items(value: str | list[str], kind: str) -> list[str]:
    if isinstance(value, str):
        value = value.split("\n") if kind == "list" else [value]
    items = [" ".join(str(v).split()) for v in value]
    if kind == "list":
        items = [i.lstrip("-*• ").strip() for i in items]
    return [i for i in items if i]


def to_labelled(brief: Brief) -> str:
    """The brief as the labelled lines the model writes (``HEADLINE: …``, one ``BULLET: …`` per point): the
    editable form of a brief in the app. ``from_labelled`` reads it back."""
    template = load_template(brief.template.name, brief.template.version)
    labels = {s.key: s.label for s in template.sections}
    lines = []
    for section in brief.sections:
        for item in section.items or [""]:
            lines.append(f"{labels.get(section.key, section.key.upper())}: {item}".rstrip())
    return "\n".join(lines)


def from_labelled(text: str, brief: Brief) -> dict[str, list[str]]:
    """Section edits from labelled lines (the same lenient reader as the model's answers). A section whose lines
    were removed becomes empty. Raises ``InputError`` when no labelled line is left."""
    from .parse import ParseError, parse_output

    template = load_template(brief.template.name, brief.template.version)
    relaxed = replace(template, sections=tuple(replace(s, required=False) for s in template.sections))
    try:
        parsed = parse_output(text, relaxed)
    except ParseError as exc:
        raise InputError(f"the edited brief could not be read: {exc.reason}", code="unreadable_edit") from None
    return parsed.values
