"""Named entities without a model: capitalization, a gazetteer of common French → English names
(gazetteer.yaml), the newsroom glossary, and cognate matching for names spelt alike ("Moubarak" ~ "Mubarak").

French capitalizes little besides names (not months, weekdays, nationality adjectives), so a capitalized word
that does not start a sentence is a reliable name candidate. A word that starts a sentence counts only when the
gazetteer knows it or another capitalized word follows it ("Jens Stoltenberg a dit").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import yaml
from rapidfuzz import fuzz

from .model import Fact
from .text import fold

GAZETTEER_PATH = Path(__file__).with_name("gazetteer.yaml")

# Sentence-initial words that are never names, whatever follows them.
FR_STOP = set(
    """le la les l un une des du de d au aux à a ce cet cette ces il elle ils elles on nous vous je j tu
    mais or et ou donc ni car si s quand lorsque lorsqu puisque comme pour par sur sous dans en entre vers avec sans
    selon après avant depuis pendant dès malgré contre chez hors parmi outre lors ainsi alors aussi puis enfin
    cependant pourtant toutefois néanmoins d'ailleurs désormais déjà encore même seulement surtout notamment
    mon ma mes ton ta tes son sa ses notre nos votre vos leur leurs quel quelle quels quelles que qu qui quoi dont où
    c ça cela ceci celui celle ceux celles tout toute tous toutes aucun aucune chaque plusieurs certains certaines
    autre autres y voici voilà non oui oh ah bref ici là hier aujourd'hui demain maintenant ensuite également
    face grâce afin sauf jusqu jusque environ près loin plus moins très trop peu beaucoup bien mal mieux
    monsieur madame m mme mlle messieurs mesdames cher chère chers""".split()
)
EN_STOP = set(
    """the a an this that these those it its he she they we you i his her their our your my
    but or and so nor yet if when while as for by on in into at to from with without after before since during
    according despite against among between under over about around through throughout across along
    there here then now also however thus therefore meanwhile moreover furthermore indeed instead still
    what which who whom whose where why how all some any each every many most much more less few several
    no not yes oh well one two three first last next other another such both either neither only even just
    mr mrs ms dr is are was were be been do does did has have had can could will would should might must shall
    usually often sometimes perhaps maybe today yesterday tomorrow tonight yes no please thanks let""".split()
)
# French words often capitalized in institutional names: they do not identify the name on their own.
FR_GENERIC = set(
    """monsieur madame m mme mlle président présidente premier première ministre ministère général générale
    secrétaire etat état etats états république union conseil cour assemblée parti centre banque université
    institut commission parlement sénat gouvernement armée nord sud est ouest saint sainte grand grande nouveau
    nouvelle haut haute national nationale fédération association fondation comité agence office direction
    eur usd gbp czk chf jpy rub
    maison palais église docteur dr dre pr pre professeur maître me mgr général colonel capitaine lieutenant sergent""".split()
)
_CONNECTORS = {"de", "du", "des", "d'", "la", "le", "van", "von", "der", "den", "bin", "ben", "ibn", "al", "el",
               "da", "di", "dos", "das", "of", "the", "y", "del", "della", "ter"}
_ROMAN = re.compile(r"^[IVXLC]+(?:e|er|re|ème)?$")  # "XXe", "Ier", "Élisabeth Ire"
_TOKEN = re.compile(r"[\w][\w'’\-.]*[\w]|[\w]", re.UNICODE)
_ELISION = re.compile(r"^(?:[ldjmnstc]|qu|jusqu|lorsqu|puisqu|quoiqu)['’](?=\w)", re.IGNORECASE)


def _fr_forms(base: str, spec: dict) -> list[str]:
    fem = spec.get("fem")
    if fem is None:
        if base.endswith("en") or base.endswith("on") and base != "breton":
            fem = base + "ne"
        elif base.endswith("e"):
            fem = base
        else:
            fem = base + "e"
    plural = spec.get("plural") or (base if base.endswith(("s", "x")) else base + "s")
    return sorted({base, fem, plural, fem + "s"})


@dataclass
class Gazetteer:
    """Folded French form → English forms, and the reverse."""

    fr2en: dict[str, list[str]] = field(default_factory=dict)
    en2fr: dict[str, set[str]] = field(default_factory=dict)
    demonyms: set[str] = field(default_factory=set)  # folded French demonym forms
    en_demonyms: set[str] = field(default_factory=set)  # folded English forms listed only as nationalities
    en_places: set[str] = field(default_factory=set)  # folded English forms of the `places` section
    place_demonyms: dict[str, list[str]] = field(default_factory=dict)  # "perou" → ["Peruvian", ...]
    en_not_names: set[str] = field(default_factory=set)
    words_fr2en: dict[str, list[str]] = field(default_factory=dict)  # name_words: folded fr → folded en
    words_en2fr: dict[str, set[str]] = field(default_factory=dict)
    max_fr_words: int = 1
    max_en_words: int = 1
    acronyms: set[str] = field(default_factory=set)  # folded keys and forms written in capitals ("IS", "UE")

    def add(self, fr: str, en: Iterable[str]) -> None:
        f = fold(fr).strip()
        en = [e for e in en if e]
        if re.fullmatch(r"(?:[A-Z]\.?){2,5}", fr):
            self.acronyms.add(f)
        for e in en:
            if re.fullmatch(r"(?:[A-Z]\.?){2,5}", e):
                self.acronyms.add(fold(e))
        self.fr2en.setdefault(f, [])
        for e in en:
            if e not in self.fr2en[f]:
                self.fr2en[f].append(e)
            if not e[:1].isupper():
                continue  # descriptive renderings ("the prime minister's office") do not name anything
            fe = fold(e)
            self.en2fr.setdefault(fe, set()).add(f)
            self.max_en_words = max(self.max_en_words, len(fe.split()))
        self.max_fr_words = max(self.max_fr_words, len(f.split()))

    def copy(self) -> "Gazetteer":
        return Gazetteer({k: list(v) for k, v in self.fr2en.items()}, {k: set(v) for k, v in self.en2fr.items()},
                         set(self.demonyms), set(self.en_demonyms), set(self.en_places),
                         {k: list(v) for k, v in self.place_demonyms.items()}, set(self.en_not_names), self.words_fr2en, self.words_en2fr,
                         self.max_fr_words, self.max_en_words, set(self.acronyms))


@lru_cache(maxsize=4)
def load_gazetteer(path: str | None = None) -> Gazetteer:
    data = yaml.safe_load(Path(path or GAZETTEER_PATH).read_text(encoding="utf-8"))
    g = Gazetteer()
    for section, entries in data.items():
        if section in ("demonyms", "en_not_names", "name_words") or not isinstance(entries, dict):
            continue
        for fr, en in entries.items():
            if section == "places":
                g.en_places.update(fold(e) for e in (en if isinstance(en, list) else [en]))
            g.add(fr, en if isinstance(en, list) else [en])
    for base, spec in (data.get("demonyms") or {}).items():
        spec = spec if isinstance(spec, dict) else {"en": spec}
        en = list(spec["en"])
        en_all = en + [e + "s" for e in en if not e.endswith(("s", "sh", "ch", "ese")) and e[0].isupper()]
        for form in _fr_forms(base, spec):
            g.add(form, en_all)
            g.demonyms.add(fold(form))
        g.en_demonyms.update(fold(e) for e in en_all)
    place_forms = {fold(e) for fr, ens in g.fr2en.items() if fr not in g.demonyms for e in ens}
    g.en_demonyms -= place_forms
    # A nationality and its country share English forms ("péruvien: [Peruvian, Peru]", "Pérou: [Peru]"): link them
    # so that "Peruvian" in a translation is supported by "Pérou" in the source, and "Peru" by "péruvien".
    by_en: dict[str, set[str]] = {}
    for fr, ens in g.fr2en.items():
        for e in ens:
            by_en.setdefault(fold(e), set()).add(fr)
    extra: dict[str, list[str]] = {}
    for fr, ens in list(g.fr2en.items()):
        linked = set().union(*(by_en.get(fold(e), set()) for e in ens)) - {fr}
        for other in linked:
            for e in ens:
                if e[:1].isupper():
                    g.en2fr.setdefault(fold(e), set()).add(other)
            extra.setdefault(other, []).extend(e for e in ens if e[:1].isupper())
    for fr, ens in extra.items():
        if fr not in g.demonyms:
            for other in set().union(*(by_en.get(fold(e), set()) for e in g.fr2en.get(fr, []))) & g.demonyms:
                g.place_demonyms.setdefault(fr, [])
                g.place_demonyms[fr] += [e for e in g.fr2en[other] if e[:1].isupper() and e not in g.place_demonyms[fr]]
        # a nationality may come out as its country ("russe" → "Russia"), not a country as a nationality: "aux
        # États-Unis" must not be satisfied by "Americans" elsewhere in the sentence
        if fr not in g.demonyms:
            continue
        g.fr2en[fr].extend(e for e in dict.fromkeys(ens) if e not in g.fr2en[fr])
    g.en_not_names = {fold(w) for w in data.get("en_not_names") or []}
    for fr, en in (data.get("name_words") or {}).items():
        f = fold(fr)
        g.words_fr2en[f] = [fold(e) for e in en]
        for e in en:
            g.words_en2fr.setdefault(fold(e), set()).add(f)
    return g


def gazetteer_with(glossary=None) -> Gazetteer:
    """The shipped gazetteer plus the glossary's FR → EN terms."""
    g = load_gazetteer()
    if glossary is None:
        return g
    g = g.copy()
    for entry in glossary.entries:
        for fr in entry.source_forms():
            g.add(fr, [entry.target])
    return g


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


