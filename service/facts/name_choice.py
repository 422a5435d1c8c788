"""Names a translation leaves out by choice, not by mistake: a source name missing from the translation is still
not reported when

- it is made only of French dictionary words ("Frères musulmans", "Jardin d'été", "Verseau": a name a translator
  translates), or it is a single place or person the translation refers to by a pronoun or a description ("the
  country", "there", "he"), or a country it names by its adjective ("États-Unis" → "American") — *and* the translation names nobody and nowhere the source lacks. A name swapped for
  another always leaves the other one in the translation, so these two never hide a swap; they do hide a name
  simply dropped where the translation has such a pronoun (the price of not reporting the coreference choices of
  human translators: "l'Allemagne a démontré…" → "the country has shown…");
- it is a body's acronym written as a word that the translation describes ("Insee" → "the national statistics
  office"), with the same condition: no other name in its place;
- it is part of a body's name spelled out before the body's acronym in brackets ("Fonds des Nations unies pour
  l'enfance (Unicef)"), and the translation has the acronym ("UNICEF"), with the same condition;
- it is an acronym, and the translation has an acronym of its own that the source lacks, the gazetteer does not
  know and English text rarely uses ("ISC" → "NKU"): the body's name spelled in another language's letters. Known
  acronyms ("UN", "US", "NATO") and well-known ones ("FBI", "NBC": frequent in English per wordfreq) do not count:
  they name some other, known body.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .extract import extract_facts
from .gazetteer import EN_STOP, Gazetteer
from .model import Fact
from .lexicon import load_lexicon
from .name_match import TextIndex, _capitalized_rendering, name_found
from .spelling import _zipf
from .text import fold

# Words of an English sentence that refer back to a place or to a person named before.
_REFERS_TO_PLACE = re.compile(
    r"\b(?:the (?:country|city|capital|region|state|town|university|planet)s?|there|it|its|they|their|them)\b",
    re.IGNORECASE,
)
_REFERS_TO_PERSON = re.compile(r"\b(?:he|she|his|her|him)\b", re.IGNORECASE)


def left_out_by_choice(f: Fact, translation: TextIndex, gaz: Gazetteer, source: str, context: dict) -> bool:
    """Is the source name ``f``, not found in ``translation``, one a translator leaves out by choice (see the
    module's docstring)? ``context`` caches, per source/translation pair, whether the translation names something
    the source lacks."""
    if acronym_relettered(f, translation, gaz, source) or acronym_defined_in_both(f, translation, source):
        return True
    spelled = spelled_out_before_its_acronym(f, translation, gaz, source)
    if spelled and translation.has_expansion(spelled):
        # the body is in the translation under its acronym, spelled out in English words with the same initials
        # ("General Inspectorate of the National Gendarmerie (IGGN)"): those words are its name, not a swap
        return True
    if not (f.data.get("dictionary") or referred_to(f, translation.text, gaz) or by_its_adjective(f, translation, gaz)
            or described(f) or spelled):
        return False
    if "other_name" not in context:
        context["other_name"] = names_something_else(translation.text, source, gaz)
    return not context["other_name"]


def acronym_relettered(f: Fact, translation: TextIndex, gaz: Gazetteer, source: str) -> bool:
    if not (2 <= len(f.text) <= 6 and f.text.isupper() and f.text.isalpha()):
        return False
    return any(a not in source and fold(a) not in gaz.en2fr and _zipf(a.lower(), "en") < KNOWN_ACRONYM_ZIPF
               for a in translation.acronyms)


_FR_LINKS = {"de", "des", "du", "d", "la", "le", "les", "l", "et", "pour", "aux", "au", "à", "en", "sur"}


def acronym_defined_in_both(f: Fact, translation: TextIndex, source: str) -> bool:
    """ "la Communauté des Etats indépendants (CEI)" → "the Commonwealth of Independent States (CIS)": the source
    spells its acronym out just before it, and the translation spells out a body of as many capitalized words (with
    its English acronym or without: the acronym adds no fact to the name in full)."""
    acronym = f.text
    if not (2 <= len(acronym) <= 6 and acronym.isupper() and acronym.isalpha()):
        return False
    before = source[max(0, f.start - 200) : f.start]  # a window: a search anchored at the end scans every start
    if not re.search(r"\(\s*$", before):
        return False
    m = re.search(r"([^()]{0,160}?)[\"»”]?\s*\(\s*$", before)
    if not m:
        return False
    if not _initials(m.group(1)).endswith(acronym):
        return False
    # the translation spells a body of as many words out (its English acronym after it or not), and one of the
    # source's spelled-out words is in the translation as written, as a cognate or as the lexicon's rendering
    # ("indépendants" ~ "Independent"): "the Gulf Cooperation Council" for "la Communauté des Etats indépendants
    # (CEI)" is another body
    if not any(len(i) == len(acronym) for i in translation.bodies):
        return False
    words_ = [w for w in re.split(r"[\s'’\-]+", m.group(1)) if len(w) >= 4 and fold(w) not in _FR_LINKS]
    lexicon = load_lexicon()
    return any(translation.has_cognate(w) or any(_capitalized_rendering(r, translation) for r in lexicon.translations(w))
               for w in words_[-len(acronym) - 2 :])


# "Fonds des Nations unies pour l'enfance (Unicef)": the rest of the body's spelled-out name, then its acronym in
# brackets. A translation that writes only the acronym ("UNICEF warns…") keeps the body and so every name inside.
_ACRONYM_AFTER = re.compile(r"((?:[\s'’-]+[^\W\d_]+){0,4}?)\s*\(\s*([A-Z][A-Za-z]{1,7})\s*\)")


_SPELLED_ACRONYM_AFTER = re.compile(r"((?:[\s'’-]+[^\W\d_]+){0,8}?)\s*\(\s*([A-Z]{2,7})\s*\)")


def _initials(words: str) -> str:
    return "".join(w[0] for w in re.split(r"[\s'’\-]+", words) if w[:1].isalpha() and fold(w) not in _FR_LINKS).upper()


def spelled_out_before_its_acronym(f: Fact, translation: TextIndex, gaz: Gazetteer, source: str) -> str:
    """Is the name ``f`` part of a body's name spelled out before its acronym in brackets, and is that acronym (or
    its English form: "HCR" in "UNHCR", "OMS" ~ "WHO") in the translation? The acronym when it is, "" when not."""
    if f.data.get("label") == "PER" or source[f.start : f.end] != f.text:
        return ""  # a person is no part of a body's name: "Jean Dupont (PS)" is his party
    m = _ACRONYM_AFTER.match(source, f.end) or _SPELLED_ACRONYM_AFTER.match(source, f.end)
    if not m:
        return ""
    if any(w[:1].isupper() for w in re.split(r"[\s'’-]+", m.group(1))) and _initials(
            source[f.start : m.start(2)]) != m.group(2).upper():
        # at most four lower-case words between the name and the bracket, no comma, no other name — unless the
        # words from the name to the bracket spell the acronym: "Inspection générale de la Gendarmerie nationale
        # (IGGN)" is one body
        return ""
    acronym = m.group(2)
    for a in translation.acronyms:
        if a == acronym.upper() or a.endswith(acronym.upper()) and len(a) - len(acronym) <= 2:
            return a  # "(Unicef)" ~ "UNICEF", "(HCR)" ~ "UNHCR"
    if sum(c.isupper() for c in acronym) < 2:
        return ""  # "(Paris)": a word, not an acronym
    found = name_found(Fact(type="name", text=acronym, start=m.start(2), end=m.end(2), value=acronym), translation,
                       gaz, "fr>en")
    return acronym if found is True else ""


# An acronym at least this frequent in English text (wordfreq's Zipf scale: "FBI" 4.4, "NBC" 4.0, "IMF" 3.5) names
# a well-known body; a local body's acronym is rare ("NKU" 1.7, "UGC" 2.6, "CBSA" 2.0).
KNOWN_ACRONYM_ZIPF = 3.0


def described(f: Fact) -> bool:
    """A body's acronym written as a word ("Insee", "Samu", "Fnac") that the translation describes instead ("the
    national statistics office", "emergency services"): one word, not in capitals, that the model calls an
    organisation and English text hardly uses. An acronym in capitals dropped for a description is not covered
    here: "notre ISC" → "an office like ours" is as likely a dropped name (the gazetteer lists the known ones:
    "SNCF" → "French railways")."""
    words_ = f.data.get("tokens") or f.text.split()
    if len(words_) != 1:
        return False
    w = words_[0]
    return f.data.get("label") == "ORG" and len(w) <= 6 and w[:1].isupper() and not w.isupper() and (
        _zipf(w.lower(), "en") < DESCRIBED_ZIPF)


# An organisation's one-word name rarer than this in English ("insee" 1.6, "samu" 1.9) is a local body's acronym
# written as a word, which an English translation describes; "Renault" (3.2), "Google" are kept as they are.
DESCRIBED_ZIPF = 2.5


def referred_to(f: Fact, translation: str, gaz: Gazetteer) -> bool:
    """A one-word place or person (an entity the model calls so, or a gazetteer name), and the translation has a
    word that refers back to one: a place word ("the country", "there", "it") or a personal pronoun ("he")."""
    if len(f.data.get("tokens") or f.text.split()) != 1 or f.text.isupper() and f.text.isalpha():
        return False  # an acronym names a body or a thing ("CDI", "GPA"), which "he" or "there" does not refer to
    if f.data.get("label") in ("LOC", "GAZ", "PER") or fold(f.text) in gaz.fr2en:
        # either kind of word: the small model calls a village "PER" ("Esitjeni" → "it") as easily as a person "LOC"
        return _refers_back(translation)
    return False


@lru_cache(maxsize=256)
def _refers_back(translation: str) -> bool:
    """Asked for every one-word name of a sentence pair: searched once per translation."""
    return _REFERS_TO_PLACE.search(translation) is not None or _REFERS_TO_PERSON.search(translation) is not None


def by_its_adjective(f: Fact, translation: TextIndex, gaz: Gazetteer) -> bool:
    """A country the translation names by its adjective or people ("aux États-Unis" → "American corporations")."""
    forms = gaz.place_demonyms.get(fold(f.text), [])
    return any(translation.has_phrase(d) for d in forms if d[:1].isupper() and not d.isupper())


def names_something_else(translation: str, source: str, gaz: Gazetteer) -> bool:
    """Does the translation name someone or somewhere the source does not: one of its names, or a capitalized
    word at a sentence start (which the English name finder leaves out: "Ohio does not…"), that the source
    supports in no form?"""
    from .names import tokens

    src_index = TextIndex(source)
    facts = extract_facts(translation, "en", gaz)
    # a nationality ("the French railways") makes the speaker explicit; a swap never puts one in
    cands = [t for t in facts if t.type == "name" and not _nationality(t.text, gaz)]
    covered = [(t.start, t.end) for t in facts]  # "Thursday", "the Forties": dates, not names
    for tok in tokens(translation):
        if (tok.cap and not any(a <= tok.start < b for a, b in covered) and fold(tok.text) not in EN_STOP
                and not _nationality(tok.text, gaz) and not _english_word(tok.text, gaz)):
            cands.append(Fact(type="name", text=tok.text, start=tok.start, end=tok.end, value=tok.text,
                              data={"tokens": [tok.text]}))
    return any(name_found(t, src_index, gaz, "en>fr") is False for t in cands)


def _nationality(word: str, gaz: Gazetteer) -> bool:
    """ "French", "Germans": a nationality and not also a place ("Argentina" is listed as both)."""
    return fold(word) in gaz.en_demonyms and fold(word) not in gaz.en_places


def _english_word(word: str, gaz: Gazetteer) -> bool:
    """A sentence's capitalized first word that is a frequent English word and much rarer in French
    ("Emergency", "Officials", "Despite"): not a name. Names shared by both languages ("Johnson", "Chicago") and
    the gazetteer's names are not such words."""
    w = fold(word)
    if w in gaz.en2fr:
        return False
    en = _zipf(w, "en")
    return en >= ENGLISH_WORD_ZIPF and en - _zipf(w, "fr") >= ENGLISH_WORD_GAP


# "emergency" 4.7 in English, 2.5 in French; "Johnson" 4.7 / 4.1, "Chicago" 4.8 / 4.2, "Finland" 4.0 / 2.3 (a
# gazetteer place anyway).
ENGLISH_WORD_ZIPF = 4.0
ENGLISH_WORD_GAP = 2.0
