"""Matching facts across a French source and its English translation, and across a translation and its summary.

A source fact is *found* when one of its keys is among the keys the other side's facts provide (numbers by value,
dates by weekday / month / day / year / time, money by amount and currency); names are matched through the
gazetteer, the glossary and spelling (cognates); quotations by count and speaker. Output facts that the source does
not support are reported too (side='target'): a changed number shows up on both sides.
"""

from __future__ import annotations

import re
from typing import Iterable

from .extract import extract_facts
from .model import Fact, FactIssue
from .gazetteer import Gazetteer, gazetteer_with
from .name_choice import left_out_by_choice
from .name_match import (TextIndex, full_person_name, known_person, known_place, name_found, person_stem_in,
                         place_stem_in, strong_name)
from .name_renderer import NameTranslator
from .ner import FrenchNER
from .text import fold
from .qualifiers import qualifier_changed
from .units import same_quantity

# Which checks run; a caller (or the eval CLI) may narrow them.
DEFAULT_TYPES = ("number", "date", "money", "name", "quote")


def _pool(facts: Iterable[Fact]) -> set[str]:
    out: set[str] = set()
    for f in facts:
        out.update(f.provides)
    return out


def _describe(f: Fact) -> str:
    if f.type == "money":
        return f"{f.data['currency']} {f.value.split(' ', 1)[1]}"
    return f.value


def check_translation(
    source_fr: str,
    translation_en: str,
    glossary=None,
    *,
    types: Iterable[str] = DEFAULT_TYPES,
    target_side: bool = True,
    target_names: bool = False,
    ner: FrenchNER | None = None,
    name_translator: NameTranslator | None = None,
) -> list[FactIssue]:
    """Facts of the French source missing or changed in the English translation, and (``target_side``) facts of
    the translation the source does not support. ``ner``: the French NER (default: the process's, see
    ner.load_ner); ``name_translator``: the translation model's rendering of a name alone, asked only for a name
    found no other way."""
    types = set(types)
    gaz = gazetteer_with(glossary)
    src = extract_facts(source_fr, "fr", gaz, ner)
    tgt = extract_facts(translation_en, "en", gaz)
    issues: list[FactIssue] = []
    issues += _check_values(src, tgt, types, "source", "translation")
    if target_side:
        # a number the translation writes in words ("Seven testing points", "the ninth wave") when the source has
        # no number at all is the translator's explicitness, not a changed figure; next to a source number it is
        # checked ("trois" → "eleven")
        src_has_number = any(f.type in ("number", "money") and not f.data.get("duration") for f in src)
        issues += _check_values([f for f in tgt if src_has_number or not (f.type == "number" and f.data.get("words"))],
                                src, types, "target", "source")
    if "name" in types:
        issues += _check_names(src, translation_en, gaz, "fr>en", "source", "translation", name_translator, source_fr)
        if target_side and target_names:
            strong = [f for f in tgt if f.type == "name" and strong_name(f, gaz)]
            issues += _check_names(strong, source_fr, gaz, "en>fr", "target", "source")
        elif target_side:
            # a known place the source does not name, nor its people or adjective ("Argentina" for "québécois"):
            # the swapped name a free translation rarely adds (the full check is the setting above)
            places = [f for f in tgt if f.type == "name" and known_place(f, gaz) and not place_stem_in(f, source_fr)]
            if places:  # "Japan" for "Osaka", "Brittany" for "le Finistère": the country or region a source place is in
                around = set().union(*(gaz.containers.get(fold(f.text), ()) for f in src if f.type == "name"))
                places = [f for f in places if fold(f.text) not in around]
            if places:  # most sentences name no such place: the English forms are only looked up for one
                inside = _words_of_kept_forms(src, translation_en, gaz)
                places = [f for f in places if fold(f.text) not in inside]
            placed = {id(f) for f in places}  # by identity: comparing facts field by field made this quadratic
            people = [f for f in tgt if f.type == "name" and id(f) not in placed
                      and (full_person_name(f, gaz, translation_en) and not _in_body_named_by(f, translation_en, source_fr)
                           or known_person(f, gaz) and not person_stem_in(f, source_fr, gaz))]
            issues += _check_names(places + people, source_fr, gaz, "en>fr", "target", "source")
    if "quote" in types:
        issues += _check_quotes(src, tgt, translation_en, gaz)
    if glossary is not None and "name" in types:
        issues += _check_glossary(source_fr, translation_en, glossary)
    return _dedupe(issues)


