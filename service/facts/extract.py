"""``extract_facts(text, lang)``: every fact of a text, numbers, dates, money, names and quotes."""

from __future__ import annotations

import re
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator

from .dates import find_dates, is_year
from .model import Fact
from .money import find_money
from .gazetteer import Gazetteer, load_gazetteer
from .names import find_english_names, find_french_names
from .ner import FrenchNER, load_ner
from .number_words import AMBIGUOUS_WORDS
from .numbers import find_numerals
from .numeral import SP, Numeral, key
from .quotes import find_quotes
from .text import sentence_starts
from .bounds import bound_after, bound_before
from .units import alternative_units, measure, seconds_of, time_unit_after, unit_after, unit_text_after

# Number words that read as an amount only loosely ("deux" → "both", "a couple"; "dix ans" → "a decade"): found on
# the other side they support a number, missing there they are not reported.
SOFT_WORD_MAX = 2


_SHARED: ContextVar[dict | None] = ContextVar("wirebrief_facts_shared_extraction", default=None)


@contextmanager
def shared_extraction() -> Iterator[None]:
    """Within this block ``extract_facts`` extracts each (text, language, gazetteer, NER) once: one ``check_result``
    asks for a source sentence's facts three times (the names to render, the check, the facts kept). The gazetteer
    and NER objects stay alive for the block, so their identities are safe keys; callers must not change the
    returned facts (none does: the checks only read them)."""
    token = _SHARED.set({})
    try:
        yield
    finally:
        _SHARED.reset(token)


def extract_facts(text: str, lang: str, gazetteer: Gazetteer | None = None, ner: FrenchNER | None = None) -> list[Fact]:
    """All facts of ``text`` (``lang``: 'fr' or 'en'), in text order. French names come from ``ner`` (default: the
    process's French NER, see ner.load_ner)."""
    lang = "fr" if lang.lower().startswith("fr") else "en"
    gaz = gazetteer or load_gazetteer()
    shared = _SHARED.get()
    if shared is None:
        return _extract(text, lang, gaz, ner)
    key = (text, lang, id(gaz), id(ner))
    if key not in shared:
        shared[key] = (gaz, ner, _extract(text, lang, gaz, ner))  # holding gaz and ner keeps their ids unique
    return list(shared[key][2])


def _extract(text: str, lang: str, gaz: Gazetteer, ner: FrenchNER | None) -> list[Fact]:
    starts = sentence_starts(text)
    numerals = find_numerals(text, lang)
    money, money_spans = find_money(text, lang, numerals)
    free = [n for n in numerals if not _inside(money_spans, n)]
    dates, date_spans = find_dates(text, lang, free, starts)
    claimed = money_spans + date_spans
    numbers = [number_fact(text, n, lang, starts) for n in free if not _inside(date_spans, n)]
    idioms = _idiom_numbers(text, lang) + (_article_durations(text) if lang == "en" else [])
    spans = [(f.start, f.end) for f in idioms if re.search(r"quarters? (?:of an|d['’])\s*h", f.text, re.IGNORECASE)]
    numbers = [f for f in numbers if not any(a <= f.start and f.end <= b for a, b in spans)] + idioms
    for f in money + numbers:
        # "plus de 400" is not "less than 400"
        before, after = bound_before(text, f.start, lang), bound_after(text, f.end, lang)
        if before or after:
            f.data["bound"], words = before or after
            f.data["bound_said"] = f"{words}{_glue(words)}{f.text}" if before else f"{f.text}{_glue(words)}{words}"
    if lang == "fr":
        names = find_french_names(text, starts, claimed, gaz, ner or load_ner())
    else:
        names = find_english_names(text, starts, claimed, gaz)
    quotes = find_quotes(text, lang, names)
    facts = money + dates + numbers + names + quotes
    facts.sort(key=lambda f: (f.start, f.type))
    return facts


def _glue(words: str) -> str:
    return "" if words.endswith(("'", "’", "-")) or words.startswith(("-", "+")) else " "


def _inside(spans: list[tuple[int, int]], n: Numeral) -> bool:
    return any(a < n.end and n.start < b for a, b in spans)