# --- skeletons for cognate matching -----------------------------------------------------------------------------
def skeleton(word: str) -> str:
    """A spelling-insensitive key: "Moubarak" and "Mubarak", "Kadhafi" and "Gaddafi" come close."""
    w = fold(word)
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


_PARAPHRASE = re.compile(r"\b(?:this|our) (?:country|nation)\b|\bat home\b|\bin this state\b", re.IGNORECASE)
_TITLE_NOUNS = (
    "president|presidency|government|prime minister|minister|ministry|people|army|forces|authorities|police|"
    "officials?|embassy|ambassador|capital|border|economy|parliament|state|leader|leaders|head of state|king|queen|"
    "court|courts|justice|press|media|team|national team|delegation|counterpart|federal government"
)
_NAME_SUFFIXES = {"n", "an", "ian", "ns", "ans", "s", "es", "i", "is", "ese", "ish", "ien", "ienne", "ais", "aise"}


_DEMONYM_END = re.compile(r"(?:ienne?s?|aise?s?|oise?s?|aine?s?|ese|ians?|ans?|ish|is?|ennes?|en|ens|ais)$")


def _root(w: str) -> str:
    return _DEMONYM_END.sub("", re.sub(r"[^a-z]", "", w))


def cognate(a: str, b: str) -> bool:
    if len(a) < 4 or len(b) < 4:
        return fold(a) == fold(b)
    sa, sb = skeleton(a), skeleton(b)
    if sa == sb:
        return True
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


