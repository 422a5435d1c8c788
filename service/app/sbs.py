"""The side-by-side view: source and English sentences aligned paragraph by paragraph, as escaped HTML.

Every piece of text (source, model output, warning messages) goes through ``html.escape``: model output is never
rendered as markup. Sentences carry ``data-k="p-s"``; the page script (static/wirebrief.js) highlights the
counterpart with the same key on hover, and pins it on click. Warnings that concern a sentence mark it and are
listed beside its paragraph, keyed to the same sentence; so are the fact checks of ``Result.facts`` (a number, date,
amount, name or quotation of the source missing from the translation, or one the translation states that the
source does not support). The root carries ``data-wb-result`` so that summary provenance (views.render_summaries)
can highlight this view's sentences.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any, Iterable

from service.result import Issue, LanguageInfo, Paragraph, Result

FactNote = dict[str, Any]
"""One entry of ``Result.facts["translation"]``: type, source, detail, side, paragraph, sentence."""


def _key(p: int, s: int) -> str:
    return f"{p}-{s}"


def _located(warnings: Iterable[Issue]) -> dict[tuple[int, int | None], list[Issue]]:
    out: dict[tuple[int, int | None], list[Issue]] = {}
    for w in warnings:
        if w.paragraph is not None and w.severity != "info":
            out.setdefault((w.paragraph, w.sentence), []).append(w)
    return out


def located_facts(facts: dict[str, Any] | None, part: str = "translation") -> dict[tuple[int, int], list[FactNote]]:
    """Fact issues (``part="translation"``) or kept source facts (``part="found"``) of a Result by (paragraph,
    sentence); entries without a location are left out (none expected)."""
    out: dict[tuple[int, int], list[FactNote]] = {}
    for issue in (facts or {}).get(part) or []:
        if issue.get("paragraph") is not None and issue.get("sentence") is not None:
            out.setdefault((issue["paragraph"], issue["sentence"]), []).append(issue)
    return out


def fact_label(issue: FactNote) -> str:
    """'missing' for a source fact the translation lost or changed; 'unsupported' for one it added."""
    return "unsupported" if issue.get("side") == "target" else "missing"


def fact_text(issue: FactNote) -> str:
    return f"{issue.get('type', 'fact')} {fact_label(issue)}: {issue.get('source', '')} — {issue.get('detail', '')}"


# The checker's standard details only repeat the tag ("date 03-12 ('12 mars') is missing from the translation"):
# shown on hover. Other details (glossary, quotations) say something more and are shown.
_PLAIN_DETAIL = re.compile(r"is (missing from the translation|not in the source)$")


def _fact_note(p: int, s: int, issue: FactNote) -> str:
    kind = escape(str(issue.get("type", "fact")))
    kind_class = re.sub(r"[^a-z]", "", kind)
    detail = str(issue.get("detail", ""))
    shown = "" if _PLAIN_DETAIL.search(detail) else f' <span class="wb-fact-detail">{escape(detail)}</span>'
    return (
        f'<li class="wb-note wb-fact wb-fact-{kind_class}" data-k="{_key(p, s)}" data-fact-type="{kind}" '
        f'title="{escape(detail)}"><b>sentence {s + 1}</b> <span class="wb-fact-tag">{kind} '
        f'{escape(fact_label(issue))}</span> <q>{escape(str(issue.get("source", "")))}</q>{shown}</li>'
    )


def _kept_note(p: int, s: int, kept: list[FactNote]) -> str:
    items = " · ".join(escape(str(f.get("source", ""))) for f in kept)
    return (
        f'<li class="wb-note wb-fact-kept" data-k="{_key(p, s)}"><b>sentence {s + 1}</b> '
        f'<span class="wb-kept-tag">kept</span> {items}</li>'
    )


def _sentence(side: str, p: int, s: int, text: str, warned: bool, title: str = "", flagged: bool = False) -> str:
    classes = f"wb-s wb-{side}" + (" wb-warned" if warned else "") + (" wb-flagged" if flagged else "")
    title_attr = f' title="{escape(title)}"' if title else ""
    return (
        f'<span class="{classes}" data-k="{_key(p, s)}" tabindex="0"{title_attr}>{escape(text) or "&#8203;"}</span>'
    )


def paragraph_row(
    paragraph: Paragraph,
    located: dict[tuple[int, int | None], list[Issue]],
    facts: dict[tuple[int, int], list[FactNote]] | None = None,
    kept: dict[tuple[int, int], list[FactNote]] | None = None,
) -> str:
    p = paragraph.index
    facts = facts or {}
    kept = kept or {}
    src, dst = [], []
    for sentence in paragraph.sentences:
        issues = located.get((p, sentence.index), [])
        flags = facts.get((p, sentence.index), [])
        title = "; ".join([i.message for i in issues] + [fact_text(f) for f in flags])
        src.append(_sentence("src", p, sentence.index, sentence.source, bool(issues), title, bool(flags)))
        dst.append(_sentence("dst", p, sentence.index, sentence.translation, bool(issues), title, bool(flags)))
    def warning_note(issue: Issue, ws: int | None) -> str:
        key_attr = f' data-k="{_key(p, ws)}"' if ws is not None else ""
        where = f"sentence {ws + 1}" if ws is not None else "paragraph"
        return (
            f'<li class="wb-note wb-{escape(issue.severity)}"{key_attr}><b>{escape(where)}</b> '
            f"<code>{escape(issue.code)}</code> {escape(issue.message)}</li>"
        )

    # Paragraph warnings first, then sentence by sentence: its warnings, then its fact checks.
    notes = [warning_note(i, None) for i in located.get((p, None), [])]
    for sentence in paragraph.sentences:
        notes += [warning_note(i, sentence.index) for i in located.get((p, sentence.index), [])]
        notes += [_fact_note(p, sentence.index, f) for f in facts.get((p, sentence.index), [])]
        if kept.get((p, sentence.index)):
            notes.append(_kept_note(p, sentence.index, kept[(p, sentence.index)]))
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
    facts: dict[str, Any] | None = None,
    result_id: str = "",
) -> str:
    """The whole view; with ``total_paragraphs`` larger than what is ready, the rest shows as pending rows.
    ``facts`` is ``Result.facts``: its translation issues, and the source facts kept, are shown beside their
    sentences."""
    located = _located(warnings)
    fact_map = located_facts(facts)
    source_label = f"Source ({escape(language.name)})" if language else "Source"
    target_label = "English" if translated else "English (not translated)"
    kept = located_facts(facts, "found")
    rows = [paragraph_row(p, located, fact_map, kept) for p in paragraphs]
    ready = {p.index for p in paragraphs}
    rows += [pending_row(i) for i in range(total_paragraphs or 0) if i not in ready]
    return (
        f'<div class="wb-sbs" data-wb-sbs data-wb-result="{escape(result_id)}">'
        f'<div class="wb-row wb-head"><div class="wb-cell">{source_label}</div>'
        f'<div class="wb-cell">{target_label}</div><div class="wb-notes">Warnings and facts</div></div>'
        f'{"".join(rows)}</div>'
    )


def render_result(result: Result) -> str:
    return render_side_by_side(
        result.paragraphs,
        result.warnings,
        result.language,
        translated=result.translated,
        facts=result.facts,
        result_id=result.id,
    )


EMPTY = '<div class="wb-sbs wb-empty">The side-by-side view appears here.</div>'
