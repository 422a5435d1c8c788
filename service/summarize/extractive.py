"""Summaries that need no weights: lead (first sentences) and centrality (LexRank-style degree centrality over
TF-IDF cosine similarity). A selectable fallback and the baseline for evaluation."""

from __future__ import annotations

import math
import re
from collections import Counter

from service.result import Summary

from .fit import leading_clauses, make_summary, select
from .presets import Preset

_TOKEN = re.compile(r"\w+", re.UNICODE)


def _tokens(text: str) -> list[str]:
    return [t.casefold() for t in _TOKEN.findall(text) if len(t) > 2]


def centrality_order(sentences: list[str]) -> list[int]:
    """Sentence indices, most central first (ties broken by position)."""
    bags = [Counter(_tokens(s)) for s in sentences]
    df = Counter(t for bag in bags for t in bag)
    n = len(sentences)
    idf = {t: math.log((1 + n) / (1 + c)) + 1 for t, c in df.items()}
    vecs = [{t: c * idf[t] for t, c in bag.items()} for bag in bags]
    norms = [math.sqrt(sum(v * v for v in vec.values())) or 1.0 for vec in vecs]
    scores = []
    for i, a in enumerate(vecs):
        total = 0.0
        for j, b in enumerate(vecs):
            if i != j:
                total += sum(w * b.get(t, 0.0) for t, w in a.items()) / (norms[i] * norms[j])
        scores.append(total)
    return sorted(range(n), key=lambda i: (-scores[i], i))


class LeadSummarizer:
    method = "extractive-lead"

    def summarize(self, sentences: list[str], preset: Preset) -> Summary:
        return _extract(sentences, list(range(len(sentences))), preset, self.method)


class CentralitySummarizer:
    method = "extractive-centrality"

    def summarize(self, sentences: list[str], preset: Preset) -> Summary:
        return _extract(sentences, centrality_order(sentences), preset, self.method)


def _extract(sentences: list[str], order: list[int], preset: Preset, method: str) -> Summary:
    ranked = [sentences[i] for i in order]
    chosen = select(preset, ranked)
    notes: list[str] = []
    if chosen:
        # Present extracted sentences in document order.
        position = {s: i for i, s in reversed(list(enumerate(sentences)))}
        chosen.sort(key=lambda s: position[s])
    elif ranked:
        clause = leading_clauses(ranked[0], preset.max_words)
        if clause:
            chosen = [clause]
            notes.append(f"no whole sentence fits in {preset.max_words} words: leading clauses of the top sentence")
        else:  # never an empty summary: the top sentence's opening words, marked as cut
            words = ranked[0].split()
            if words:
                chosen = [" ".join(words[: preset.max_words]).rstrip(",;:") + "…"]
                notes.append(
                    f"no sentence or clause fits in {preset.max_words} words: the top sentence's first words, cut (…)"
                )
    if preset.itemized and len(chosen) < (preset.items or 0):
        notes.append(f"only {len(chosen)} of {preset.items} points: the text has too few sentences that fit")
    return make_summary(preset, chosen, method, notes)
