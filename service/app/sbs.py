"""The side-by-side view: source and English sentences aligned paragraph by paragraph, as escaped HTML.

Every piece of text (source, model output, warning messages) goes through ``html.escape``: model output is never
rendered as markup. Sentences carry ``data-k="p-s"``; the page script (static/wirebrief.js) highlights the
counterpart with the same key on hover, and pins it on click. Warnings that concern a sentence mark it and are
listed beside its paragraph, keyed to the same sentence.
"""

from __future__ import annotations

from html import escape
from typing import Iterable

from service.result import Issue, LanguageInfo, Paragraph, Result


def _key(p: int, s: int) -> str:
    return f"{p}-{s}"


def _located(warnings: Iterable[Issue]) -> dict[tuple[int, int | None], list[Issue]]:
    out: dict[tuple[int, int | None], list[Issue]] = {}
    for w in warnings:
        if w.paragraph is not None and w.severity != "info":
            out.setdefault((w.paragraph, w.sentence), []).append(w)
    return out


def _sentence(side: str, p: int, s: int, text: str, warned: bool, title: str = "") -> str:
    classes = f"wb-s wb-{side}" + (" wb-warned" if warned else "")
    title_attr = f' title="{escape(title)}"' if title else ""
    return (
        f'<span class="{classes}" data-k="{_key(p, s)}" tabindex="0"{title_attr}>{escape(text) or "&#8203;"}</span>'
    )


def paragraph_row(paragraph: Paragraph, located: dict[tuple[int, int | None], list[Issue]]) -> str:
    p = paragraph.index
    src, dst = [], []
    for sentence in paragraph.sentences:
        issues = located.get((p, sentence.index), [])
        title = "; ".join(i.message for i in issues)
        src.append(_sentence("src", p, sentence.index, sentence.source, bool(issues), title))
        dst.append(_sentence("dst", p, sentence.index, sentence.translation, bool(issues), title))
    notes = []
    for (wp, ws), issues in sorted(located.items(), key=lambda kv: (kv[0][0], -1 if kv[0][1] is None else kv[0][1])):
        if wp != p:
            continue
        for issue in issues:
            key_attr = f' data-k="{_key(p, ws)}"' if ws is not None else ""
            where = f"sentence {ws + 1}" if ws is not None else "paragraph"
            notes.append(
                f'<li class="wb-note wb-{escape(issue.severity)}"{key_attr}><b>{escape(where)}</b> '
                f'<code>{escape(issue.code)}</code> {escape(issue.message)}</li>'
            )
    notes_html = f'<ul class="wb-notes">{"".join(notes)}</ul>' if notes else '<div class="wb-notes"></div>'
    return (
        f'<div class="wb-row" data-p="{p}">'
        f'<div class="wb-cell wb-src-cell">{" ".join(src)}</div>'
        f'<div class="wb-cell wb-dst-cell">{" ".join(dst)}</div>'
        f"{notes_html}</div>"
    )


def pending_row(index: int) -> str:
    return (
        f'<div class="wb-row wb-pending" data-p="{index}"><div class="wb-cell">…</div>'
        f'<div class="wb-cell">translating…</div><div class="wb-notes"></div></div>'
    )


def render_side_by_side(
    paragraphs: list[Paragraph],
    warnings: Iterable[Issue] = (),
    language: LanguageInfo | None = None,
    total_paragraphs: int | None = None,
    translated: bool = True,
) -> str:
    """The whole view; with ``total_paragraphs`` larger than what is ready, the rest shows as pending rows."""
    located = _located(warnings)
    source_label = f"Source ({escape(language.name)})" if language else "Source"
    target_label = "English" if translated else "English (not translated)"
    rows = [paragraph_row(p, located) for p in paragraphs]
    ready = {p.index for p in paragraphs}
    rows += [pending_row(i) for i in range(total_paragraphs or 0) if i not in ready]
    return (
        '<div class="wb-sbs" data-wb-sbs>'
        f'<div class="wb-row wb-head"><div class="wb-cell">{source_label}</div>'
        f'<div class="wb-cell">{target_label}</div><div class="wb-notes">Warnings</div></div>'
        f'{"".join(rows)}</div>'
    )


def render_result(result: Result) -> str:
    return render_side_by_side(result.paragraphs, result.warnings, result.language, translated=result.translated)


EMPTY = '<div class="wb-sbs wb-empty">The side-by-side view appears here.</div>'
