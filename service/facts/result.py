"""Fact checks over a whole Result: issues located at their sentence, per-summary issues and provenance.

``check_result(result)`` returns the dict stored in ``Result.facts``; the pipeline calls it after translation and
summarization, the app shows each issue beside its sentence and highlights each bullet's supporting sentences.
"""

from __future__ import annotations

from typing import Any

from .glossary import Glossary
from .extract import extract_facts
from .match import check_summary, check_translation
from .gazetteer import gazetteer_with
from .name_match import NameTranslator
from .memo import SentenceFactsMemo
from .model import FactIssue
from .provenance import link_provenance


def check_sentences(
    pairs: list[tuple[str, str]],
    glossary: Glossary | None = None,
    paragraph: int | None = None,
    target_names: bool | None = None,
    name_translator: NameTranslator | None = None,
) -> list[FactIssue]:
    """check_translation on each (source, translation) sentence pair, issues located by sentence index.
    ``target_names`` defaults to the setting WIREBRIEF_FACT_TARGET_NAMES."""
    if target_names is None:
        target_names = _target_names_setting()
    out = []
    for i, (s, t) in enumerate(pairs):
        for issue in check_translation(s, t, glossary=glossary, target_names=target_names, name_translator=name_translator):
            issue.sentence = i
            issue.paragraph = paragraph
            out.append(issue)
    return out


def _target_names_setting() -> bool:
    try:
        from service.settings import get_settings

        return get_settings().fact_target_names
    except Exception:
        return False


def found_facts(paragraph: Any, issues: list[FactIssue], glossary: Glossary | None = None) -> list[dict[str, Any]]:
    """The source facts of a paragraph that the translation kept: every firm (not approximate) fact of each
    French sentence that no source-side issue of that sentence names."""
    return [f for s in paragraph.sentences for f in _found_in(s, paragraph.index, issues, glossary)]


def _found_in(sentence: Any, paragraph: int, issues: list[FactIssue], glossary: Glossary | None) -> list[dict[str, Any]]:
    gaz = gazetteer_with(glossary)
    missing = {(i.sentence, i.type, i.source) for i in issues if i.side == "source"}
    out = []
    for f in extract_facts(sentence.source, "fr", gaz):
        if f.soft or (sentence.index, f.type, f.text) in missing:
            continue
        out.append({"type": f.type, "source": f.text, "value": f.value, "paragraph": paragraph, "sentence": sentence.index})
    return out


def _checked_with_memo(
    p: Any, glossary: Glossary | None, name_translator: NameTranslator | None, memo: SentenceFactsMemo, context: str
) -> tuple[list[FactIssue], list[dict[str, Any]]]:
    """check_sentences and found_facts on one paragraph, each sentence pair checked only when ``memo`` lacks it."""
    issues: list[FactIssue] = []
    found: list[dict[str, Any]] = []
    target_names = _target_names_setting()
    for s in p.sentences:
        key = (f"{context}|target_names={target_names}", s.source, s.translation)
        entry = memo.get(key)
        if entry is None:
            here = check_sentences([(s.source, s.translation)], glossary, target_names=target_names,
                                   name_translator=name_translator)
            for issue in here:
                issue.sentence = s.index
            kept = _found_in(s, p.index, here, glossary)
            memo.put(key, here, kept)
            memo.last_checked += 1
        else:
            here = [i.model_copy(update={"sentence": s.index}) for i in entry[0]]
            kept = [{**f, "paragraph": p.index, "sentence": s.index} for f in entry[1]]
        for issue in here:
            issue.paragraph = p.index
        issues += here
        found += kept
    return issues, found


def check_result(
    result: Any,
    glossary: Glossary | None = None,
    name_translator: NameTranslator | None = None,
    memo: SentenceFactsMemo | None = None,
    memo_context: str = "",
) -> dict[str, Any]:
    """The ``Result.facts`` payload: ``translation`` issues (with paragraph and sentence), ``found`` (the source
    facts the translation kept, located the same way), ``summaries`` issues and
    ``provenance`` by preset (sentence indices are positions in ``result.sentences()``), and counts by type.
    With ``memo``, a sentence pair checked before (under the same ``memo_context``) is not checked again."""
    issues: list[FactIssue] = []
    found: list[dict[str, Any]] = []
    if memo is not None:
        memo.last_checked = 0
    if getattr(result, "translated", True):
        for p in result.paragraphs:
            if memo is not None:
                here, kept = _checked_with_memo(p, glossary, name_translator, memo, memo_context)
                issues += here
                found += kept
                continue
            pairs = [(s.source, s.translation) for s in p.sentences]
            here = check_sentences(pairs, glossary, paragraph=p.index, name_translator=name_translator)
            issues += here
            found += found_facts(p, here, glossary)
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
        "found": found,
        "counts": counts,
        "summaries": summaries,
    }
