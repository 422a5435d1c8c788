"""The model's answer → the template's sections. The format is labelled lines (``HEADLINE: …``, one ``BULLET: …``
per point): simple enough for a small model, and tolerant of the usual decorations (bullets, numbering, Markdown
bold, a label repeated with a number). A line without a known label continues the field above it; text before the
first label is ignored. An answer with no usable required field raises ``ParseError`` with the reason, which the
retry message quotes back to the model."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from prompts import PromptTemplate

_LINE = re.compile(
    r"^\s*(?:[-*•>]\s*|\d+[.)]\s*|#+\s*)?\**\s*(?P<label>[A-Za-z][A-Za-z ]{0,30}?)\s*\d*\s*\**\s*[:：]\s*\**\s*(?P<value>.*?)\s*$"
)
_QUOTES = "\"'“”«»‘’„"
_PLACEHOLDER = re.compile(r"^<[^<>]{3,}>$")


class ParseError(ValueError):
    """The answer does not follow the format; ``reason`` says how, in words the retry message can use."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass
class Parsed:
    values: dict[str, list[str]]
    notes: list[str] = field(default_factory=list)


def _clean(value: str, verbatim: bool) -> str:
    value = value.strip().strip("*").strip()
    if verbatim and len(value) >= 2 and value[0] in _QUOTES and value[-1] in _QUOTES:
        value = value[1:-1].strip()
    return value


def parse_output(text: str, template: PromptTemplate) -> Parsed:
    by_label = {s.label: s for s in template.sections}
    values: dict[str, list[str]] = {s.key: [] for s in template.sections}
    notes: list[str] = []
    current = None  # (section, index of the item being written)
    preamble = 0
    duplicates: set[str] = set()
    placeholders: set[str] = set()
    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line:
            continue
        match = _LINE.match(line)
        label = " ".join(match.group("label").upper().split()) if match else None
        if label in by_label:
            section = by_label[label]
            value = _clean(match.group("value"), section.verbatim)
            if _PLACEHOLDER.match(value):
                placeholders.add(section.label)
                current = None
                continue
            items = values[section.key]
            if section.kind == "text" and items:
                duplicates.add(section.label)
                current = None  # ignore the repeated field and whatever continues it
                continue
            items.append(value)
            current = (section, len(items) - 1)
        elif current is not None:
            section, index = current
            joined = f"{values[section.key][index]} {_clean(line, False)}".strip()
            values[section.key][index] = _clean(joined, section.verbatim)
        else:
            preamble += 1
    for key in values:
        values[key] = [v for v in values[key] if v]
    if not any(values.values()):
        if placeholders:
            raise ParseError("it repeated the format's <placeholders> instead of filling them in")
        labels = ", ".join(f"{s.label}:" for s in template.sections)
        raise ParseError(f"it has none of the labelled lines asked for ({labels})")
    missing = [s.label for s in template.sections if s.required and not values[s.key]]
    if missing:
        raise ParseError(f"it has no {' or '.join(m + ':' for m in missing)} line")
    if preamble:
        notes.append(f"ignored {preamble} line(s) before the first labelled line")
    for label in sorted(duplicates):
        notes.append(f"the answer gave {label} more than once: kept the first")
    return Parsed(values=values, notes=notes)