# --- tokens -----------------------------------------------------------------------------------------------------
@dataclass
class Tok:
    start: int
    end: int
    text: str

    @property
    def cap(self) -> bool:
        return self.text[:1].isupper()


def tokens(text: str) -> list[Tok]:
    out = []
    for m in _TOKEN.finditer(text):
        s, w = m.start(), m.group(0)
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


def find_names(text: str, lang: str, starts: set[int], claimed: list[tuple[int, int]], gaz: Gazetteer) -> list[Fact]:
    """Name facts: runs of capitalized words (with connectors: "Centre Brennan", "Quai d'Orsay")."""
    lang = "fr" if lang.startswith("fr") else "en"
    stop = FR_STOP if lang == "fr" else EN_STOP
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
                    break  # "M. Tremblay", "J. R. Ewing" keep together
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
        if run[0].start in start_set or _prev_is_elision_at_start(toks, run[0], start_set):
            # drop sentence-initial function words ("Les Alliés", "Selon Jens Stoltenberg")
            stripped = False
            while run and fold(run[0].text) in stop:
                run = run[1:]
                stripped = True
            if not run:
                continue
            if (
                not stripped
                and len(run) == 1
                and not _in_gazetteer(gaz, [run[0].text], lang)
                and not _looks_like_name(run[0].text, text, start_set)
            ):
                continue
        while run and fold(run[-1].text) in _CONNECTORS:
            run = run[:-1]
        if not run:
            continue
        if lang == "en" and all(
            (fold(r.text) in gaz.en_not_names or fold(r.text) in EN_STOP or common_word(r.text, "en"))
            and not (len(r.text) > 1 and r.text.isupper())
            and not _in_gazetteer(gaz, [r.text], "en")
            for r in run
        ):
            continue  # "Universe", "Committee", "Standard Model": English capitalizes more than names
        if lang == "fr" and all(fold(r.text) in FR_STOP for r in run):
            continue
        for seg in _split_at_connectors(run, gaz, lang):
            s, e = seg[0].start, seg[-1].end
            surface = text[s:e]
            known = _in_gazetteer(gaz, [r.text for r in seg], lang)
            out.append(Fact(type="name", text=surface, start=s, end=e, value=surface, keys=[fold(surface)],
                            provides=[fold(surface)], data={"tokens": [r.text for r in seg], "known": known}))
    if lang == "fr" and DEMONYM_FACTS:
        # nationality adjectives ("la citoyenneté américaine") name a country as surely as its name does
        taken = [(f.start, f.end) for f in out]
        for t in toks:
            if t.text[:1].islower() and fold(t.text) in gaz.demonyms and not claimed_tok(t) and not any(
                a <= t.start < b for a, b in taken
            ):
                out.append(Fact(type="name", text=t.text, start=t.start, end=t.end, value=t.text, keys=[fold(t.text)],
                                provides=[fold(t.text)], data={"tokens": [t.text], "demonym": True}))
        out.sort(key=lambda f: f.start)
    return out


