"""Names in a text. French: the entities of spaCy's French model (ner.py), plus the names the gazetteer or glossary
knows and acronyms, minus demonyms and adjectives of place (told apart by their part of speech). English (a
translation or a summary): runs of capitalized words, since the checker only needs to find them again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .gazetteer import _CONNECTORS, EN_STOP, FR_STOP, Gazetteer
from .model import Fact
from .name_match import _cover
from .spelling import _zipf, common_word, function_word
from .ner import Entity, FrenchNER
from .text import fold, glued_starts

_ROMAN = re.compile(r"^[IVXLC]+(?:e|er|re|ème)?$")  # "XXe", "Ier", "Élisabeth Ire"
_TITLE_BEFORE = re.compile(r"\b(?:M|Mme|Mlle|Mgr|Me|Dr|Pr|MM|Mmes)\.?\s+$")
_ROMAN_ORDINAL = re.compile(r"[IVXLC]{1,7}(?:e|er|re|ème)")  # "Ve", "XXIe": a number at a name's start
_TOKEN = re.compile(r"[\w][\w'’\-.]*[\w]|[\w]", re.UNICODE)
_ELISION = re.compile(r"^(?:[ldjmnstc]|qu|jusqu|lorsqu|puisqu|quoiqu)['’](?=\w)", re.IGNORECASE)

# --- tokens -----------------------------------------------------------------------------------------------------
@dataclass
class Tok:
    start: int
    end: int
    text: str

    @property
    def cap(self) -> bool:
        return self.text[:1].isupper()


# A full stop inside a token, after a word of two letters or more and before a capital: two sentences glued
# together ("à l'AFP.L'une des clefs", "par Le Monde.Des tests"), as copy pasted from a web page often is; "U.S.A"
# and "J.-C." are not split.
_GLUED_SENTENCE = re.compile(r"(?<=[^\W\d_]{2})\.(?=[A-ZÀ-ÖØ-Þ])")


def _pieces(m: re.Match) -> list[tuple[int, str]]:
    """A token cut where two sentences were glued together: at a full stop ("AFP.L'une") or before a sentence's
    first word glued to the last one ("IVRYPour", "remaniementMardi": text.glued_starts)."""
    w, s = m.group(0), m.start()
    cuts = sorted([(g.start(), g.end()) for g in _GLUED_SENTENCE.finditer(w)] + [(c, c) for c in glued_starts(w)])
    out, at = [], 0
    for a, b in cuts:
        out.append((s + at, w[at:a]))
        at = b
    out.append((s + at, w[at:]))
    return [(a, piece) for a, piece in out if piece]


def tokens(text: str) -> list[Tok]:
    out = []
    for s, w in (piece for m in _TOKEN.finditer(text) for piece in _pieces(m)):
        em = _ELISION.match(w)
        if em:
            out.append(Tok(s, s + em.end(), w[: em.end()]))
            s, w = s + em.end(), w[em.end() :]
        cm = re.search(r"['’](?:s|ve|m|d|ll|re|t)$", w, re.IGNORECASE)
        if cm and len(w) > 2:
            w = w[: cm.start()]  # "Obama's", "I've"
        w2 = w.rstrip(".")
        if len(w2) < len(w) and not re.fullmatch(r"(?:[A-Z]\.)+[A-Z]?", w):
            w = w2  # "Washington." ends a sentence; "U.S." keeps its dots
        out.append(Tok(s, s + len(w), w))
    return out


def _is_candidate(t: Tok) -> bool:
    w = t.text
    if not w[:1].isupper() or w.isdigit() or w.endswith(("'", "’")):
        return False
    if _ROMAN.match(w) and len(w) > 1:
        return False
    return any(c.isalpha() for c in w)


_TEMPERATURE_SCALES = {"celsius": "C", "fahrenheit": "F", "kelvin": "K"}


def find_french_names(
    text: str, starts: set[int], claimed: list[tuple[int, int]], gaz: Gazetteer, ner: FrenchNER
) -> list[Fact]:
    """Name facts of a French text: the model's entities (without demonyms and adjectives of place), then what it
    missed that the gazetteer or glossary knows, and acronyms."""
    toks = tokens(text)
    spans: list[tuple[int, int, str]] = []
    for e in ner.entities(text):
        start = _after_capitalized_word(e, starts, gaz, ner, text)
        if start is not None and not _overlaps(claimed, start, e.end) and not _people_or_adjective(e, text, gaz):
            spans.append((start, e.end, e.label))
    words_ = [t.text for t in toks]
    known = _cover(words_, gaz.fr2en, gaz.max_fr_words, gaz.acronyms)
    # "le quai d'Orsay", "le palais de l'Élysée", "l'hôtel de Brienne": a gazetteer name French writes with a
    # lower-case first word is a name by its capitalized word
    named_span = {(i, j): toks[i].cap or any(t.cap for t in toks[i + 1 : j]) for i, j, _ in known}
    for i, j, _ in known:
        if j - i >= 2 and named_span[i, j]:
            # a gazetteer name the model cut in pieces ("Quai d'Orsay" → "Quai", "Orsay") is one name
            a, b = toks[i].start, toks[j - 1].end
            spans = [s for s in spans if not (a <= s[0] and s[1] <= b)]
    taken = claimed + [(a, b) for a, b, _ in spans]
    for i, j, k in known:
        named = k not in gaz.demonyms or k in gaz.named_keys and toks[i].start not in starts
        if not (named_span[i, j] and named) or _overlaps(taken, toks[i].start, toks[j - 1].end):
            continue
        if (j - i == 1 and k in gaz.language_keys and toks[i].start in starts and hasattr(ner, "pos_in_lower_case")
                and ner.pos_in_lower_case(text[toks[i].start : toks[i].start + 200]) in _NOT_NOMINAL):
            # a sentence's first word, capitalized by grammar, that is only a language of CLDR's names: "Créé en
            # 1923, ce spectacle…" is the participle, not Cree. Places and people are not asked ("Vienne a annoncé")
            continue
        spans.append((toks[i].start, toks[j - 1].end, "GAZ"))
        taken.append((toks[i].start, toks[j - 1].end))
    for t in toks:
        if (_ACRONYM.fullmatch(t.text) and not _ROMAN.match(t.text) and not _overlaps(taken, t.start, t.end)
                and not _markup_tag(text, t)):
            spans.append((t.start, t.end, "ACRONYM"))
            taken.append((t.start, t.end))
    if CAPITALIZED:  # measured on 1,200 dev lines: name recall +1.5 points, false alarms unchanged
        # French capitalizes little besides names: a capitalized word inside a sentence that the model left out
        # ("Hagman", "Tap Tap") is a name too, unless it names a people ("les Américains")
        for t in toks:
            if (t.cap and t.start not in starts and not _overlaps(taken, t.start, t.end) and not _ROMAN.match(t.text)
                    and fold(t.text) not in gaz.demonyms and not _PEOPLE_END.search(fold(t.text))
                    and fold(t.text) not in FR_STOP and any(c.isalpha() for c in t.text) and not _markup_tag(text, t)):
                spans.append((t.start, t.end, "CAP"))
    out: list[Fact] = []
    for start, end, label in sorted(spans):
        run = [t for t in toks if start <= t.start and t.end <= end]
        # a person's name is one name ("Jean Dupont"); "Cour suprême des États-Unis" is two
        for seg in [run] if label == "PER" else _split_at_connectors(run, gaz, "fr"):
            while seg and (fold(seg[0].text) in FR_STOP or seg[0].text.endswith(("'", "’"))
                           or not seg[0].cap and label != "GAZ" or _ROMAN_ORDINAL.fullmatch(seg[0].text)):
                # "l'Otan", "Les Verts", "le journal Libération" → "Otan", "Verts", "Libération"; "Ve arrondissement"
                # → "arrondissement" (a number fact; a common word left alone is no name)
                seg = seg[1:]
            while seg and fold(seg[-1].text) in _CONNECTORS:
                seg = seg[:-1]
            if len(seg) == 1 and _regnal_after_name(text, seg[0]):
                continue  # "Vatican II" cut after "Vatican": the numeral is a number (numbers.py), not a name
            if seg:
                fact = _name_fact(text, seg, gaz, "fr", label)
                fact.data["dictionary"] = _dictionary_words(seg, fact, ner)
                scale = _TEMPERATURE_SCALES.get(fold(fact.text))
                if scale and re.search(r"(?:degr[ée]s?|°)\s*$", text[max(0, fact.start - 10) : fact.start], re.I):
                    fact.data["unit_symbol"] = scale  # "100 degrés Celsius" is kept by "100°C", not by "100°F"
                out.append(fact)
    return out


def _markup_tag(text: str, t: Tok) -> bool:
    """ "[/ITALIC]", "<B>": a tag of markup left in pasted copy, not a name (an editor's "[Macron]" is one)."""
    return t.text.isupper() and text[max(0, t.start - 2) : t.start].endswith(("[", "[/", "<", "</"))


# A valid Roman numeral up to 50 ("II", "XXIII"; not "LCL", "CIC", nor "CCI", 201)
_SMALL_ROMAN = re.compile(r"L|XL|X{0,3}(?:IX|IV|V?I{0,3})")


def _regnal_after_name(text: str, t: Tok) -> bool:
    """Is ``t`` a Roman numeral right after a capitalized word ("Vatican II", "Jean XXIII")?"""
    return (len(t.text) > 1 and _SMALL_ROMAN.fullmatch(t.text) is not None
            and re.search(r"[A-ZÀ-ÖØ-Þ][\w'’-]*\s+$", text[max(0, t.start - 40) : t.start]) is not None)


def _dictionary_words(seg: list[Tok], fact: Fact, ner: FrenchNER) -> bool:
    """Is the name made only of French dictionary words ("Frères musulmans", "Jardin d'été", "Verseau")? Such a
    name is one a translator translates ("the Muslim Brotherhood", "the Summer Garden", "Aquarius") rather than
    keeps; a name the gazetteer knows is not one of them, whatever its words."""
    if fact.data.get("known") or not hasattr(ner, "is_word"):
        return False
    words_ = [t.text for t in seg if fold(t.text) not in _CONNECTORS and fold(t.text) not in FR_STOP]
    if len(words_) == 1 and function_word(words_[0]):
        return False  # "Sienne" (Siena) is no translated word "sienne" (hers): a function word names nothing
    return bool(words_) and all(len(w) >= 3 and not w.isupper() and ner.is_word(w) and _french_side(w) for w in words_)



# A dictionary word at least this much more frequent in French than in English (wordfreq's Zipf scale) is a French
# word; names shared by both languages ("Hollywood", "Boston", "Victoria": nouns in the lemmatizer's tables too)
# are about as frequent in each.
FRENCH_SIDE_GAP = 0.5


def _french_side(word: str) -> bool:
    w = word.lower()
    return _zipf(w, "fr") - _zipf(w, "en") >= FRENCH_SIDE_GAP


def _after_capitalized_word(e: Entity, starts: set[int], gaz: Gazetteer, ner: FrenchNER, text: str) -> int | None:
    """Where the name in entity ``e`` starts: a sentence's first word is capitalized by grammar, and the model
    takes "Visitez", "Surveillance", "Vieilles querelles", "Accoucher" for names; such a word (not a proper noun,
    not known to the gazetteer) is left out, and the entity with it when it is all there is."""
    first = e.tokens[0]
    if e.start not in starts or fold(first) in gaz.fr2en or first.isupper():
        return e.start
    # the tagger calls most capitalized words PROPN, so a common French word is looked up in word frequencies, and
    # a rarer one tagged again in lower case: a verb there ("buvez", "attablé") is no name
    if (e.pos[0] == "PROPN" and not common_word(first, "fr") and not (e.label == "MISC" and len(e.tokens) == 1)
            and ner.pos_in_lower_case(text[e.start :]) not in _NOT_NOMINAL):
        return e.start
    return e.offsets[1] if len(e.tokens) > 1 and e.pos[1] == "PROPN" else None


CAPITALIZED = True
_NOT_NOMINAL = {"VERB", "AUX", "ADV", "ADP", "CCONJ", "SCONJ", "PRON", "DET", "INTJ"}
_ACRONYM = re.compile(r"[A-Z][A-Z0-9]{1,5}")
# A people, not a place: "les Bruxellois", "des Parisiennes", "aux Britanniques" (plural forms; "la Lorraine" stays).
_PEOPLE_END = re.compile(r"(?:ois|oises?|ais|aises?|iens|iennes?|éens|éennes?|ains|aines|ans|anes|ites|ards|ins|ines)$")
_DETERMINERS = {"les", "des", "aux", "ces", "nos", "vos", "leurs", "deux", "trois", "plusieurs", "de", "d'"}


def _people_or_adjective(e: Entity, text: str, gaz: Gazetteer) -> bool:
    """A demonym or an adjective of place ("les Bruxellois", "Français et Allemands", "européenne") names a
    people, not the place: it is free to become "Brussels residents" or "the French" in English."""
    if len(e.tokens) != 1:
        return False
    word, pos = e.tokens[0], e.pos[0]
    if pos == "ADJ" or fold(word) in gaz.demonyms:
        return True
    before = re.search(r"(\w+['’]?)\W*$", text[max(0, e.start - 12) : e.start])
    plural_people = _PEOPLE_END.search(fold(word)) is not None and (
        pos == "NOUN" or before is not None and fold(before.group(1)) in _DETERMINERS
    )
    return plural_people


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in spans)


