"""What a reader needs first, as escaped HTML: the "at a glance" block (headline, lede — or, until the summaries
arrive, the dispatch's first paragraph labelled as the wire lede — the checks counted by kind, and, for an
incomplete Result, what is missing and that Continue finishes it), and the one list of every check of a dispatch,
grouped by kind with counts and a filter (static/wirebrief.js), codes only behind a details toggle."""

from __future__ import annotations

from html import escape
from typing import Any

from service.events import Glance
from service.plain_checks import KINDS, Flag, counts_by_kind, kept_count, result_flags
from service.result import Paragraph, Result, Summary

WIRE_LEDE_LABEL = "First paragraph of the dispatch (the wire lede)"
_PRESET_LABELS = {"headline": "Headline", "lede": "Lede", "bullets": "Key points", "paragraph": "Paragraph"}
_SINGULAR = {"Names": "name", "Numbers": "number", "Dates": "date", "Amounts": "amount", "Quotations": "quotation",
             "Glossary terms": "glossary term", "Keep-as-is terms": "keep-as-is term",
             "Translation quality": "translation-quality note", "Other": "other note"}


def _plural(label: str, n: int) -> str:
    word = _SINGULAR.get(label, label.lower())
    if n == 1:
        return f"1 {word}"
    return f"{n} {word[:-1] + 'ies' if word.endswith('y') else word + 's'}"


def _lede_block(label: str, text: str, cls: str) -> str:
    return f'<div class="wb-glance-lede {cls}"><div class="wb-glance-label">{escape(label)}</div><p>{escape(text)}</p></div>'


def render_glance_streaming(
    paragraphs: list[Paragraph],
    total: int,
    wants_summaries: bool,
    glance: Glance | None = None,
    summaries: dict[str, Summary] | None = None,
) -> str:
    """While the run goes on: the first paragraph as the wire lede as soon as it is translated (the pipeline's
    ``Glance`` event, else the first paragraph streamed), then each generated summary as its ``SummaryReady``
    event arrives — the headline on top, the lede in place of the wire lede, the other presets below."""
    summaries = summaries or {}
    parts = []
    headline = summaries.get("headline")
    if headline is not None and headline.text:
        parts.append(f'<h3 class="wb-glance-headline" data-preset="headline">{escape(headline.text)}</h3>')
    elif wants_summaries:
        parts.append('<div class="wb-glance-headline wb-waiting">The headline and summaries follow the translation.</div>')
    lede = summaries.get("lede")
    first = next((p for p in paragraphs if p.index == 0), None)
    if lede is not None and lede.text:
        parts.append(_lede_block("Lede", lede.text, "wb-summary-lede"))
    elif glance is not None and glance.text:
        parts.append(_lede_block(WIRE_LEDE_LABEL, glance.text, "wb-wire-lede"))
    elif first is not None:
        parts.append(_lede_block(WIRE_LEDE_LABEL, first.translation, "wb-wire-lede"))
    else:
        parts.append('<div class="wb-glance-lede wb-waiting">The first paragraph appears here as soon as it is translated.</div>')
    more = []
    for name, summary in summaries.items():
        if name in ("headline", "lede") or not summary.text:
            continue
        items = summary.items if name == "bullets" and summary.items else []
        body = (
            "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>" if items else f"<p>{escape(summary.text)}</p>"
        )
        label = _PRESET_LABELS.get(name, name)
        more.append((label, f'<div class="wb-glance-summary" data-preset="{escape(name)}">'
                            f'<div class="wb-glance-label">{escape(label)}</div>{body}</div>'))
    if more:  # folded, so the box stays small on a phone: the headline and lede are what a reader needs first
        names = " and ".join(label for label, _ in more)
        parts.append(f'<details class="wb-glance-more"><summary>{escape(names)}: ready</summary>'
                     f'{"".join(html for _, html in more)}</details>')
    return _wrap("".join(parts), running=True)