DEMONYM_FACTS = False


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


def _prev_is_elision_at_start(toks: list[Tok], t: Tok, starts: set[int]) -> bool:
    idx = toks.index(t)
    return idx > 0 and toks[idx - 1].end == t.start and toks[idx - 1].start in starts and toks[idx - 1].text.endswith(("'", "’"))


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


# --- matching ---------------------------------------------------------------------------------------------------
class TextIndex:
    """A text's folded form, word set and skeletons, for repeated name look-ups."""

    def __init__(self, text: str):
        self.text = text
        folded = re.sub(r"(?<=\w)'s\b|(?<=s)'(?!\w)", "", fold(text))  # possessives: "Israel's", "States'"
        folded = re.sub(r"\b((?:\w\.){2,})", lambda m: m.group(1).replace(".", ""), folded)  # "u.s.a." → "usa"
        folded = re.sub(r"[^\w']+|'(?!\w)|(?<!\w)'", " ", folded)
        folded = re.sub(r"\b(l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)'(?=\w)", r"\1' ", folded)
        self.folded = " " + " ".join(folded.split()) + " "
        self.words = set(self.folded.split())
        self.joined = {a + b for a, b in zip(self.folded.split(), self.folded.split()[1:])}
        self.long_words = [w for w in self.words if len(w) >= 4]
        self.acronym_keys = {
            "".join(sorted(m.lower())) for m in re.findall(r"\b([A-Z]{2,6})s?\b", text)
        }
        self.acronyms = set(re.findall(r"\b[A-Z]{2,6}\b", text.replace(".", "")))
        caps = re.findall(r"[A-Z][\w'-]*(?:\s+(?:of|the|and|de|du|des|for)?\s*[A-Z][\w'-]*)+", text)
        self.cap_initials = {"".join(w[0] for w in c.split() if w[0].isupper()) for c in caps}

    @staticmethod
    def _norm(phrase: str) -> str:
        f = re.sub(r"(?<=\w)'s\b|(?<=s)'(?!\w)", "", fold(phrase))
        f = re.sub(r"\b((?:\w\.){2,})", lambda m: m.group(1).replace(".", ""), f)
        f = re.sub(r"[^\w']+|'(?!\w)|(?<!\w)'", " ", f)
        f = re.sub(r"\b(l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)'(?=\w)", r"\1' ", f)
        return " ".join(f.split())

    def has_phrase(self, phrase: str) -> bool:
        if re.fullmatch(r"(?:[A-Z]\.?){2,5}", phrase):
            # acronyms are matched case-sensitively: "US" is not "us", "WHO" is not "who"
            return phrase.replace(".", "") in self.acronyms
        f = self._norm(phrase)
        if not f:
            return False
        if " " + f + " " in self.folded or " " + f + "s " in self.folded:
            return True
        return " " not in f and f in self.joined or f.replace(" ", "") in self.words

    def has_expansion(self, word: str) -> bool:
        """ "DNF" ~ "Did Not Finish", "OAS" ~ "Organization of American States"."""
        return 2 <= len(word) <= 6 and word.isupper() and word.isalpha() and (
            word in self.cap_initials or word[::-1] in self.cap_initials
        )

    def has_acronym_anagram(self, word: str) -> bool:
        """ "APS" ~ "PSA", "MS" ~ "SM", "OTAN" ~ "NATO": an acronym whose letters are reordered in translation."""
        if not (2 <= len(word) <= 6 and word.isupper() and word.isalpha()):
            return False
        key = "".join(sorted(word.lower()))
        return key in self.acronym_keys

    def has_initials(self, words_: list[str]) -> bool:
        """ "New York" ~ "NY", "Nations unies" ~ "UN"."""
        initials = "".join(w[0] for w in words_ if w[:1].isalpha() and fold(w) not in _CONNECTORS).upper()
        return len(initials) >= 2 and (initials in self.acronyms or initials[::-1] in self.acronyms)

    def has_word(self, word: str) -> bool:
        f = self._norm(word).replace(" ", "")
        if f in self.words:
            return True
        return any(p in self.words for p in re.split(r"[-' ]", self._norm(word)) if len(p) >= 4)

    def has_cognate(self, word: str) -> bool:
        if self.has_word(word):
            return True
        if len(word) < 4:
            return False
        return any(cognate(word, w) for w in self.long_words)