def number_fact(text: str, n: Numeral, lang: str, starts: set[int] | frozenset[int] = frozenset()) -> Fact:
    values = [n.value] + list(n.extra.get("alts", []))
    # "30m", "1.2bn" without a currency: newsroom shorthand for million / billion.
    if lang == "en" and not n.scaled and n.kind == "cardinal":
        m = re.match(r"(bn|m|mn|tn)\b", text[n.end : n.end + 3])
        if m:
            values.append(n.value * {"bn": 1e9, "m": 1e6, "mn": 1e6, "tn": 1e12}[m.group(1)])
    keys = [f"n:{key(v)}" for v in values]
    provides = keys + [f"bare:{key(v)}" for v in values]
    if n.value == int(n.value) and 1800 <= n.value <= 2100:
        provides.append(f"y:{int(n.value)}")
    if lang == "fr" and n.value * 2 == int(n.value * 2) and 0 <= n.value <= 24 and re.match(r"\s?h(?:eures?)?\b", text[n.end : n.end + 8]):
        # "pendant 10 heures", "à partir de 21 heures": a duration or a clock time; either way it supports "9pm";
        # "14 heures et demie" (14.5) supports "2:30 pm"
        h, mm = int(n.value), "30" if n.value != int(n.value) else "00"
        provides += [f"t:{h % 24:02d}:{mm}", f"t:{(h + 12) % 24:02d}:{mm}"]
        if n.words and re.search(rf"\b(?:à|a|vers|dès|jusqu['’]à|avant|après){SP}+$", text[max(0, n.start - 12) : n.start]):
            # "vers sept heures et demie" is a time of day a translation writes "7:30"
            keys += [f"t:{h % 24:02d}:{mm}", f"t:{(h + 12) % 24:02d}:{mm}"]
    after = text[n.end : n.end + 20]
    before = text[max(0, n.start - 12) : n.start]
    if lang == "fr" and n.kind == "ordinal" and re.match(rf"{SP}+de{SP}+finale", after):
        # "8es de finale" is the round of the last 16
        keys.append(f"n:{key(n.value * 2)}")
        provides += [f"n:{key(n.value * 2)}"]
    if lang == "fr" and n.kind == "ordinal" and 1 < n.value <= 21 and re.match(rf"{SP}+siècle", after):
        keys.append(f"cent:{int(n.value)}")  # "le XVIIIe siècle" ↔ "the 1700s" (dates.py gives "1700s" cent:18)
        provides += [f"cent:{int(n.value)}", f"dec:{int(n.value - 1) * 100}"]
    minutes = _duration_minutes(n, after)
    if minutes is not None:
        # "30 minutes" ↔ "half an hour", "90 minutes" ↔ "une heure et demie": a duration key, never a bare number
        keys.append(f"dur:{key(minutes)}")
        provides.append(f"dur:{key(minutes)}")
    if (n.kind == "ordinal" and re.match(rf"{SP}+(?:anniversaire|anniversary)\b", after)
            or lang == "fr" and n.kind == "cardinal" and re.match(rf"{SP}+ans\b", after)
            and re.search(r"\b(?:f[êe]te|f[êe]tent|f[êe]ter|c[ée]l[èe]bre|c[ée]l[èe]brent|c[ée]l[ée]brer)\s+(?:ses|leurs|son|les)\s+$",
                          text[max(0, n.start - 30) : n.start])):
        # "le 100e anniversaire", "fête ses 100 ans" ↔ "the centenary"
        keys.append(f"ann:{key(n.value)}")
        provides.append(f"ann:{key(n.value)}")
    if lang == "fr" and n.approx and n.value in (20, 30, 40, 50, 60, 70, 80, 90):
        keys.append(f"about:{key(n.value)}")  # "une quarantaine d'années" ↔ "in his forties" (dates.py)
    if lang == "en" and n.words and re.match(rf"{SP}decades\b", after):
        keys.append(f"n:{key(n.value * 10)}")  # "three decades" ↔ "trente ans"
        provides.append(f"n:{key(n.value * 10)}")
    soft = (
        re.match(r"-dimensional|-D\b|D\b", after) is not None  # "three-dimensional", "3D"
        or n.words and re.match(rf"{SP}+(?:ou|or|à|to|-){SP}+\w", after) is not None and n.value <= 10  # "deux ou trois"
        or n.words and re.search(rf"\b(?:ou|or){SP}+$", before) is not None and n.value <= 10
        or lang == "fr" and n.words and n.value in (8, 15) and re.match(rf"{SP}+jours", after) is not None
        or _always(text, n, lang)
        or lang == "fr" and re.match(rf"{SP}+nages\b", after) is not None  # "le 200 m quatre nages": the medley
        # "le 7e art" is the cinema; "se plier en quatre", "se mettre en quatre", "couper les cheveux en quatre" are
        # idioms ("le gâteau coupé en quatre" is not: a cut is a count the translation keeps)
        or lang == "fr" and n.value == 7 and re.match(rf"{SP}+art\b", after) is not None
        or lang == "fr" and n.value == 4 and re.search(rf"\b(?:pli\w*|mett\w*|mets?|mis\w*|cheveux){SP}+en{SP}+$",
                                                       before) is not None
        and re.match(rf"{SP}*(?:$|[^\w\s]|(?:pour|et|afin|sans)\b)", after) is not None  # not "en quatre parts"
        # "Saint Louis" → "Louis IX": a regnal number the translator adds; one changed ("Henry VII" for "Henri
        # VIII") is still reported from the source side
        or lang == "en" and n.extra.get("regnal", False)
    )
    soft = (
        soft
        or (n.approx and not _counted_approximation(text, n, lang, before))
        # "deux" is "both", "a couple", "un" an article; "deux mètres" is a measure the translation keeps
        or (n.words and n.value <= SOFT_WORD_MAX and not (n.value == 2 and unit_after(text, n.end)
                                                             and not re.match(r"\W?\w['’]", after))  # "deux l'ont"
            and not _kept_duration(minutes, before, after))
        or (n.text.lower() in AMBIGUOUS_WORDS and not n.extra.get("confirmed"))
        # a number word capitalized inside a sentence is part of a title or a name ("Ocean's Eleven", "Formula
        # One", "the Big Three"): the name is what a translation keeps or not
        or (n.words and n.text[:1].isupper() and bool(starts) and n.start not in starts)
    )
    data = {"value": n.value, "kind": n.kind, "words": n.words, "approx": n.approx}
    unit = unit_after(text, n.end)
    scale_of = re.match(rf"{SP}(?:de{SP}|d['’]|of{SP})", text[n.end : n.end + 6]) if n.scaled and not unit else None
    if scale_of:
        unit = unit_after(text, n.end + scale_of.end())  # "6,4 milliards de kilomètres", "2 millions d'hectares"
    if not unit and not n.scaled:
        unit = time_unit_after(text, n.end, lang)  # "2 heures" is not "2 minutes"; "48 heures" is "two days"
    if unit and n.kind == "cardinal":
        data["unit_text"] = unit_text_after(text, n.end, lang)
        # "moins 5 degrés" is -5; "au moins 5", "du moins 5", "plus ou moins 5" are no sign
        word_sign = re.search(r"\b(?:moins|minus)\s$", before) and not re.search(
            r"\b(?:au|du|ou|le)\s+moins\s$", before, re.IGNORECASE)
        sign = -1 if re.search(r"(?:^|[\s(])[-−–]\s?$", before) or word_sign else 1
        data["measure"] = [measure(sign * v, u) for u in [unit, *alternative_units(text, n.end, lang)] for v in values]
        if lang == "fr" and unit == ("time", 86400.0) and n.value in (8, 15):
            data["measure"].append(("time", (n.value - 1) * 86400.0, "604800"))  # "huit jours" is a week, "15" two
    if "length_m" in n.extra:
        data["measure"] = [("length", n.extra["length_m"], "0.0254")]  # 6'7"
    return Fact(
        type="number", text=n.text, start=n.start, end=n.end, value=key(n.value), keys=keys, provides=provides,
        soft=soft, data=data,
    )


