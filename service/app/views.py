"""HTML fragments of a Result for the app (everything escaped): language line, summaries, progress by stage."""

from __future__ import annotations

import itertools
from html import escape
from typing import Any

from service.events import Progress
from service.plain_checks import model_label
from service.result import LanguageInfo, Result, Summary

STAGES = ("normalizing", "detecting", "segmenting", "translating", "summarizing")
_ids = itertools.count()
METHOD_WORDS = {
    "seq2seq": "written by the summary model",
    "extractive-lead": "the first sentences of the English",
    "extractive-centrality": "the central sentences of the English",
    "passthrough": "the English itself (the text is short)",
    "llm": "written by the language model",
}
PRESET_LABELS = {"headline": "Headline", "lede": "Lede", "bullets": "Key points", "paragraph": "Paragraph"}


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
    models = ", ".join(f"{m.role}: {model_label(m)}" for m in result.models)
    parts.append(f'<span class="wb-models">models: {escape(models or "none")}</span>')
    parts.append(f'<span class="wb-id">id <code>{escape(result.id)}</code></span>')
    return f'<div class="wb-meta">{"".join(parts)}</div>'


def sentence_keys(result: Result) -> list[str]:
    """The side-by-side key ("p-s") of each sentence, in ``result.sentences()`` order (provenance indices)."""
    return [f"{p.index}-{s.index}" for p in result.paragraphs for s in p.sentences]


def _issue_line(issue: dict[str, Any]) -> str:
    return (
        f'<li class="wb-sum-fact" data-fact-type="{escape(str(issue.get("type", "")))}">'
        f'The summary says <q>{escape(str(issue.get("source", "")))}</q>, which the dispatch does not.</li>'
    )


def _item(tag: str, text: str, prov: dict[str, Any] | None, keys: list[str]) -> str:
    """One summary item (bullet or sentence), linked to its supporting sentences when provenance is known."""
    if prov is None or not text.strip():  # an empty item (a summary that could not fit) has nothing to link
        return f"<{tag}>{escape(text)}</{tag}>"
    indices = [i for i in prov.get("sentences", []) if 0 <= i < len(keys)]
    support = [keys[i] for i in indices]
    share = float(prov.get("support") or 0.0)
    supported = bool(prov.get("supported"))
    classes = "wb-prov" + ("" if supported else " wb-unsupported")
    numbers = ", ".join(str(i + 1) for i in indices)  # sentences count from 1, as everywhere on the page
    title = (
        f"from sentence{'s' if len(support) != 1 else ''} {numbers} ({share:.0%} of its words found there)"
        if support
        else "no sentence of the dispatch supports it"
    )
    badge = "" if supported else f' <span class="wb-unsupported-badge">weakly supported ({share:.0%})</span>'
    facts = prov.get("issues") or []
    fact_list = f'<ul class="wb-sum-facts">{"".join(_issue_line(i) for i in facts)}</ul>' if facts else ""
    return (
        f'<{tag} class="{classes}" data-prov="{escape(" ".join(support))}" data-support="{share:.3f}" '
        f'tabindex="0" title="{escape(title)}"><span class="wb-prov-text">{escape(text)}</span>{badge}{fact_list}</{tag}>'
    )


def render_summary_body(result: Result, name: str, summary: Summary) -> str:
    """The text of one summary; with ``Result.facts``, each item is linked to the translated sentences that
    support it (``data-prov``), weakly supported items are marked, and facts the source lacks are listed."""
    facts = ((result.facts or {}).get("summaries") or {}).get(name) or {}
    provenance = {p.get("item"): p for p in facts.get("provenance") or []}
    keys = sentence_keys(result)
    items = summary.items
    if name == "bullets" and items:
        body = "<ul>" + "".join(_item("li", t, provenance.get(i), keys) for i, t in enumerate(items)) + "</ul>"
        shown = [p.get("issues") or [] for p in provenance.values()]
    elif not items and provenance:  # one item: the whole text (check_result links ``items or [text]``)
        body = f'<div class="wb-summary-text">{_item("span", summary.text, provenance.get(0), keys)}</div>'
        shown = [provenance[0].get("issues") or []] if 0 in provenance else []
    elif items and provenance and " ".join(items).split() == summary.text.split():
        spans = " ".join(_item("span", t, provenance.get(i), keys) for i, t in enumerate(items))
        body = f'<div class="wb-summary-text">{spans}</div>'
        shown = [p.get("issues") or [] for p in provenance.values()]
    else:
        body = f'<div class="wb-summary-text">{escape(summary.text)}</div>'
        shown = []
    # Facts of the whole summary that no single item showed (e.g. when items could not be linked).
    seen = {(i.get("type"), i.get("source")) for group in shown for i in group}
    rest = [i for i in facts.get("issues") or [] if (i.get("type"), i.get("source")) not in seen]
    if rest:
        body += f'<ul class="wb-sum-facts">{"".join(_issue_line(i) for i in rest)}</ul>'
    return body


