"""From beam-search candidates to a pool of distinct, complete sentences, best first.

What CNN/DailyMail summarizers actually write (see tests/service/data/summarizer_outputs.json): 3–4 highlight
sentences of 10–30 words; beams that are near-copies of each other; " ." / " ," tokenization artefacts
(distilbart); a quoted phrase closed without a full stop and fused with the next sentence; pronoun-led secondary
sentences ("She pleaded…", "He says…"); and text cut mid-sentence at the token cap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from rapidfuzz import fuzz

_ARTEFACTS = [
    (re.compile(r"\s+([.,;:!?%])"), r"\1"),
    (re.compile(r"\s+(n't|'s|'re|'ve|'ll|'d|'m)\b", re.IGNORECASE), r"\1"),
    (re.compile(r"([(\[])\s+"), r"\1"),
    (re.compile(r"\s+([)\]])"), r"\1"),
    (re.compile(r"\s{2,}"), " "),
]
# A quotation closed without punctuation and followed by a new capitalized sentence (distilbart's
# '… "in the first degree" In total, she …'): the quote ends a sentence that lost its full stop.
_FUSED_QUOTE = re.compile(r'(?<=[\w"”])(["”])\s+(?=[A-Z][a-z])')
_COMPLETE = re.compile(r"[.!?][\"'”’)\]]*$")
_WORD = re.compile(r"[\w'’-]+", re.UNICODE)
_PRONOUNS = {
    "he", "she", "it", "they", "his", "her", "its", "their", "him", "them", "this", "these", "those", "that",
    "such", "both", "another", "meanwhile", "however", "but", "and", "also", "then", "there",
}
_DETERMINERS = {"the", "this", "these", "those", "that"}
_OF = {"of", "in", "at", "for", "from", "between", "on", "against", "over", "to", "with", "by"}
_STOPWORDS = {
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "by", "with", "from", "and", "or", "but", "is", "are",
    "was", "were", "be", "been", "has", "have", "had", "it", "its", "he", "she", "they", "his", "her", "their",
    "that", "this", "as", "says", "said", "say", "will", "would", "not", "who", "which", "after", "before", "over",
}
NEAR_DUPLICATE_RATIO = 75.0
"""rapidfuzz token_set_ratio at or above which two sentences are one point said twice."""
SHARED_CONTENT = 0.5
"""Share of the shorter sentence's content words found in the other at or above which they repeat one fact."""


@dataclass(frozen=True)
class Generated:
    """One beam candidate: its text and whether generation stopped at the token cap (the text is cut short)."""

    text: str
    cut: bool = False
    tokens: int = 0
    """Tokens written (a forced BOS included; the decoder start and end token not), as counted by the engine."""


def clean(text: str) -> str:
    """Undo detokenization artefacts (" ." → ".", " 's" → "'s"…) so words are counted as a reader counts them."""
    text = text.strip()
    for pattern, replacement in _ARTEFACTS:
        text = pattern.sub(replacement, text)
    return text.strip()


def is_complete(sentence: str) -> bool:
    """Ends with final punctuation (possibly inside closing quotes or brackets)."""
    return bool(_COMPLETE.search(sentence.strip()))


def split_fused(sentence: str) -> list[str]:
    return [part.strip() for part in _FUSED_QUOTE.sub(r"\1\n", sentence).split("\n") if part.strip()]


def _content(sentence: str) -> set[str]:
    words = {w.casefold().strip("'’") for w in _WORD.findall(sentence)}
    return {w[:6] for w in words if w not in _STOPWORDS and len(w) > 1}


def _numeric_facts(sentence: str) -> set[tuple[str, str]]:
    """A number with the word after it ("10 times", "500 personnel"): a fact a summary should state once."""
    words = [w.casefold() for w in _WORD.findall(sentence)]
    return {(a, b[:6]) for a, b in zip(words, words[1:]) if any(ch.isdigit() for ch in a)}


def _phrases(sentence: str) -> set[tuple[str, ...]]:
    """Word trigrams with two lower-case content words ("pleaded not guilty"): one event told with the same words.
    Names are left out (two different points may both name "the United States")."""
    words = _WORD.findall(sentence)
    out = set()
    for gram in zip(words, words[1:], words[2:]):
        content = [w for w in gram if w.islower() and w not in _STOPWORDS]
        if len(content) >= 2:
            out.add(tuple(w.casefold() for w in gram))
    return out


def near_duplicate(a: str, b: str) -> bool:
    """The two sentences make the same point: a paraphrase, a subset, the same numeric fact or the same event
    in the same words."""
    if fuzz.token_set_ratio(a, b) >= NEAR_DUPLICATE_RATIO:
        return True
    if _numeric_facts(a) & _numeric_facts(b) or _phrases(a) & _phrases(b):
        return True
    ca, cb = _content(a), _content(b)
    if not ca or not cb:
        return False
    return len(ca & cb) / min(len(ca), len(cb)) >= SHARED_CONTENT


def stands_alone(sentence: str) -> bool:
    """Readable without the sentences around it: not led by a pronoun or connective, and not led by a bare
    definite description ("The alliance…", "The mission…") unless the sentence names someone or something."""
    words = _WORD.findall(sentence)
    if not words:
        return False
    first = words[0].casefold()
    if first in _PRONOUNS:
        return False
    if first in _DETERMINERS and len(words) > 2:
        # "The alliance currently has…", "The publications say…": a bare common noun as subject refers back to
        # something named earlier. "The killing of Iranian general…", "The US wish…" name it themselves.
        noun, after = words[1], words[2].casefold()
        return not (noun.islower() and after not in _OF)
    return True


@dataclass
class Pool:
    """Distinct complete sentences, best candidate first, with what was left out and why."""

    sentences: list[str]
    dropped_cut: int = 0
    dropped_incomplete: int = 0
    dropped_duplicates: int = 0

    def notes(self) -> list[str]:
        notes = []
        if self.dropped_cut:
            notes.append(f"{self.dropped_cut} sentence(s) cut at the token cap left out")
        if self.dropped_incomplete:
            notes.append(f"{self.dropped_incomplete} sentence(s) without final punctuation left out")
        return notes


def rank(candidates: list[Generated], split: Callable[[str], list[str]]) -> Pool:
    """Sentences of the top candidate in order, then any new point made by the next candidates. A candidate cut
    at the cap loses its last sentence; sentences without final punctuation and repeats of a point already in
    the pool are left out."""
    pool = Pool([])
    for candidate in candidates:
        sentences = [part for s in split(clean(candidate.text)) for part in split_fused(clean(s))]
        if candidate.cut and sentences:
            sentences.pop()
            pool.dropped_cut += 1
        for sentence in sentences:
            if not is_complete(sentence):
                pool.dropped_incomplete += 1
            elif any(near_duplicate(sentence, kept) for kept in pool.sentences):
                pool.dropped_duplicates += 1
            else:
                pool.sentences.append(sentence)
    return pool