_ALWAYS_FR = re.compile(rf"\b(24){SP}*(?:heures|h){SP}*(?:sur|/){SP}*(24)\b|\b(7){SP}*(?:jours|j){SP}*(?:sur|/){SP}*(7)\b",
                        re.IGNORECASE)
# "a 24-hour news channel" ("une chaîne d'information en continu"), "in the past 24 hours" ("depuis la veille")
_ALWAYS_EN = re.compile(r"\b(24)/(7)\b|\b(24)/(365)\b|\b(24) hours a day\b|\b(7) days a week\b|\b(24)-hour\b"
                        r"|\b(?:past|last|previous)\s+(24)\s+hours\b", re.IGNORECASE)


_DURATION_BEFORE = re.compile(rf"(?:\b(?:pendant|durant|depuis|dans|en|pour|y a|de|for|in|within)|d['’]){SP}*$")
_TRAVEL_TIME = re.compile(rf"{SP}*heures?{SP}+de{SP}+(?:bus|route|train|voiture|marche|vol|avion|bateau|trajet)\b")


def _kept_duration(minutes: float | None, before: str, after: str) -> bool:
    """ "pendant une heure", "à une heure de bus", "for two hours": a duration a translation keeps ("two hours" for
    "une heure" is reported), said with "un"/"deux", which are otherwise soft. Not "à une heure" (a clock time),
    "une heure historique" (a moment), nor "une heure et demie" (an idiom: _IDIOMS)."""
    if minutes is None or re.match(rf"{SP}*(?:heures?|hours?){SP}+(?:et|and){SP}", after):
        return False
    return bool(_DURATION_BEFORE.search(before) or re.search(rf"\bà{SP}*$", before) and _TRAVEL_TIME.match(after))