def summary_label(name: str, summary: Summary) -> str:
    """'written by the summary model · 12 words, limit 15' ('… limit 30 words per point' for bullets)."""
    how = " and ".join(METHOD_WORDS.get(part, part) for part in summary.method.split("+"))
    if name == "bullets" and summary.items:
        size = f"{len(summary.items)} point{'s' if len(summary.items) != 1 else ''}"
        limit = f", up to {summary.word_limit} words each" if summary.word_limit else ""
    else:
        size = f"{summary.words} word{'s' if summary.words != 1 else ''}"
        limit = f", limit {summary.word_limit}" if summary.word_limit else ""
    return f"{how} · {size}{limit}"


def render_summaries(result: Result) -> str:
    if not result.summaries:
        return '<div class="wb-summaries wb-empty">No summary requested.</div>'
    cards = []
    for name, summary in result.summaries.items():
        target = f"wb-sum-{next(_ids)}"
        body = render_summary_body(result, name, summary)
        notes = "".join(f'<div class="wb-summary-note">{escape(note)}</div>' for note in summary.notes)
        cards.append(
            f'<div class="wb-summary" data-preset="{escape(name)}"><h4><span>{escape(PRESET_LABELS.get(name, name))} '
            f'<small>({escape(summary_label(name, summary))})</small></span>'
            f'<button class="wb-copy" type="button" data-copy-target="{target}" data-copy-text="{escape(summary.text)}">'
            f"Copy</button></h4>"
            f'<div id="{target}">{body}</div>{notes}</div>'
        )
    hint = (
        '<div class="wb-prov-hint">Hover or click a summary line to highlight the sentences that support it.</div>'
        if result.facts and any((result.facts.get("summaries") or {}).values())
        else ""
    )
    return f'<div class="wb-summaries" data-wb-result="{escape(result.id)}">{hint}{"".join(cards)}</div>'


def render_progress(event: Progress | None, note: str = "", done: bool = False, eta: float | None = None) -> str:
    """A progress bar for the current stage + the list of stages (done / now / to come) + the time left
    (``eta``, seconds) when it can be estimated."""
    if done:
        return f'<div class="wb-progress wb-finished" role="status"><span>done</span><span>{escape(note)}</span></div>'
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
    left = f'<span class="wb-eta">{escape(eta_words(eta))}</span>' if eta is not None else ""
    return (
        f'<div class="wb-progress" role="status">{bar}<span class="wb-progress-message">{message}</span>{left}'
        f'<span class="wb-stages">{"".join(stages)}</span><span>{escape(note)}</span></div>'
    )


def eta_words(seconds: float) -> str:
    """'about 40 s left', 'about 3 min left' (rounded: it is an estimate)."""
    if seconds < 60:
        return f"about {max(1, round(seconds / 5) * 5 if seconds > 10 else round(seconds))} s left"
    return f"about {round(seconds / 60)} min left"


def translation_eta(event: Progress, translating_since: float | None, now: float) -> float | None:
    """Seconds left for the translation, from the pace so far (None until a sentence is done)."""
    if event.stage != "translating" or not translating_since or event.done <= 0 or event.done >= event.total:
        return None
    return (now - translating_since) / event.done * (event.total - event.done)


def render_error(message: str) -> str:
    return f'<div class="wb-progress" role="alert"><span class="wb-error">{escape(message)}</span></div>'
