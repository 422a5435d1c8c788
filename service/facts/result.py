"""Fact checks over a whole Result: issues located at their sentence, per-summary issues and provenance.

``check_result(result)`` returns the dict stored in ``Result.facts``; the pipeline calls it after translation and
summarization, the app shows each issue beside its sentence and highlights each bullet's supporting sentences.
"""

from __future__ import annotations

from typing import Any

from .glossary import Glossary
from .match import check_summary, check_translation
from .model import FactIssue
from .provenance import link_provenance


def check_sentences(
    pairs: list[tuple[str, str]],
    glossary: Glossary | None = None,
    paragraph: int | None = None,
    target_names: bool | None = None,
) -> list[FactIssue]:
    """check_translation on each (source, translation) sentence pair, issues located by sentence index.
    ``target_names`` defaults to the setting WIREBRIEF_FACT_TARGET_NAMES."""
    if target_names is None:
        try:
            from service.settings import get_settings

            target_names = get_settings().fact_target_names
        except Exception:
            target_names = False
    out = []
    for i, (s, t) in enumerate(pairs):
        for issue in check_translation(s, t, glossary=glossary, target_names=target_names):
            issue.sentence = i
            issue.paragraph = paragraph
            out.append(issue)
    return out


def check_result(result: Any, glossary: Glossary | None = None) -> dict[str, Any]:
    """The ``Result.facts`` payload: ``translation`` issues (with paragraph and sentence), ``summaries`` issues and
    ``provenance`` by preset (sentence indices are positions in ``result.sentences()``), and counts by type."""
    issues: list[FactIssue] = []
    if getattr(result, "translated", True):
        for p in result.paragraphs:
            issues += check_sentences([(s.source, s.translation) for s in p.sentences], glossary, paragraph=p.index)
    sentences = [s.translation for s in result.sentences()]
    source_en = " ".join(sentences)
    summaries: dict[str, Any] = {}
    for preset, summ in (getattr(result, "summaries", None) or {}).items():
        items = summ.items or [summ.text]
        summaries[preset] = {
            "issues": [i.model_dump() for i in check_summary(source_en, summ.text)],
            "provenance": [p.model_dump() for p in link_provenance(items, sentences)],
        }
    counts: dict[str, int] = {}
    for i in issues:
        counts[i.type] = counts.get(i.type, 0) + 1
    return {
        "translation": [i.model_dump() for i in issues],
        "counts": counts,
        "summaries": summaries,
    }