def _duration_minutes(n: Numeral, after: str) -> float | None:
    """A number of minutes or hours, in minutes ("30 minutes" → 30, "3 heures" → 180), else None."""
    if n.kind != "cardinal":
        return None
    if re.match(rf"{SP}*(?:minutes?|min)\b", after):
        return n.value
    if re.match(rf"{SP}*(?:heures?|hours?|hrs?)\b", after):
        return n.value * 60
    return None


def _always(text: str, n: Numeral, lang: str) -> bool:
    """ "24 heures sur 24", "7j/7", "24/7", "24 hours a day": a way of saying "always" (or "around the clock"), not
    figures a translation must keep."""
    rx = _ALWAYS_FR if lang == "fr" else _ALWAYS_EN
    return any(m.start(g) == n.start for m in rx.finditer(text) for g in range(1, rx.groups + 1) if m.group(g))


# "une vingtaine de personnes", "un petit millier de sites": one figure, said loosely; a translation keeps it ("about
# twenty", "close to a thousand"). "des dizaines", "des milliers" (vague) and "une dizaine"/"une douzaine" (ten and
# twelve swap freely: "a dozen") stay soft; "en quarantaine" (quarantine) has no "une" before it.
_COUNTED_APPROX = {"vingtaine", "trentaine", "quarantaine", "cinquantaine", "soixantaine", "centaine", "millier"}


def _counted_approximation(text: str, n: Numeral, lang: str, before: str) -> bool:
    """"une vingtaine", and "quelques / plusieurs centaines, milliers" (the order of magnitude a translation keeps:
    "a few hundred", "several thousand", "hundreds")."""
    if lang != "fr":
        return False
    if n.text.lower() in ("centaines", "milliers"):
        return re.search(r"\b(?:quelques|plusieurs)\s+$", before, re.IGNORECASE) is not None
    return (n.text.lower() in _COUNTED_APPROX
            and re.search(r"\b(?:une|un)(?:\s+(?:petite?|bonne|grosse?))?\s+$", before, re.IGNORECASE) is not None)


# "le triple", "a triplé": three times, unlike "double" (also "dual", "twin", "en double") a figure the translation
# keeps ("three times", "tripled", "threefold"): required, not soft
_TRIPLE_FR = r"\btripl(?:e|es|er|é|ée|és|ées|ent|era|eront|erait|ait|aient)\b"

# Anniversaries and ages said in one word ("the bicentenary", "an octogenarian"): they support the same figure said
# as an anniversary or an age only (key "ann:"), never any 200 or 80 of the source.
_EN_ANNIVERSARY_FORMS = [
    (r"\b(?:centenary|centennial)\b", 100), (r"\b(?:bicentenary|bicentennial)\b", 200),
    (r"\b(?:tercentenary|tricentennial)\b", 300), (r"\bmillenni(?:um|a)\b", 1000),
    (r"\bsexagenarians?\b", 60), (r"\bseptuagenarians?\b", 70), (r"\boctogenarians?\b", 80),
    (r"\bnonagenarians?\b", 90), (r"\bcentenarians?\b", 100),
]
_EN_ANNIVERSARIES = {rx for rx, _ in _EN_ANNIVERSARY_FORMS}