def _facts_line(flags: list[Flag], result: Result, prefix: str) -> str:
    counts = counts_by_kind(flags)
    kept = kept_count(result.facts)
    if result.facts is None and not flags:
        return '<div class="wb-glance-facts">Fact checks were not run.</div>'
    if counts:
        listed = ", ".join(_plural(KINDS[k], n) for k, n in counts.items())
        total = sum(counts.values())
        head = f"<b>{total} thing{'s' if total != 1 else ''} to check</b>: {escape(listed)}."
    else:
        head = "<b>No problem found</b> by the checks."
    tail = f" {kept} fact{'s' if kept != 1 else ''} of the source (names, numbers, dates…) found in the English." if kept else ""
    link = f' <a href="#{prefix}-flags">See the checks</a>' if counts else ""
    return f'<div class="wb-glance-facts">{head}{escape(tail)}{link}</div>'


def render_glance(result: Result, glossary: Any = None, prefix: str = "wb-dispatch") -> str:
    flags = result_flags(result, glossary)
    parts = []
    incomplete = result.extra.get("incomplete")
    if incomplete:
        parts.append(
            f'<div class="wb-incomplete" role="status" data-reason="{escape(str(incomplete.get("reason", "")))}">'
            f'<b>Not finished.</b> {escape(str(incomplete.get("message", "")))}'
            f'<details class="wb-tech"><summary>Details</summary>{escape(str(incomplete.get("detail", "")))}</details></div>'
        )
    headline = result.summaries.get("headline")
    if headline and headline.text:
        parts.append(f'<h3 class="wb-glance-headline">{escape(headline.text)}</h3>')
    lede = result.summaries.get("lede")
    if lede and lede.text:
        parts.append(_lede_block("Lede", lede.text, "wb-summary-lede"))
    elif result.paragraphs:
        first = min(result.paragraphs, key=lambda p: p.index)
        parts.append(_lede_block(WIRE_LEDE_LABEL, first.translation, "wb-wire-lede"))
    parts.append(_facts_line(flags, result, prefix))
    return _wrap("".join(parts), running=False)


def _wrap(body: str, running: bool) -> str:
    state = "running" if running else "done"
    return f'<div class="wb-glance" data-state="{state}" tabindex="-1" aria-label="At a glance">{body}</div>'


def render_flag_list(result: Result, glossary: Any = None) -> str:
    """Every check of the dispatch: a filter by kind (with counts), one plain sentence each, codes behind a toggle."""
    flags = result_flags(result, glossary)
    if not flags:
        return '<section class="wb-flags wb-empty" aria-label="Checks">No problem found by the checks.</section>'
    counts = counts_by_kind(flags)
    buttons = [f'<button type="button" class="wb-flag-filter" data-kind="all" aria-pressed="true">All ({len(flags)})</button>']
    buttons += [
        f'<button type="button" class="wb-flag-filter" data-kind="{k}" aria-pressed="false">{escape(KINDS[k])} ({n})</button>'
        for k, n in counts.items()
    ]
    groups = []
    for kind, n in counts.items():
        items = "".join(
            f'<li class="wb-flag" data-kind="{escape(f.kind)}" data-k="{escape(f.key)}">{escape(f.text)}</li>'
            for f in flags
            if f.kind == kind
        )
        groups.append(
            f'<div class="wb-flag-group" data-kind="{kind}"><h5>{escape(KINDS[kind])} ({n})</h5>'
            f'<ul class="wb-flag-list">{items}</ul></div>'
        )
    tech = "".join(
        f"<tr><td>{f.number or ''}</td><td><code>{escape(f.code)}</code></td><td>{escape(f.detail)}</td></tr>" for f in flags
    )
    return (
        f'<section class="wb-flags" aria-label="Checks"><h4>Checks</h4>'
        f'<div class="wb-flag-filters" role="toolbar" aria-label="Show checks of one kind">{"".join(buttons)}</div>'
        f'{"".join(groups)}'
        f'<details class="wb-tech"><summary>Technical details</summary><table><tr><th>Sentence</th><th>Code</th>'
        f"<th>Checker's note</th></tr>{tech}</table></details></section>"
    )
