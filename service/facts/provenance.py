"""Summary provenance: which translated sentences support each summary bullet, and quotations a summary changed.

The measure needs no model: IDF-weighted recall of the bullet's content words (Porter stems, stop words out,
numbers kept) by the sentences chosen for it. Sentences are chosen greedily, best new coverage first, up to
``MAX_SUPPORT`` of them, while each adds at least ``MIN_GAIN`` of the bullet's weight. ``support`` is the share
of the bullet's weight covered by the chosen sentences; the bullet is ``supported`` when support reaches the
threshold (setting ``WIREBRIEF_PROVENANCE_THRESHOLD``, default 0.5) and the fact checker finds no number, date,
money amount or quotation in it that the source does not back.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from rapidfuzz import fuzz

from .extract import extract_facts
from .model import Fact, FactIssue, Provenance
from .gazetteer import gazetteer_with
from .name_match import TextIndex, name_found
from .text import fold

MAX_SUPPORT = 3
MIN_GAIN = 0.15
DEFAULT_THRESHOLD = 0.5

_STOP = set(
    """a an the and or but if of to in on at by for with from as is are was were be been being it its this that these
    those he she they we you i his her their our your my him them us me not no nor so than then there here which who
    whom whose what when where why how all any each both few more most other some such only own same too very can
    will would should could may might must shall do does did has have had having also into over under about after
    before between during through up down out off again further once said says say""".split()
)


@lru_cache(maxsize=1)
def _stemmer():
    from nltk.stem.porter import PorterStemmer

    return PorterStemmer()


def content_tokens(text: str) -> list[str]:
    stem = _stemmer().stem
    out = []
    for w in re.findall(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)?", fold(text)):
        w = re.sub(r"['’]s$", "", w)
        if w in _STOP or len(w) < 2 and not w.isdigit():
            continue
        out.append(w.replace(",", "") if w[0].isdigit() else stem(w))
    return out


def link_provenance(
    summary_items: list[str], translated_sentences: list[str], threshold: float | None = None
) -> list[Provenance]:
    """For each summary item, the translated sentence indices that support it (best first) and how well."""
    if threshold is None:
        try:
            from service.settings import get_settings

            threshold = get_settings().provenance_threshold
        except Exception:  # settings unavailable: the documented default
            threshold = DEFAULT_THRESHOLD
    sents = [set(content_tokens(s)) for s in translated_sentences]
    n = len(sents)
    df: dict[str, int] = {}
    for toks in sents:
        for t in toks:
            df[t] = df.get(t, 0) + 1

    def idf(t: str) -> float:
        return math.log((n + 1) / (df.get(t, 0) + 1)) + 1.0

    source_text = " ".join(translated_sentences)
    out = []
    for i, item in enumerate(summary_items):
        toks = set(content_tokens(item))
        weight = {t: idf(t) for t in toks}
        total = sum(weight.values())
        chosen: list[int] = []
        scores: list[float] = []
        covered: set[str] = set()
        if total > 0:
            for _ in range(MAX_SUPPORT):
                best, best_gain = -1, 0.0
                for j, st in enumerate(sents):
                    if j in chosen:
                        continue
                    gain = sum(weight[t] for t in (toks & st) - covered)
                    if gain > best_gain:
                        best, best_gain = j, gain
                if best < 0 or best_gain / total < MIN_GAIN:
                    break
                chosen.append(best)
                scores.append(round(sum(weight[t] for t in toks & sents[best]) / total, 3))
                covered |= toks & sents[best]
        support = round(sum(weight[t] for t in covered) / total, 3) if total else 0.0
        issues = check_item(source_text, item)
        hard = [x for x in issues if x.type in ("number", "date", "money", "quote")]
        out.append(
            Provenance(item=i, text=item, sentences=chosen, scores=scores, support=support,
                       supported=support >= threshold and not hard, issues=issues)
        )
    return out


def check_item(source_en: str, item: str) -> list[FactIssue]:
    from .match import check_summary

    return check_summary(source_en, item)


# --- quotations in summaries -------------------------------------------------------------------------------------
def _norm(s: str) -> str:
    return " ".join(re.findall(r"\w+", fold(s)))


def check_summary_quotes(
    source_en: str, summary_en: str, src_facts: list[Fact] | None = None, summary_facts: list[Fact] | None = None
) -> list[FactIssue]:
    """A quotation in a summary must be verbatim in the source (word for word, case and punctuation aside) and
    keep its speaker."""
    gaz = gazetteer_with(None)
    src_facts = src_facts if src_facts is not None else extract_facts(source_en, "en", gaz)
    summary_facts = summary_facts if summary_facts is not None else extract_facts(summary_en, "en", gaz)
    norm_src = _norm(source_en)
    src_quotes = [f for f in src_facts if f.type == "quote"]
    issues = []
    for q in summary_facts:
        if q.type != "quote" or len(_norm(q.text).split()) < 2:
            continue
        nq = _norm(q.text)
        if nq in norm_src:
            host = _host_quote(src_quotes, nq)
            spk = q.data.get("speaker")
            if spk and host is not None:
                src_spk = host.data.get("speaker")
                if src_spk and name_found(
                    Fact(type="name", text=spk, start=0, end=0, value=spk, data={"tokens": spk.split()}),
                    TextIndex(src_spk), gaz, "en>en") is False:
                    issues.append(FactIssue(type="quote", source=q.text, side="target",
                                            detail=f"quotation attributed to '{spk}'; the source attributes it to '{src_spk}'"))
            continue
        closest = max((s.text for s in src_quotes), key=lambda t: fuzz.partial_ratio(nq, _norm(t)), default=None)
        if closest and fuzz.partial_ratio(nq, _norm(closest)) >= 60:
            detail = f"quotation reworded: the source says \u201c{_short(closest)}\u201d"
        else:
            detail = "quotation not found in the source"
        issues.append(FactIssue(type="quote", source=q.text, side="target", detail=detail))
    return issues


def _host_quote(src_quotes: list[Fact], nq: str) -> Fact | None:
    for f in src_quotes:
        if nq in _norm(f.text):
            return f
    return None


def _short(text: str, n: int = 120) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