# The rest of a body's name spelled out before its acronym in brackets: "Forward Planning and Performance (DEPP)".
_BODY_TAIL = re.compile(r"(?:(?:,|\s)\s*(?:(?:and|of|for|the|on|&)\s+)*[A-Z][\w'’-]*)*\s*\(\s*([A-Z]{2,7})\s*\)")

_BODY_HEAD = re.compile(r"[A-Z][\w'’-]*\s*(?:,|\s(?:and|of|for|on|&))\s*$")


def _in_body_named_by(f: Fact, translation: str, source: str) -> bool:
    """Is the English name ``f`` a part of a body spelled out before its acronym ("the Directorate of Evaluation,
    Forward Planning and Performance (DEPP)"), and is that acronym in the source? Then the two-word part is no
    person's name the translation added: the source names the body."""
    head = _BODY_HEAD.search(translation[max(0, f.start - 60) : f.start])
    if not head:
        return False  # "Jean Dupont of the Directorate of Evaluation (DEPP)": a person before a body is a person
    m = _BODY_TAIL.match(translation[f.end : f.end + 160])
    if m is None or re.search(rf"\b{m.group(1)}\b", source) is None:
        return False
    tail = re.findall(r"\b[A-Z]", m.group(0)[: m.start(1)])
    if not tail:
        return False  # "Emmanuel Macron and Sophie Lemarchand (LREM)": a person and a party, no body around her
    # the acronym's letters, in order, among the initials of the body ("Directorate of Evaluation, Forward Planning
    # and Performance" → D E F P P ⊇ DEPP)
    initials = iter([*_run_initials_before(translation, f.start), *(w[0] for w in f.text.split() if w[:1].isupper()),
                     *tail])
    return all(letter in initials for letter in m.group(1))


def _run_initials_before(text: str, end: int) -> list[str]:
    """The initials of the run of capitalized words (joined by "of", "and", commas…) that ends at ``end``."""
    out: list[str] = []
    for w in reversed(re.findall(r"[\w'’-]+|,", text[max(0, end - 120) : end])):
        if w[:1].isupper():
            out.append(w[0])
        elif w not in (",", "and", "of", "the", "for", "on", "&"):
            break
    return out[::-1]


def _count_issues(have: list[Fact], other: list[Fact], side: str, where: str) -> list[FactIssue]:
    """A figure written twice in the source ("1-1", "de 12 à 12 ans", "quatre mois… quatre mètres") must be there
    twice in the output: presence alone would not see one of them dropped. Words count as digits do, except soft
    ones ("deux", "un": "both", "a")."""
    from collections import Counter

    counts: Counter[str] = Counter()
    first: dict[str, Fact] = {}
    for f in have:
        # a duration is matched by any of its forms ("2h30", "2.5 hours"), which do not share one key to count by
        if f.type == "number" and not f.soft and not f.data.get("duration"):
            counts[f.keys[0]] += 1
            first.setdefault(f.keys[0], f)
    issues = []
    for k, c in counts.items():
        if c < 2:
            continue
        found = sum(1 for o in other if k in o.provides)
        if 0 < found < c:
            f = first[k]
            issues.append(FactIssue(type="number", source=f.text, side=side,
                                    detail=f"number {f.value} appears {c} times in the {'source' if side == 'source' else 'output'}, {found} in the {where}"))
    return issues


