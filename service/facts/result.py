"""Fact checks over a whole Result: issues located at their sentence, per-summary issues and provenance.

``check_result(result)`` returns the dict stored in ``Result.facts``; the pipeline calls it after translation and
summarization, the app shows each issue beside its sentence and highlights each bullet's supporting sentences.
"""

from __future__ import annotations

from typing import Any

from .glossary import Glossary
from .extract import extract_facts, shared_extraction
from .match import check_summary, check_translation
from .gazetteer import gazetteer_with
from .name_match import TextIndex, name_found
from .name_renderer import NameTranslator
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


def prefetch_name_renderings(
    pairs: list[tuple[str, str]], glossary: Glossary | None, name_translator: NameTranslator | None
) -> None:
    """Every name of these sentence pairs that the check will ask the model to render (a source name found in the
    translation no other way), asked in one model call: the check then finds each rendering cached. Follows the
    check's own path (``name_found`` with a translator that only records), so it asks for exactly those names."""
    if name_translator is None or not pairs:
        return
    gaz = gazetteer_with(glossary)
    wanted: list[str] = []

    def record(name: str) -> None:
        wanted.append(name)
        return None

    for source, translation in pairs:
        names = [f for f in extract_facts(source, "fr", gaz) if f.type == "name"]
        if not names:
            continue
        index = TextIndex(translation)
        for fact in names:
            name_found(fact, index, gaz, "fr>en", record)
    name_translator.prefetch(wanted)


def _memo_key(context: str):
    """The memo's key of a sentence: what its check depends on (the caller's context, e.g. the glossary version,
    and the target-names setting) and its two texts."""
    scope = f"{context}|target_names={_target_names_setting()}"
    return lambda s: (scope, s.source, s.translation)


def _checked_with_memo(
    p: Any, glossary: Glossary | None, name_translator: NameTranslator | None, memo: SentenceFactsMemo, context: str
) -> tuple[list[FactIssue], list[dict[str, Any]]]:
    """check_sentences and found_facts on one paragraph, each sentence pair checked only when ``memo`` lacks it."""
    issues: list[FactIssue] = []
    found: list[dict[str, Any]] = []
    memo_key = _memo_key(context)
    target_names = _target_names_setting()
    for s in p.sentences:
        entry = memo.get(memo_key(s))
        if entry is None:
            here = check_sentences([(s.source, s.translation)], glossary, target_names=target_names,
                                   name_translator=name_translator)
            for issue in here:
                issue.sentence = s.index
            kept = _found_in(s, p.index, here, glossary)
            memo.put(memo_key(s), here, kept)
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
    with shared_extraction():
        return _check_result(result, glossary, name_translator, memo, memo_context)


def _check_result(
    result: Any, glossary: Glossary | None, name_translator: NameTranslator | None, memo: SentenceFactsMemo | None,
    memo_context: str,
) -> dict[str, Any]:
    issues: list[FactIssue] = []
    found: list[dict[str, Any]] = []
    if memo is not None:
        memo.last_checked = 0
    if getattr(result, "translated", True):
        memo_key = _memo_key(memo_context)
        prefetch_name_renderings(
            [(s.source, s.translation) for p in result.paragraphs for s in p.sentences
             if memo is None or memo.get(memo_key(s)) is None],
            glossary, name_translator,
        )
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