_IDIOMS = {
    # a word that stands for a number: it supports that number on the other side, nothing more
    "en": [(r"\bdecades?\b", 10), (r"\bfortnight\b", 14), (r"\bfortnight\b", 15), (r"\bcentury\b", 100),
           (r"\bhalf\b", 0.5), (r"\bquarter\b", 4), (r"\btwice\b", 2), (r"\bdouble\b", 2),
           (r"\b(?:tripl(?:e|ed|es|ing)|three-?fold|trebl(?:e|ed|es|ing))\b", 3), (r"\bpair\b", 2),
           (r"\bcouple\b", 2), (r"\bboth\b", 2), (r"\bweek\b", 7), (r"\btwo weeks\b", 15),
           (r"\b(?:several|few)\s+thousand\b", 1000),  # "plusieurs milliers" (a bare "thousand" is no number)
           (r"\bsecondary\b", 2), (r"\btertiary\b", 3),  # "routes de troisième catégorie" → "tertiary roads"
           # durations said in words ("pendant 1h30" → "for an hour and a half")
           (r"\b(?:an|one) hour and a half\b", 1.5), (r"\bhalf an hour\b", 0.5), (r"\bhalf[- ]hours?\b", 0.5),
           (r"\bhat[- ]tricks?\b", 3),  # "un triplé": three goals
           # "multiplié par quatre": a multiplier the translation may say in one word
           (r"\b(?:four-?fold|quadrupl(?:e|ed|es|ing))\b", 4), (r"\b(?:five-?fold|quintupl(?:e|ed|es|ing))\b", 5),
           (r"\bsix-?fold\b", 6), (r"\bseven-?fold\b", 7), (r"\beight-?fold\b", 8), (r"\bnine-?fold\b", 9),
           (r"\bten-?fold\b", 10), (r"\bhundred-?fold\b", 100), (r"\bthousand-?fold\b", 1000),
           (r"\b(?:an|one) hour and a quarter\b", 1.25), (r"\b(?:an|one) hour and three quarters\b", 1.75),
           (r"\b(?:a|one) quarter of an hour\b", 0.25), (r"\bthree quarters of an hour\b", 0.75),
           (r"\b(?:an|one) hour\b", 1), (r"\b(?:a|one) minute\b", 1), (r"(?<=-)nil\b|\bnil(?=-)", 0),  # a score: "three-nil", "nil-nil"
           *[(rx, v) for rx, v in _EN_ANNIVERSARY_FORMS]],
    "fr": [(r"\bdécennies?\b", 10), (r"\bsiècles?\b", 100), (r"\bmoitié\b", 2), (r"\bquarts?\b", 4),
           (r"\btiers\b", 3), (r"\bdouble\b", 2),
           (_TRIPLE_FR, 3), (r"\bsemaines?\b", 7),
           (r"\bquadrupl(?:e|es|er|é|ée|és|ées|ent|era|ait)\b", 4), (r"\bquintupl(?:e|es|er|é|ée|és|ées|ent|era|ait)\b", 5),
           (r"\bdécupl(?:e|es|er|é|ée|és|ées|ent|era|ait)\b", 10), (r"\bcentupl(?:e|es|er|é|ée|és|ées|ent|era|ait)\b", 100),
           # durations said in words ("une heure et demie" → "90 minutes")
           (r"\bune heure et demie\b", 1.5), (r"\bune demi-heure\b", 0.5), (r"\bun quart d['’]heure\b", 0.25),
           (r"\btrois quarts d['’]heure\b", 0.75),
           # anniversaries, terms of office and ages said in one word: "le bicentenaire" → "the 200th
           # anniversary", "un quinquennat" → "a five-year term", "un octogénaire" → "a man in his eighties"
           (r"\bcinquantenaires?\b", 50), (r"\bcentenaires?\b", 100), (r"\bbicentenaires?\b", 200),
           (r"\btricentenaires?\b", 300), (r"\bmillénaires?\b", 1000), (r"\bquinquennats?\b", 5),
           (r"\bseptennats?\b", 7), (r"\bquadragénaires?\b", 40), (r"\bquinquagénaires?\b", 50),
           (r"\bsexagénaires?\b", 60), (r"\bseptuagénaires?\b", 70), (r"\boctogénaires?\b", 80),
           (r"\bnonagénaires?\b", 90)],
}


