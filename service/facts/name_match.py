"""Is a name of one text present in another? Verbatim, through the gazetteer (exonyms included), as a cognate
("Moubarak" ~ "Mubarak"), a reordered acronym ("OTAN" ~ "NATO"), an expansion ("OAS" ~ "Organization of American
States"), or — when the pipeline passes one — the translation model's own rendering of the name alone."""

from __future__ import annotations

import functools
import re

from rapidfuzz import fuzz

from .gazetteer import _CONNECTORS, EN_STOP, FR_GENERIC, FR_STOP, Gazetteer
from .lexicon import Lexicon, load_lexicon
from .model import Fact
from .name_renderer import NameTranslator, rendering_found
from .spelling import _root, _zipf, cognate, common_word, function_word, skeleton
from .text import fold

_PARAPHRASE = re.compile(r"\b(?:this|our) (?:country|nation)\b|\bat home\b|\bin this state\b", re.IGNORECASE)
_TITLE_NOUNS = (
    "president|presidency|government|prime minister|minister|ministry|people|army|forces|authorities|police|"
    "officials?|embassy|ambassador|capital|border|economy|parliament|state|leader|leaders|head of state|king|queen|"
    "court|courts|justice|press|media|team|national team|delegation|counterpart|federal government"
)

# --- matching ---------------------------------------------------------------------------------------------------


def _first_name_replaced(words_: list[str], other: "TextIndex", table: dict) -> bool:
    """A person's surname is in the other text, but right after another capitalized word that is none of the
    name's own words: the first name was swapped, not dropped."""
    own = [w for w in words_ if w[:1].isupper() and len(w) >= 3]
    if len(own) < 2 or not other.has_cognate(own[-1]):
        return False
    for m in re.finditer(r"([A-Z][\w'-]+)\s+" + re.escape(own[-1]) + r"\b", other.text):
        before = m.group(1)
        if fold(before) in EN_STOP or fold(before) in _TITLES_EN:
            continue
        if not any(cognate(before, w) or any(fold(t) == fold(before) for t in table.get(fold(w), [])) for w in own[:-1]):
            return True
    return False


_TITLES_EN = {"mr", "mrs", "ms", "dr", "prof", "president", "minister", "general", "judge", "mayor", "senator", "sir"}


