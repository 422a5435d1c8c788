"""The side-by-side view: each source sentence beside its English, one row per sentence pair (paragraphs start
with a rule), its notes beside it in plain words (``service.plain_checks``), as escaped HTML.

Every piece of text (source, model output, messages) goes through ``html.escape``: model output is never rendered
as markup. Sentences carry ``data-k="p-s"``; the page script (static/wirebrief.js) highlights the counterpart with
the same key on hover, pins it on click, and moves between rows with the arrow keys (only the first sentence is in
the Tab order). Below ~700 px wide the pairs stack (French above English) and each row's notes fold behind a
button (static/wirebrief.css). The root carries ``data-wb-result`` so that summary provenance
(views.render_summaries) can highlight this view's sentences.
"""

from __future__ import annotations

from html import escape
from typing import Any, Iterable

from service.plain_checks import Flag, flags_for, sentence_numbers
from service.result import Issue, LanguageInfo, Paragraph, Result


def _key(p: int, s: int) -> str:
    return f"{p}-{s}"


def _sentence(side: str, p: int, s: int, text: str, classes: str, focusable: bool) -> str:
    return (
        f'<span class="wb-s wb-{side}{classes}" data-k="{_key(p, s)}" tabindex="{0 if focusable else -1}">'
        f'{escape(text) or "&#8203;"}</span>'
    )


def _notes(flags: list[Flag]) -> str:
    if not flags:
        return '<div class="wb-notes"></div>'
    items = "".join(
        f'<li class="wb-note wb-flag-{escape(f.kind)}" data-k="{escape(f.key)}" data-kind="{escape(f.kind)}">'
        f"{escape(f.text)}</li>"
        for f in flags
    )
    label = f"{len(flags)} note{'s' if len(flags) != 1 else ''}"
    return (
        f'<div class="wb-notes"><button type="button" class="wb-notes-toggle" aria-expanded="false">{label}</button>'
        f'<ul class="wb-notes-list">{items}</ul></div>'
    )


def paragraph_rows(paragraph: Paragraph, flags: dict[str, list[Flag]], numbers: dict, first: bool) -> str:
    p = paragraph.index
    rows = []
    for n, sentence in enumerate(paragraph.sentences):
        key = _key(p, sentence.index)
        mine = flags.get(key, [])
        classes = ""
        if any(f.kind in ("quality", "other") for f in mine):
            classes += " wb-warned"
        if any(f.kind not in ("quality", "other") for f in mine):
            classes += " wb-flagged"
        focusable = first and n == 0
        number = numbers.get((p, sentence.index))
        rows.append(
            f'<div class="wb-pair{" wb-pstart" if n == 0 else ""}" data-p="{p}" data-k="{key}">'
            f'<div class="wb-cell wb-src-cell"><span class="wb-num" aria-hidden="true">{number or ""}</span>'
            f'{_sentence("src", p, sentence.index, sentence.source, classes, focusable)}</div>'
            f'<div class="wb-cell wb-dst-cell">'
            f'{_sentence("dst", p, sentence.index, sentence.translation, classes, False)}</div>'
            f"{_notes(mine)}</div>"
        )
    return f'<div class="wb-row" data-p="{p}">{"".join(rows)}</div>'


def pending_row(index: int, source: str = "", note: str = "translating…") -> str:
    shown = escape(source) if source else "…"
    return (
        f'<div class="wb-row wb-pending" data-p="{index}"><div class="wb-pair wb-pstart">'
        f'<div class="wb-cell wb-src-cell">{shown}</div>'
        f'<div class="wb-cell wb-dst-cell">{escape(note)}</div><div class="wb-notes"></div></div></div>'
    )


def render_side_by_side(
    paragraphs: list[Paragraph],
    warnings: Iterable[Issue] = (),
    language: LanguageInfo | None = None,
    total_paragraphs: int | None = None,
    translated: bool = True,
    facts: dict[str, Any] | None = None,
    result_id: str = "",
    glossary: Any = None,
    pending: list[dict] | None = None,
) -> str:
    """The whole view; with ``total_paragraphs`` larger than what is ready, the rest shows as pending rows
    (``pending``: the untranslated paragraphs of an incomplete Result, shown with their source)."""
    flags: dict[str, list[Flag]] = {}
    for flag in flags_for(paragraphs, warnings, facts, glossary):
        if flag.key:
            flags.setdefault(flag.key, []).append(flag)
    numbers = sentence_numbers(paragraphs)
    source_label = f"Source ({escape(language.name)})" if language else "Source"
    target_label = "English" if translated else "English (not translated)"
    ordered = sorted(paragraphs, key=lambda p: p.index)
    rows = [paragraph_rows(p, flags, numbers, i == 0) for i, p in enumerate(ordered)]
    ready = {p.index for p in paragraphs}
    if pending:
        rows += [pending_row(x["index"], x.get("source", ""), "not translated yet — press Continue") for x in pending]
    else:
        rows += [pending_row(i) for i in range(total_paragraphs or 0) if i not in ready]
    return (
        f'<div class="wb-sbs" data-wb-sbs data-wb-result="{escape(result_id)}" role="group" '
        f'aria-label="Source and English, sentence by sentence (arrow keys move between sentences)">'
        f'<div class="wb-row wb-head"><div class="wb-pair"><div class="wb-cell">{source_label}</div>'
        f'<div class="wb-cell">{target_label}</div><div class="wb-notes">Notes</div></div></div>'
        f'{"".join(rows)}</div>'
    )


def render_result(result: Result, glossary: Any = None) -> str:
    return render_side_by_side(
        result.paragraphs,
        result.warnings,
        result.language,
        translated=result.translated,
        facts=result.facts,
        result_id=result.id,
        glossary=glossary,
        pending=(result.extra.get("incomplete") or {}).get("pending"),
    )


EMPTY = '<div class="wb-sbs wb-empty">The side-by-side view appears here.</div>'