def _name_fact(text: str, seg: list[Tok], gaz: Gazetteer, lang: str, label: str = "") -> Fact:
    s, e = seg[0].start, seg[-1].end
    surface = text[s:e]
    data = {"tokens": [r.text for r in seg], "known": _in_gazetteer(gaz, [r.text for r in seg], lang)}
    if label:
        data["label"] = label
    if lang == "fr" and _TITLE_BEFORE.search(text[max(0, s - 6) : s]):
        data["after_title"] = True  # "M. Meunier", "Mme Brun": a person, whatever the NER's label
    return Fact(type="name", text=surface, start=s, end=e, value=surface, keys=[fold(surface)], provides=[fold(surface)],
                data=data)


def find_english_names(text: str, starts: set[int], claimed: list[tuple[int, int]], gaz: Gazetteer) -> list[Fact]:
    """Name facts of an English text: runs of capitalized words (with connectors: "Bank of England")."""
    stop = EN_STOP
    toks = tokens(text)
    start_set = set(starts)
    out: list[Fact] = []
    i = 0
    n = len(toks)

    def claimed_tok(t: Tok) -> bool:
        return any(a < t.end and t.start < b for a, b in claimed)

    while i < n:
        t = toks[i]
        if not _is_candidate(t) or claimed_tok(t):
            i += 1
            continue
        # extend over capitalized words and connectors
        j = i + 1
        last = i
        while j < n:
            u = toks[j]
            gap = text[toks[j - 1].end : u.start]
            if not re.fullmatch(r"[ \u00a0\u202f-]?", gap) and not (gap in ("'", "’") and toks[j - 1].text.lower() in ("d", "l")):
                if not (re.fullmatch(r"\.[ \u00a0\u202f]?", gap) and len(toks[j - 1].text) <= 4 and toks[j - 1].text[:1].isupper()):
                    break  # "J. R. Ewing" keeps together
            if _is_candidate(u) and not claimed_tok(u) and not (u.start in start_set):
                last = j
                j += 1
                continue
            if fold(u.text).rstrip("'") in {c.rstrip("'") for c in _CONNECTORS} and j + 1 < n and _is_candidate(toks[j + 1]):
                j += 1
                continue
            break
        run = toks[i : last + 1]
        i = last + 1
        if run[0].start in start_set:
            # drop sentence-initial function words ("The Allies", "According to Jens Stoltenberg")
            stripped = False
            while run and fold(run[0].text) in stop:
                run = run[1:]
                stripped = True
            if not run:
                continue
            if (
                not stripped
                and len(run) == 1
                and not _in_gazetteer(gaz, [run[0].text], "en")
                and not _looks_like_name(run[0].text, text, start_set)
            ):
                continue
        while run and fold(run[-1].text) in _CONNECTORS:
            run = run[:-1]
        if not run:
            continue
        if all(
            (fold(r.text) in gaz.en_not_names or fold(r.text) in EN_STOP or common_word(r.text, "en"))
            and not (len(r.text) > 1 and r.text.isupper())
            and not _in_gazetteer(gaz, [r.text], "en")
            for r in run
        ):
            continue  # "Universe", "Committee", "Standard Model": English capitalizes more than names
        for seg in _split_at_connectors(run, gaz, "en"):
            out.append(_name_fact(text, seg, gaz, "en"))
    return out