def _check_values(have: list[Fact], other: list[Fact], types: set[str], side: str, where: str) -> list[FactIssue]:
    pool = _pool(other)
    issues = _count_issues(have, other, side, where) if "number" in types and side == "source" else []
    for f in have:
        if f.type not in types or f.type not in ("number", "date", "money"):
            continue
        matched = [k for k in f.keys if k in pool]
        if matched and side == "source":
            # a soft figure too: "deux ans" → "two months" changed what "deux" counts, though "deux" alone is soft
            changed = qualifier_changed(f, matched, other, where, have)
            if changed:
                issues.append(FactIssue(type=f.type, source=f.text, side=side, detail=changed))
        if matched or f.soft:
            continue
        if side == "source" and _weekday_left_out(f, pool):
            continue
        if f.data.get("measure") and any(
            same_quantity(tuple(a), tuple(b)) for o in other for b in o.data.get("measure", []) for a in f.data["measure"]
        ):
            continue  # "10 km" ↔ "six miles"
        if side == "source" and f.data.get("duration"):
            detail = f"duration '{f.text}' is missing from the {where}"
        elif side == "source":
            detail = f"{f.type} {_describe(f)} ('{f.text}') is missing from the {where}"
            if f.type == "money":
                amount = f.keys[0].rsplit(":", 1)[1]
                others = [o for o in other if o.type == "money" and f"amt:{amount}" in o.provides]
                if others:
                    detail = f"currency changed: {_describe(f)} ('{f.text}') became '{others[0].text}'"
        else:
            detail = f"{f.type} {_describe(f)} ('{f.text}') is not in the {where}"
        issues.append(FactIssue(type=f.type, source=f.text, detail=detail, side=side))
    return issues


def _words_of_kept_forms(src: list[Fact], translation_en: str, gaz: Gazetteer) -> set[str]:
    """The words of the English forms of source names the translation has ("SQ" → "Quebec provincial police"): a
    place among them ("Quebec") is part of that name, not one the source lacks."""
    index = TextIndex(translation_en)
    out: set[str] = set()
    for f in src:
        if f.type == "name":
            for e in gaz.fr2en.get(fold(f.text), []):
                if " " in e and index.has_phrase(e):
                    out.update(re.sub(r"['’]s$", "", fold(w)) for w in e.split())  # "France's highest court"
    return out


def _weekday_left_out(f: Fact, pool: set[str]) -> bool:
    """A weekday alone ("a annoncé mardi") that the translation leaves out, naming no other day instead: translators
    drop it or turn it into "yesterday", "this week" when the context makes it plain. A weekday *changed*
    ("mardi" → "Friday") is still reported, from both sides."""
    return f.type == "date" and f.data.get("weekday") is not None and not any(k.startswith("w:") for k in pool)


def _check_names(
    have: list[Fact], other_text: str, gaz: Gazetteer, direction: str, side: str, where: str,
    name_translator: NameTranslator | None = None, source_text: str = "",
) -> list[FactIssue]:
    index = TextIndex(other_text)
    issues = []
    context: dict = {}  # what left_out_by_choice computed once for this pair
    for f in have:
        if f.type != "name":
            continue
        if name_found(f, index, gaz, direction, name_translator) is not False:
            continue
        if direction == "fr>en" and left_out_by_choice(f, index, gaz, source_text, context):
            continue  # translated, re-lettered or referred to by a pronoun, and no other name in its place
        if side == "source":
            detail = f"name '{f.text}' is missing from the {where}"
        else:
            detail = f"name '{f.text}' is not in the {where}"
        issues.append(FactIssue(type="name", source=f.text, detail=detail, side=side))
    return issues