_AFTER_SENTENCE_END = re.compile(r"[.!?:]\s+|[\"“«]\s*")


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
        self.acronyms = set(re.findall(r"\b([A-Z]{2,6})s?\b", text.replace(".", "")))  # "NGOs" is the NGO's plural
        # capitalized inside a sentence: a word a sentence starts with ("Spring is coming.") names nothing
        starts = {0} | {m.end() for m in _AFTER_SENTENCE_END.finditer(text)}  # one pass, not a prefix per word
        self.capitalized_words = {
            fold(m.group(0)) for m in re.finditer(r"(?<![\w'’])[A-Z][^\W\d_]+", text) if m.start() not in starts}
        # "Organization of the Islamic Conference": connectors may follow one another
        caps = re.findall(r"[A-Z][\w'-]*(?:(?:\s+(?:of|the|and|de|du|des|for))*\s+[A-Z][\w'-]*)+", text)
        initials = [("".join(w[0] for w in c.split() if w[0].isupper()), c.split()[0]) for c in caps]
        self.cap_initials = {i for i, _ in initials}
        # the initials of each run of capitalized words, a leading article left out: a body's English name
        self.bodies = {i[1:] if first in ("The", "A", "An") else i for i, first in initials}
        # the same initials in any order, without a leading article: French puts the adjective after the noun, so
        # "PS" is "Socialist Party", "FN" "National Front", "CNRS" "National Centre for Scientific Research"
        self.cap_initial_keys = {"".join(sorted(b)) for b in self.bodies}

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

    @functools.cached_property
    def paraphrase(self) -> bool:
        """Does the text name a place by paraphrase ("this country", "at home")? Asked once per name."""
        return _PARAPHRASE.search(self.text) is not None

    def has_expansion(self, word: str) -> bool:
        """ "DNF" ~ "Did Not Finish", "OAS" ~ "Organization of American States"."""
        return 2 <= len(word) <= 6 and word.isupper() and word.isalpha() and (
            word in self.cap_initials or word[::-1] in self.cap_initials
            or "".join(sorted(word)) in self.cap_initial_keys
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
        if any(cognate(word, w) for w in self.long_words):
            return True
        # a hyphenated name spelled another way: "Al-Qods" ~ "Al-Quds" (the index splits it into "al", "quds")
        return "-" in word and any(cognate(word, j) for j in self.joined if abs(len(j) - len(word)) <= 3)


def _cover(words_: list[str], table: dict, max_words: int, acronyms: set[str] = frozenset()) -> list[tuple[int, int, str]]:
    """Greedy longest spans of ``words_`` that are gazetteer keys: (i, j, folded key). A key that is an acronym
    ("IS", "WHO") only matches words written in capitals."""
    spans = []
    folded = [fold(w) for w in words_]
    i = 0
    while i < len(words_):
        for L in range(min(max_words, len(words_) - i), 0, -1):
            k = " ".join(folded[i : i + L])
            if k in acronyms and not " ".join(words_[i : i + L]).isupper():
                continue
            k = re.sub(r"(?<=\w)' ", "'", k)  # an elided word is its own token: "Quai d' Orsay" → "quai d'orsay"
            k2 = re.sub(r"^(?:l'|le |la |les )", "", k)
            if k in table or k2 in table:
                spans.append((i, i + L, k if k in table else k2))
                i += L
                break
        else:
            i += 1
    return spans


def name_found(
    fact: Fact, other: TextIndex, gaz: Gazetteer, direction: str, translate: NameTranslator | None = None,
    lexicon: Lexicon | None = None,
) -> bool | None:
    """Is this name (from the side ``direction`` starts from: 'fr>en', 'en>fr' or 'en>en') present in ``other``?

    True: found. False: missing. None: the name is made only of common words ("Ligue", "Centre", "Etat") and was not
    found: too weak a name to report.

    The name's *identifying units* are its gazetteer spans and its words that are neither connectors nor common
    name words; the name is found when one of them is found (verbatim, through the gazetteer, as a cognate or a
    reordered acronym). "Centre Brennan" is found through "Brennan", never through "Centre". Last, a French name is
    found when the translation names something with a word-for-word rendering of one of its words (``lexicon``,
    default: the process's FreeDict lexicon): "Troie" → "Troy", "Sainte-Croix" → "Holy Cross".
    """
    words_ = list(fact.data.get("tokens") or fact.text.split())
    if other.has_phrase(fact.text):
        return True
    symbol = fact.data.get("unit_symbol")
    if symbol and re.search(rf"\d\s?(?:°|º|degrees?\s)\s?{symbol}\b", other.text):
        return True  # "degrés Celsius" ~ "°C", "degrees C"
    if direction == "fr>en":
        table, max_words, wtable, generic, lang = gaz.fr2en, gaz.max_fr_words, gaz.words_fr2en, FR_GENERIC, "fr"
    elif direction == "en>fr":
        table, max_words, wtable, generic, lang = gaz.en2fr, gaz.max_en_words, gaz.words_en2fr, gaz.en_not_names, "en"
    else:
        table, max_words, wtable, generic, lang = {}, 1, {}, gaz.en_not_names, "en"
    if any(_form_found(t, other, gaz) for t in table.get(fold(fact.text), [])):
        return True  # the whole name's own rendering ("Dame Nature" → "Mother Nature"), before any rule on its words
    if direction == "fr>en" and fact.data.get("label") == "PER" and _first_name_replaced(words_, other, table):
        return False  # "Mohammed Morsi" → "Sydney Morsi"; "Larry Hagman" → "Hagman" is fine
    covered: set[int] = set()
    units = 0
    for i, j, k in _cover(words_, table, max_words, gaz.acronyms) if table else []:
        covered.update(range(i, j))
        units += 1
        span = words_[i:j]
        if any(_form_found(t, other, gaz) for t in table[k]) or other.has_phrase(" ".join(span)):
            return True
        if len(span) == 1 and direction == "fr>en" and other.has_expansion(span[0]):
            return True  # a known acronym spelled out ("CNRS" → "National Centre for Scientific Research")
        if direction == "fr>en" and any(len(t.split()) >= 2 and other.has_initials(t.split()) for t in table[k]):
            return True  # "République tchèque" → "the CR" (Czech Republic), "Nations unies" → "the UN"
        if direction != "en>en" and any(len(w) >= 4 and other.has_cognate(w) for w in span):
            return True
    weak, common = [], []
    for idx, w in enumerate(words_):
        fw = fold(w)
        if idx in covered or fw in _CONNECTORS:
            continue
        if fw in wtable or fw in generic or fw in EN_STOP or fw in FR_STOP or (lang == "fr" and not w[:1].isupper()):
            # a French name's lower-case words ("Observatoire austral", "Frères musulmans") are translated
            weak.append(w)
            continue
        if common_word(w, lang) and not (lang == "fr" and fact.data.get("label") in ("LOC", "PER", "ORG")
                                          and function_word(w)):
            # a first name such as "Christiane" also reads as a common word; "Sienne" (Siena, not "hers") is a
            # place the model found, whatever the pronoun's frequency
            common.append(w)
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
    if direction == "fr>en" and covered and other.paraphrase and all(
        any(t in gaz.en_places for t in map(fold, table.get(k, []))) for _, _, k in _cover(words_, table, max_words, gaz.acronyms)
    ):
        return True  # "l'Allemagne" → "this country", "aux États-Unis" → "at home": a place named by paraphrase
    if direction == "fr>en" and translate is not None and rendering_found(fact.text, other, translate):
        return True  # "Sainte-Croix" → "Holy Cross": the model's own rendering of the name
    if (direction == "fr>en" and fact.data.get("label") != "PER" and not fact.data.get("after_title")
            and rendered_word_by_word(words_, other, lexicon if lexicon is not None else load_lexicon())):
        return True  # a person's name is not translated word for word: "M. Meunier" is no "Mr Miller"
    if units:
        return False
    for w in weak + common:
        fw = fold(w)
        if other.has_word(w) or any(other.has_phrase(t) for t in wtable.get(fw, [])):
            return True
        if direction != "en>en" and other.has_cognate(w):
            return True
    return None


# A form whose every word is at least this frequent in English is a description, not a name ("Interior Ministry":
# "interior" 4.3, "ministry" 4.4; "Matignon" 1.9, "Élysée" 2.4).
DESCRIPTION_ZIPF = 3.5


def _form_found(form: str, other: "TextIndex", gaz: Gazetteer) -> bool:
    """A gazetteer form in the other text. A description ("interior ministry", "Health Agency", "highest court":
    common English words) counts only where no other country qualifies it: "the Spanish interior ministry" or
    "Germany's interior minister" is not "la place Beauvau"."""
    if not other.has_phrase(form):
        return False
    if not (form[:1].islower() or all(_zipf(w.lower(), "en") >= DESCRIPTION_ZIPF for w in form.split())):
        return True  # a name ("Matignon", "Élysée Palace"), not a description ("Interior Ministry")
    seen = False
    for m in re.finditer(r"\b" + re.escape(form), other.text, re.IGNORECASE):
        seen = True
        prev = re.search(r"([A-Z][\w-]*)(?:['’]s)?\s+$", other.text[max(0, m.start() - 40) : m.start()])
        country = fold(prev.group(1)) if prev else ""
        if not country or country in ("french", "france") or (
                country not in gaz.en_demonyms and country not in gaz.en_places):
            return True
    return not seen  # found only in folded form (a French key: "etats-unis" for "États-Unis"): no qualifier read


def rendered_word_by_word(words_: list[str], other: TextIndex, lexicon: Lexicon) -> bool:
    """Is the name in the translation word for word ("Troie" → "Troy", "Jardin d'été" → "the Summer Garden",
    "Sainte-Croix" → "Holy Cross")? More than half of its words (generic ones such as "Centre" or "Sainte" aside) are
    in the translation as written, as cognates or as the lexicon's renderings, and at least one as a rendering. A
    rendering must be capitalized inside a sentence, as part of a name: "the garden" renders no name, nor does a
    sentence's first word. The caller keeps people's names out ("M. Meunier" is no "Mr Miller"). A name swapped for another loses its words with it ("Centre Brennan" → "the Merkel Centre"),
    and a name half changed ("Jardin d'été" → "the Winter Garden") keeps only half: both are still reported."""
    if not len(lexicon):
        return False
    content = [w for w in re.split(r"[\s\-'’]+", " ".join(words_)) if len(w) >= 3
               and fold(w) not in _CONNECTORS and fold(w) not in FR_STOP and fold(w) not in FR_GENERIC]
    rendered = kept = 0
    for w in content:
        renderings = [r for r in lexicon.translations(w) if r != fold(w)]
        if w[-1:] in ("s", "x"):  # the lexicon gives singulars: "Cent Ans" → "Hundred Years"
            renderings += [_plural(r) for r in renderings]
        if any(_capitalized_rendering(r, other) for r in renderings):
            rendered += 1
        elif other.has_cognate(w):
            kept += 1
    return rendered > 0 and 2 * (rendered + kept) > len(content)


def _plural(word: str) -> str:
    """The English plural of a lexicon rendering's last word, by the regular rules ("year" → "years", "city" →
    "cities", "church" → "churches")."""
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    if re.search(r"(?:s|x|z|ch|sh)$", word):
        return word + "es"
    return word + "s"


def _capitalized_rendering(rendering: str, other: TextIndex) -> bool:
    parts = [p for p in rendering.split() if p not in EN_STOP]
    return bool(parts) and all(len(p) >= 3 and p in other.capitalized_words for p in parts)


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


def known_place(fact: Fact, gaz: Gazetteer) -> bool:
    """An English name that is a place the gazetteer knows: a country, territory or region from CLDR (Babel), or a
    place of gazetteer.yaml ("Argentina", "Quebec", "Bavaria")."""
    return fold(fact.text) in gaz.en_places and fold(fact.text) not in gaz.en_not_names


def known_person(fact: Fact, gaz: Gazetteer) -> bool:
    """An English name that is a person the gazetteer knows ("Putin", "Pope Francis"): checked against the source
    like a known place, however short."""
    return fold(fact.text) in gaz.en_people


def person_stem_in(fact: Fact, french: str, gaz: Gazetteer) -> bool:
    """Does the French text have a word built on this person's French name ("eltsinienne", "maoïsme",
    "poutinien" for "Yeltsin", "Mao", "Putin")?"""
    stems = {re.sub(r"e$", "", f) for f in gaz.en2fr.get(fold(fact.text), set()) if " " not in f}
    stems = {s for s in stems if len(s) >= 3}
    return bool(stems) and any(w.startswith(tuple(stems)) for w in _folded_words(french))


@functools.lru_cache(maxsize=64)
def _folded_words(french: str) -> frozenset[str]:
    return frozenset(fold(w) for w in re.findall(r"[^\W\d_]{3,}", french))


def place_stem_in(fact: Fact, french: str) -> bool:
    """Does the French text have a word built on this place's name: its people or adjective ("Bruxellois",
    "bruxelloise" for "Brussels"; "québécoise" for "Quebec")? Compared on skeletons of the word without its
    demonym ending, so the few letters French and English spell differently ("x"/"ss") do not matter."""
    place = skeleton(fact.text)
    if len(place) < 4:
        return False
    return any(root[:2] == place[:2] and fuzz.ratio(root, place) >= 80 for root in _word_roots(french))


@functools.lru_cache(maxsize=64)
def _word_roots(french: str) -> frozenset[str]:
    """The skeletons of a French text's words without their demonym endings, each once: asked for every English
    place of a sentence pair, computed once per text."""
    roots = {skeleton(_root(fold(w))) for w in set(re.findall(r"[^\W\d_]{4,}", french))}
    return frozenset(r for r in roots if len(r) >= 4)


_AFTER_ARTICLE_OR_QUOTE = re.compile(r"(?:\b(?:the|a|an)\s+|[\"“«‘'(]\s*)$", re.IGNORECASE)


def full_person_name(f: Fact, gaz: Gazetteer, text: str | None = None) -> bool:
    """A person's full name ("Emmanuel Macron", "Jens Stoltenberg"): two or three capitalized words, each distinctive
    (not a common English word, a title, a nationality or a gazetteer word), none a known place, and not after an
    article or an opening quotation mark ("the Seven Sisters", "the Main Migrant Labour Administration", a quoted
    title; checked when ``text``, the name's text, is given): what a name is written like, not a thing's."""
    words_ = list(f.data.get("tokens") or f.text.split())
    if text is not None and _AFTER_ARTICLE_OR_QUOTE.search(text[max(0, f.start - 8) : f.start]):
        return False
    while words_ and fold(words_[0]).rstrip(".") in _TITLES_EN:
        words_ = words_[1:]  # "President Emmanuel Macron", "Prof. Jens Stoltenberg"
    if not 2 <= len(words_) <= 3:
        return False
    for w in words_:
        fw = fold(w)
        if (not w[:1].isupper() or w.isupper() or len(w) < 3 or fw in gaz.en_not_names or fw in gaz.en_demonyms
                or fw in gaz.words_en2fr or fw in gaz.en_places or common_word(w, "en")):
            return False
    return True