def _counted_fraction(text: str, m: re.Match) -> bool:
    """"un quart des …", "d'un tiers": a share of something, said with "un"; "un quart d'heure" (fifteen minutes),
    "quart de finale", "le tiers monde", "des pays tiers" are not."""
    return (m.group(0).lower() in ("quart", "tiers")
            and re.search(r"\bune?\s+$", text[max(0, m.start() - 8) : m.start()], re.IGNORECASE) is not None
            and re.match(r"\s*(?:d['’]\s*heure|de\s+finale|de\s+siècle|-)", text[m.end() : m.end() + 20]) is None)


_ARTICLE_DURATION = re.compile(r"\b(?:a|an)\s+(hour|day|week|fortnight|month|year)\b", re.IGNORECASE)


def _article_durations(text: str) -> list[Fact]:
    """ "a day", "an hour", "a fortnight": a quantity of time said with the article, which keeps "24 heures",
    "60 minutes", "15 jours" by conversion. No number key: it stands for no figure ("a day" keeps no dropped 1)."""
    out = []
    for m in _ARTICLE_DURATION.finditer(text):
        word = m.group(1).lower()
        seconds = 2 * seconds_of("week", "en") if word == "fortnight" else seconds_of(word, "en")
        out.append(Fact(type="number", text=m.group(0), start=m.start(), end=m.end(), value="1", keys=[],
                        provides=[f"dur:{key(seconds / 60)}"], soft=True,
                        data={"value": 1.0, "kind": "idiom", "words": True, "unit_text": "",
                              "measure": [("time", seconds, f"{seconds:g}")]}))
    return out


def _idiom_numbers(text: str, lang: str) -> list[Fact]:
    out = []
    for rx, v in _IDIOMS[lang]:
        for m in re.finditer(rx, text, re.IGNORECASE):
            k = f"n:{key(float(v))}"
            f = Fact(type="number", text=m.group(0), start=m.start(), end=m.end(), value=key(float(v)),
                     keys=[k], provides=[k], soft=True, data={"value": float(v), "kind": "idiom", "words": True})
            if re.search(r"hour|heure", m.group(0), re.IGNORECASE):
                f.provides.append(f"dur:{key(float(v) * 60)}")  # "half an hour" ↔ "30 minutes"
                f.data.update(measure=[("time", float(v) * 3600, "3600")], unit_text="")
            elif re.search(r"minute", m.group(0), re.IGNORECASE):
                f.provides.append(f"dur:{key(float(v))}")  # "a minute's silence" ↔ "une minute de silence"
                f.data.update(measure=[("time", float(v) * 60, "60")], unit_text="")
            if lang == "en" and rx in _EN_ANNIVERSARIES:
                f.keys = f.provides = [f"ann:{key(float(v))}"]  # "the centenary" ↔ "le 100e anniversaire", not any 100
            if lang == "fr" and rx == _TRIPLE_FR:
                f.soft = False
            if lang == "fr" and _counted_fraction(text, m):
                f.soft = False  # "un quart des adolescents": a share the translation keeps ("a fourth", "25%")
                f.keys = [k, f"n:{key(round(100 / v))}"]
                f.provides = list(f.keys)
            out.append(f)
    # "one and a half thousand", "two and a half million"
    if lang == "en":
        for m in re.finditer(r"\b(one|two|three|four|five|six|seven|eight|nine|ten|\d+) and a half (thousand|million|billion)\b", text, re.IGNORECASE):
            base = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                    "ten": 10}.get(m.group(1).lower()) or float(m.group(1))
            v = (base + 0.5) * {"thousand": 1e3, "million": 1e6, "billion": 1e9}[m.group(2).lower()]
            k = f"n:{key(v)}"
            out.append(Fact(type="number", text=m.group(0), start=m.start(), end=m.end(), value=key(v), keys=[k],
                            provides=[k, f"bare:{key(v)}"], soft=True, data={"value": v, "kind": "idiom", "words": True}))
    return out


__all__ = ["extract_facts", "is_year", "SP"]
