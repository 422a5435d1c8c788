"""Words and spellings, for telling names apart: is a capitalized word a common word of its language, and are two
spellings the same name ("Moubarak" ~ "Mubarak", "Kadhafi" ~ "Gaddafi", "tibétain" ~ "Tibetan")?"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

from .text import fold

# --- common words -------------------------------------------------------------------------------------------
# A name is shared by both languages, so its frequency is about the same in French and English text; a capitalized
# word that is common in one language and 100 times rarer in the other ("Bancaire", "Journée"; "Dying", "Director")
# is a common word written with a capital, not a name. Frequencies: wordfreq's large lists (Zipf scale); French
# surnames that are also words ("Martel", "Fontaine") stay under the gap (about 1 to 2.2), common words are over it.
COMMON_ZIPF = 3.5
COMMON_GAP = 2.3


@lru_cache(maxsize=65536)
def _zipf(word: str, lang: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, lang, wordlist="large")


def common_word(word: str, lang: str) -> bool:
    """Is ``word`` a common word of ``lang`` (not a name)?"""
    w = word.lower()
    if len(w) < 2 or (word.isupper() and len(word) <= 5):
        return False
    own = _zipf(w, lang)
    if own < COMMON_ZIPF:
        return False
    other = _zipf(w, "en" if lang == "fr" else "fr")
    return own - other >= COMMON_GAP


def function_word(word: str) -> bool:
    """Is ``word`` a French function word (spaCy's French stop words: "sienne", "vers", "leur")? Capitalized inside
    a sentence it is a name ("Sienne" is Siena), however frequent the word."""
    from spacy.lang.fr.stop_words import STOP_WORDS

    return word.lower() in STOP_WORDS


# --- skeletons for cognate matching -----------------------------------------------------------------------------
# Letters English transliterates with two ("Şirali" → "Shirali", "Ceaușescu" → "Ceausescu" keeps one: "sh" and "s"
# both skeleton to a close form); folding alone would drop the cedilla and leave "Sirali".
_TRANSLITERATE = str.maketrans({"ş": "sh", "Ş": "Sh", "ș": "sh", "Ș": "Sh", "ţ": "ts", "Ţ": "Ts", "ț": "ts", "Ț": "Ts"})
_KH = re.compile("kh")


def skeleton(word: str) -> str:
    """A spelling-insensitive key: "Moubarak" and "Mubarak", "Kadhafi" and "Gaddafi" come close."""
    w = fold(word.translate(_TRANSLITERATE))
    w = re.sub(r"['\-. ]", "", w)
    for a, b in (("tch", "ch"), ("sch", "ch"), ("sh", "ch"), ("ou", "u"), ("ph", "f"), ("th", "t"), ("dh", "d"),
                 ("ck", "k"), ("qu", "k"), ("q", "k"), ("kh", "k"), ("y", "i"), ("dj", "j"), ("w", "v")):
        w = w.replace(a, b)
    w = re.sub(r"c(?!h)", "k", w)
    w = w.replace("ae", "e")
    w = re.sub(r"(.)\1+", r"\1", w)
    w = re.sub(r"(?<=\w{3})(?:es|s)$", "", w)
    w = re.sub(r"(?<=\w{3})[aeo]+h?$", "", w)
    return w


_NAME_SUFFIXES = {"n", "an", "ian", "ean", "ns", "ans", "s", "es", "i", "is", "ese", "ish", "ien", "ienne", "ais", "aise"}


_DEMONYM_END = re.compile(r"(?:ienne?s?|aise?s?|oise?s?|aine?s?|ese|ians?|ans?|ish|is?|ennes?|en|ens|ais)$")


def _root(w: str) -> str:
    return _DEMONYM_END.sub("", re.sub(r"[^a-z]", "", w))


def cognate(a: str, b: str) -> bool:
    if len(a) < 4 or len(b) < 4:
        return fold(a) == fold(b)
    sa, sb = skeleton(a), skeleton(b)
    if sa == sb or skeleton(_KH.sub("ch", fold(a))) == skeleton(_KH.sub("ch", fold(b))):
        return True  # "kh" is "ch" in German and Czech transliteration: "Khaled" ~ "Chaled"
    short, long_ = sorted((sa, sb), key=len)
    if len(short) >= 3 and long_.startswith(short) and long_[len(short):] in _NAME_SUFFIXES:
        return True  # "Maya" ~ "Mayan", "Canaries" ~ "Canarian"
    ra, rb = _root(fold(a)), _root(fold(b))
    if len(ra) >= 4 and ra == rb:
        return True  # "javanais" ~ "Javanese", "tibétain" ~ "Tibetan"
    if min(len(sa), len(sb)) < 4:
        return False  # "Higgs" (higs → hig) is not "high"
    ca, cb = re.sub(r"[aeiouh]", "", sa), re.sub(r"[aeiouh]", "", sb)
    if ca == cb and (len(ca) >= 4 or len(ca) >= 3 and min(len(a), len(b)) >= 7):
        return True  # "Hezbollah" ~ "Hizbullah"
    short, long_ = sorted((sa, sb), key=len)
    if long_.startswith(short) and (len(short) >= 5 or len(short) >= 3 and long_[len(short):] in _NAME_SUFFIXES):
        return True  # "Canaries" ~ "Canarian", "Maya" ~ "Mayan"
    return fuzz.ratio(sa, sb) >= 80
