"""Small text helpers shared by the extractors: accent folding, spaces, tokens, sentence starts."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Every space-like character French typography uses (NBSP, narrow NBSP, thin space…) plus the ASCII space.
SPACES = " \u00a0\u202f\u2009\u2007\u2008\u200a"
SPACE_CLASS = "[" + SPACES + "]"
APOSTROPHES = "'’ʼ`´"
APOS_CLASS = "['’ʼ`´]"

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)


def fold(text: str) -> str:
    """Lower-case, strip accents, unify apostrophes and dashes: the form names and terms are compared in. Words and
    short spans are memoized (the name checks fold the same ones thousands of times a dispatch); whole texts are
    not, so the memo never holds dispatches."""
    return _fold_short(text) if len(text) <= 64 else _fold(text)


@lru_cache(maxsize=1 << 16)
def _fold_short(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(APOS_CLASS, "'", text)
    text = re.sub("[‐‑‒–—―]", "-", text)
    return text.lower()


def normalize_spaces(text: str) -> str:
    return re.sub(SPACE_CLASS + "+", " ", text)


def words(text: str) -> list[str]:
    """Alphabetic words (hyphenated and apostrophe-joined words kept whole)."""
    return _WORD.findall(text)


_ABBREV = re.compile(
    r"(?:^|[\s(.])(?:[A-Z]|M|MM|Mme|Mmes|Mlle|Mr|Mrs|Ms|Dr|Dre|Pr|Me|Mgr|St|Ste|Sr|Jr|Prof|Gen|Gén|Col|Lt|Capt|Sgt|"
    r"Gov|Sen|Rep|Rev|av|apr|J-C|etc|cf|vol|art|no|n°)$"
)


# A capitalized function word or weekday glued to the word before it: two sentences, or a headline and its text,
# run together ("remaniementMardi, le président", "LE PS PART POUR IVRYPour le Parti socialiste"), as copy pasted
# from a web page often is.
_GLUED = re.compile(r"(?:(?<=[a-zà-öø-ÿ]{3})|(?<=[A-ZÀ-ÖØ-Þ]{3}))[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+\b")
_OPENERS = {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"}


# A date that ends a heading, glued to the next sentence: "Les Balkany, le 3 févrierLe 3 février s'ouvrira",
# "le 20 août 2020Mme Merkel"
_GLUED_AFTER_DATE = re.compile(r"(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre"
                               r"|d[ée]cembre|\b\d{4})([A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ])")


def glued_starts(text: str) -> list[int]:
    """Offsets of sentence-opening words glued to the word before them (see ``_GLUED``, ``_GLUED_AFTER_DATE``)."""
    return sorted([m.start() for m in _GLUED.finditer(text)
                   if m.group(0).lower() in _french_stop_words() or fold(m.group(0)) in _OPENERS]
                  + [m.start(1) for m in _GLUED_AFTER_DATE.finditer(text)])


@lru_cache(maxsize=1)
def _french_stop_words() -> frozenset[str]:
    from spacy.lang.fr.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def sentence_starts(text: str) -> set[int]:
    """Character offsets where a sentence (or a quotation, or a line) starts: the first word there is capitalized
    by grammar, not because it is a name."""
    starts = {0}
    for m in re.finditer(r"(?:[.!?…:;]|\n)[\"'«»“”\s\u00a0\u202f)\]]*", text):
        if text[m.start()] == "." and _ABBREV.search(text[: m.start()]):
            continue  # "M. Tremblay", "Dr. Martel", "J. R. Ewing": not a sentence end
        starts.add(m.end())
    # a dash opens an aside; a hyphen inside a word ("mid-March", "anti-Macron") does not
    for m in re.finditer(r"(?:[«“\"(\[—–]|(?<!\w)-)[\s\u00a0\u202f]*", text):
        starts.add(m.end())
    starts.update(glued_starts(text))
    return starts


def first_word_offset(text: str) -> int:
    m = re.search(r"\w", text)
    return m.start() if m else 0