def _check_quotes(src: list[Fact], tgt: list[Fact], translation: str, gaz: Gazetteer) -> list[FactIssue]:
    """Quotations keep their quotation marks and their speaker.

    A source quotation of six words or more (shorter quoted spans are mostly titles and scare quotes) is reported
    lost when the translation has no quotation mark at all: translators merge, split and re-punctuate quotations
    too freely for a count to be reliable, but a translation that drops every quotation mark has turned quoted
    speech into the author's own words. When the source names a quotation's speaker and that name is nowhere in
    the translation, the issue names the speaker the translation gives instead (a misattributed quote).
    """
    sq = [f for f in src if f.type == "quote" and not f.soft]
    all_sq = [f for f in src if f.type == "quote"]
    tq = [f for f in tgt if f.type == "quote"]
    issues = []
    if sq and not tq and not re.search(r"[\"«»“”„‘’]|(?<!\w)'|'(?!\w)", translation) and not _HEADLINE_SPEAKER.match(
        translation
    ):
        for q in sq:
            issues.append(FactIssue(type="quote", source=_short(q.text),
                                    detail="quotation lost its quotation marks in the translation"))
    index = TextIndex(translation)
    if len(all_sq) == len(tq):
        for q, t in zip(all_sq, tq):
            spk, tspk = q.data.get("speaker"), t.data.get("speaker")
            if not spk or not tspk:
                continue
            tmp = Fact(type="name", text=spk, start=0, end=0, value=spk, data={"tokens": spk.split()})
            other = Fact(type="name", text=tspk, start=0, end=0, value=tspk, data={"tokens": tspk.split()})
            if name_found(tmp, index, gaz, "fr>en") is False and strong_name(other, gaz):
                issues.append(FactIssue(type="quote", source=_short(q.text),
                                        detail=f"quotation attributed to '{tspk}' instead of '{spk}'"))
    return issues


# "Simon Ornest: At the concerts we want…": a headline's way of quoting, speaker and colon, without marks.
_HEADLINE_SPEAKER = re.compile(r"\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}:\s+\S")


def _check_glossary(source_fr: str, translation_en: str, glossary) -> list[FactIssue]:
    index = TextIndex(translation_en)
    issues = []
    for entry, surface in glossary.find(source_fr):
        target = re.sub(r"^(?:the|a|an) ", "", entry.target, flags=re.IGNORECASE)
        if not index.has_phrase(target):
            issues.append(FactIssue(type="name", source=surface,
                                    detail=f"glossary: '{surface}' should be translated as '{entry.target}'"))
    return issues


def _short(text: str, n: int = 80) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _dedupe(issues: list[FactIssue]) -> list[FactIssue]:
    seen = set()
    out = []
    for i in issues:
        k = (i.type, fold(i.source), i.side, i.detail.split(" is ")[0])
        if k in seen:
            continue
        seen.add(k)
        out.append(i)
    return out


def check_summary(source_en_translation: str, summary_en: str, *, types: Iterable[str] = DEFAULT_TYPES) -> list[FactIssue]:
    """Facts a summary states that its (English) source does not support: invented or changed numbers, dates,
    money and names, and quotations that are not verbatim in the source (or lost their speaker)."""
    from .provenance import check_summary_quotes

    types = set(types)
    gaz = gazetteer_with(None)
    src = extract_facts(source_en_translation, "en", gaz)
    summ = extract_facts(summary_en, "en", gaz)
    issues = _check_values(summ, src, types, "target", "source")
    for i in issues:
        i.detail = i.detail.replace("is not in the source", "is not supported by the source")
    if "name" in types:
        index = TextIndex(source_en_translation)
        for f in summ:
            if f.type == "name" and name_found(f, index, gaz, "en>en") is False:
                issues.append(FactIssue(type="name", source=f.text, side="target",
                                        detail=f"name '{f.text}' is not supported by the source"))
    if "quote" in types:
        issues += check_summary_quotes(source_en_translation, summary_en, src_facts=src, summary_facts=summ)
    return _dedupe(issues)
