"""HTML fragments of a Result for the app (everything escaped): language line, summaries, progress by stage."""

from __future__ import annotations

import itertools
from html import escape

from service.events import Progress
from service.result import LanguageInfo, Result

STAGES = ("normalizing", "detecting", "segmenting", "translating", "summarizing")
_ids = itertools.count()


def language_line(language: LanguageInfo, min_confidence: float) -> str:
    if language.given:
        how = "stated by the user"
        cls = ""
    else:
        how = f"detected, confidence {language.confidence:.0%}"
        cls = " wb-uncertain" if language.confidence < min_confidence else ""
    return f'<span class="wb-lang{cls}">{escape(language.name)} ({escape(language.code)})</span> <span>{escape(how)}</span>'


def render_meta(result: Result, min_confidence: float) -> str:
    parts = [language_line(result.language, min_confidence)]
    cache = result.extra.get("cache") or {}
    if cache.get("hit"):
        parts.append('<span class="wb-badge">from history (same text, models and options)</span>')
    total = result.timings.get("total")
    if total is not None:
        parts.append(f"<span>{total:.1f} s</span>")
    models = ", ".join(f"{m.role}: {m.hub_id or m.name}@{(m.revision or 'local')[:12]}" for m in result.models)
    parts.append(f'<span class="wb-models">models: {escape(models or "none")}</span>')
    parts.append(f'<span class="wb-id">id <code>{escape(result.id)}</code></span>')
    unlocated = [w for w in result.warnings if w.paragraph is None]
    html = f'<div class="wb-meta">{"".join(parts)}</div>'
    if unlocated:
        items = "".join(f"<li><code>{escape(w.code)}</code> {escape(w.message)}</li>" for w in unlocated)
        html += f'<ul class="wb-other-warnings">{items}</ul>'
    return html


def render_summaries(result: Result) -> str:
    if not result.summaries:
        return '<div class="wb-summaries wb-empty">No summary requested.</div>'
    cards = []
    for name, summary in result.summaries.items():
        target = f"wb-sum-{next(_ids)}"
        if name == "bullets" and summary.items:
            body = "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in summary.items) + "</ul>"
        else:
            body = f'<div class="wb-summary-text">{escape(summary.text)}</div>'
        notes = "".join(f'<div class="wb-summary-note">{escape(note)}</div>' for note in summary.notes)
        method = f"{summary.method}, {summary.words} words" + (f" / {summary.word_limit}" if summary.word_limit else "")
        cards.append(
            f'<div class="wb-summary" data-preset="{escape(name)}"><h4><span>{escape(name)} '
            f'<small>({escape(method)})</small></span>'
            f'<button class="wb-copy" type="button" data-copy-target="{target}">Copy</button></h4>'
            f'<div id="{target}">{body}</div>{notes}</div>'
        )
    return f'<div class="wb-summaries">{"".join(cards)}</div>'


def render_progress(event: Progress | None, note: str = "", done: bool = False) -> str:
    """A progress bar for the current stage + the list of stages (done / now / to come)."""
    if done:
        return f'<div class="wb-progress wb-finished"><span>done</span><span>{escape(note)}</span></div>'
    now = event.stage if event else None
    stages = []
    passed = True if now else False
    for stage in STAGES:
        if stage == now:
            stages.append(f'<span class="wb-now">{stage}</span>')
            passed = False
        else:
            stages.append(f'<span class="{"wb-done" if passed else ""}">{stage}</span>')
    bar = ""
    if event and event.total:
        bar = f'<progress value="{event.done}" max="{event.total}"></progress>'
    message = escape(event.message) if event else "starting…"
    return (
        f'<div class="wb-progress">{bar}<span class="wb-progress-message">{message}</span>'
        f'<span class="wb-stages">{"".join(stages)}</span><span>{escape(note)}</span></div>'
    )


def render_error(message: str) -> str:
    return f'<div class="wb-progress"><span class="wb-error">{escape(message)}</span></div>'
