"""Fact checks over a whole Result: issues located at their sentence, per-summary issues and provenance.

``check_result(result)`` returns the dict stored in ``Result.facts``; the pipeline calls it after translation and
summarization, the app shows each issue beside its sentence and highlights each bullet's supporting sentences.
"""

from __future__ import annotations

from typing import Any, Hashable

from .glossary import Glossary
from .extract import extract_facts
from .match import check_summary, check_translation
from .gazetteer import gazetteer_with
from .name_match import NameTranslator
from .model import FactIssue
from .provenance import link_provenance
from .memo import ParagraphChecks


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
    """WIREBRIEF_FACT_TARGET_NAMES (off where the settings cannot be read, e.g. a bare library use)."""
    try:
        from service.settings import get_settings

        return get_settings().fact_target_names
    except Exception:
        return False


def found_facts(paragraph: Any, issues: list[FactIssue], glossary: Glossary | None = None) -> list[dict[str, Any]]:
    """The source facts of a paragraph that the translation kept: every firm (not approximate) fact of each
    French sentence that no source-side issue of that sentence names."""
    gaz = gazetteer_with(glossary)
    missing = {(i.sentence, i.type, i.source) for i in issues if i.side == "source"}
    out = []
    for s in paragraph.sentences:
        for f in extract_facts(s.source, "fr", gaz):
            if f.soft or (s.index, f.type, f.text) in missing:
                continue
            out.append({"type": f.type, "source": f.text, "value": f.value, "paragraph": paragraph.index, "sentence": s.index})
    return out


def check_result(
    result: Any,
    glossary: Glossary | None = None,
    name_translator: NameTranslator | None = None,
    memo: ParagraphChecks | None = None,
    memo_scope: Hashable = None,
) -> dict[str, Any]:
    """The ``Result.facts`` payload: ``translation`` issues (with paragraph and sentence), ``found`` (the source
    facts the translation kept, located the same way), ``summaries`` issues and
    ``provenance`` by preset (sentence indices are positions in ``result.sentences()``), and counts by type.

    With ``memo``, a paragraph checked before (same position, sentence pairs and ``memo_scope`` — the caller's
    glossary version) is not checked again; ``checked_sentences`` in the payload's ``counts`` is not touched, the
    number of sentences checked afresh is returned in ``memo.last_checked``."""
    issues: list[FactIssue] = []
    found: list[dict[str, Any]] = []
    checked = 0
    if getattr(result, "translated", True):
        target_names = _target_names_setting()
        for p in result.paragraphs:
            pairs = [(s.source, s.translation) for s in p.sentences]
            key = (memo_scope, target_names, p.index, tuple(pairs))
            cached = memo.get(key) if memo is not None else None
            if cached is None:
                here = check_sentences(
                    pairs, glossary, paragraph=p.index, target_names=target_names, name_translator=name_translator
                )
                cached = (here, found_facts(p, here, glossary))
                checked += len(pairs)
                if memo is not None:
                    memo.put(key, cached)
            issues += cached[0]
            found += [dict(f) for f in cached[1]]
    if memo is not None:
        memo.last_checked = checked
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