def _split_at_connectors(run: list[Tok], gaz: Gazetteer, lang: str) -> list[list[Tok]]:
    """ "Cour suprême des États-Unis" → "Cour suprême", "États-Unis": each part of a name is checked on its own,
    so that swapping one of them is seen. Gazetteer names keep their connectors ("Quai d'Orsay")."""
    words_ = [t.text for t in run]
    table = gaz.fr2en if lang == "fr" else gaz.en2fr
    max_words = gaz.max_fr_words if lang == "fr" else gaz.max_en_words
    inside: set[int] = set()
    span_at: dict[int, int] = {}
    for i, j, _ in _cover(words_, table, max_words, gaz.acronyms):
        inside.update(range(i, j))
        span_at[i] = j
    segs: list[list[Tok]] = [[]]
    idx = 0
    while idx < len(run):
        t = run[idx]
        if idx in span_at and len(run) > 1:
            # a known name stands on its own: "l'Otan Jens Stoltenberg" is NATO + Jens Stoltenberg
            j = span_at[idx]
            segs.append(list(run[idx:j]))
            segs.append([])
            idx = j
            continue
        if idx not in inside and fold(t.text) in _CONNECTORS:
            segs.append([])
        else:
            segs[-1].append(t)
        idx += 1
    stop = FR_STOP if lang == "fr" else EN_STOP
    out = []
    for seg in segs:
        while seg and fold(seg[0].text) in stop and not seg[0].text.isupper():
            seg = seg[1:]
        if seg:
            out.append(seg)
    return out


def _looks_like_name(word: str, text: str, starts: set[int]) -> bool:
    """A sentence-initial word is a name when it also appears capitalized elsewhere, not at a sentence start, or is
    an acronym."""
    if len(word) >= 2 and word.isupper():
        return True
    for m in re.finditer(r"\b" + re.escape(word) + r"\b", text):
        if m.start() not in starts:
            return True
    return False


def _in_gazetteer(gaz: Gazetteer, words_: list[str], lang: str) -> bool:
    raw = " ".join(words_)
    f = fold(raw)
    if f in gaz.acronyms and not raw.isupper():
        return False
    if lang == "fr":
        return f in gaz.fr2en
    return f in gaz.en2fr