def _cover(words_: list[str], table: dict, max_words: int, acronyms: set[str] = frozenset()) -> list[tuple[int, int, str]]:
    """Greedy longest spans of ``words_`` that are gazetteer keys: (i, j, folded key). A key that is an acronym
    ("IS", "WHO") only matches words written in capitals."""
    spans = []
    i = 0
    while i < len(words_):
        for L in range(min(max_words, len(words_) - i), 0, -1):
            raw = " ".join(words_[i : i + L])
            k = fold(raw)
            if k in acronyms and not raw.isupper():
                continue
            k2 = re.sub(r"^(?:l'|le |la |les )", "", k)
            if k in table or k2 in table:
                spans.append((i, i + L, k if k in table else k2))
                i += L
                break
        else:
            i += 1
    return spans


def name_found(fact: Fact, other: TextIndex, gaz: Gazetteer, direction: str) -> bool | None:
    """Is this name (from the side ``direction`` starts from: 'fr>en', 'en>fr' or 'en>en') present in ``other``?

    True: found. False: missing. None: the name is made only of common words ("Ligue", "Centre", "Etat") and was not
    found: too weak a name to report.

    The name's *identifying units* are its gazetteer spans and its words that are neither connectors nor common
    name words; the name is found when one of them is found (verbatim, through the gazetteer, as a cognate or a
    reordered acronym). "Centre Brennan" is found through "Brennan", never through "Centre".
    """
    words_ = list(fact.data.get("tokens") or fact.text.split())
    if other.has_phrase(fact.text):
        return True
    if direction == "fr>en":
        table, max_words, wtable, generic, lang = gaz.fr2en, gaz.max_fr_words, gaz.words_fr2en, FR_GENERIC, "fr"
    elif direction == "en>fr":
        table, max_words, wtable, generic, lang = gaz.en2fr, gaz.max_en_words, gaz.words_en2fr, gaz.en_not_names, "en"
    else:
        table, max_words, wtable, generic, lang = {}, 1, {}, gaz.en_not_names, "en"
    covered: set[int] = set()
    units = 0
    for i, j, k in _cover(words_, table, max_words, gaz.acronyms) if table else []:
        covered.update(range(i, j))
        units += 1
        span = words_[i:j]
        if any(other.has_phrase(t) for t in table[k]) or other.has_phrase(" ".join(span)):
            return True
        if direction != "en>en" and any(len(w) >= 4 and other.has_cognate(w) for w in span):
            return True
    weak, common = [], []
    for idx, w in enumerate(words_):
        fw = fold(w)
        if idx in covered or fw in _CONNECTORS:
            continue
        if fw in wtable or fw in generic or fw in EN_STOP or fw in FR_STOP:
            weak.append(w)
            continue
        if common_word(w, lang):
            common.append(w)  # a first name such as "Christiane" also reads as a common word
            continue
        units += 1
        if other.has_acronym_anagram(w) or other.has_expansion(w):
            return True
        if direction == "en>en":
            if other.has_word(w):
                return True
        elif other.has_cognate(w):
            return True
    if any(other.has_word(w) for w in common):
        return True
    if len(words_) >= 2 and other.has_initials(words_):
        return True
    if direction == "fr>en" and covered:
        # "le président du Pérou" → "the Peruvian President", "le gouvernement du Mexique" → "the Mexican government"
        for _, _, k in _cover(words_, table, max_words, gaz.acronyms):
            forms = gaz.place_demonyms.get(k, [])
            if forms and re.search(
                r"\b(?:" + "|".join(re.escape(f) for f in forms) + r")\s+(?i:" + _TITLE_NOUNS + r")\b", other.text
            ):
                return True
    if direction == "fr>en" and covered and _PARAPHRASE.search(other.text) and all(
        any(t in gaz.en_places for t in map(fold, table.get(k, []))) for _, _, k in _cover(words_, table, max_words, gaz.acronyms)
    ):
        return True  # "l'Allemagne" → "this country", "aux États-Unis" → "at home": a place named by paraphrase
    if units:
        return False
    for w in weak + common:
        fw = fold(w)
        if other.has_word(w) or any(other.has_phrase(t) for t in wtable.get(fw, [])):
            return True
        if direction != "en>en" and other.has_cognate(w):
            return True
    return None


def strong_name(fact: Fact, gaz: Gazetteer) -> bool:
    """An English name distinctive enough to require support in the source: one of its words is not a common
    English word, a title, a nationality or a short acronym ("Stoltenberg", "Erdogan"; not "Presidency", "French",
    "AD")."""
    for w in fact.data.get("tokens") or fact.text.split():
        fw = fold(w)
        if len(w) < 3 or (w.isupper() and len(w) <= 4):
            continue
        if fw in gaz.en_not_names or fw in EN_STOP or fw in gaz.en_demonyms or fw in gaz.words_en2fr:
            continue
        if common_word(w, "en"):
            continue
        return True
    return False
