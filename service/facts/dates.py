"""Dates and times in French and English: weekdays, months (with "début"/"early" qualifiers), day and month,
years and decades, clock times (15h30 ↔ 3:30 pm / 15:30).

Each expression becomes one or more date facts with language-neutral keys: ``w:5`` (Friday), ``m:2`` (February),
``dm:3-3`` (3 March), ``y:2021``, ``dec:1990`` (the 1990s), ``t:15:30``. A 12-hour time without am/pm
("7:30") carries both readings.
"""

from __future__ import annotations

import re

from .model import Fact
from .numeral import SP, Numeral
from .text import fold, glued_starts

FR_MONTHS = {
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "aout": 8,
    "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
    "janv.": 1, "fevr.": 2, "fev.": 2, "avr.": 4, "juil.": 7, "sept.": 9, "oct.": 10, "nov.": 11, "dec.": 12,
}
EN_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan.": 1, "feb.": 2, "mar.": 3, "apr.": 4, "jun.": 6, "jul.": 7, "aug.": 8, "sep.": 9, "sept.": 9,
    "oct.": 10, "nov.": 11, "dec.": 12,
}
FR_WEEKDAYS = {"lundi": 1, "mardi": 2, "mercredi": 3, "jeudi": 4, "vendredi": 5, "samedi": 6, "dimanche": 7}
EN_WEEKDAYS = {"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7}
MONTH_NAMES_EN = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
]
WEEKDAY_NAMES_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

_DECADE_WORDS = {
    "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60, "soixante-dix": 70, "quatre-vingt": 80,
    "quatre-vingt-dix": 90, "twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
    "seventies": 70, "eighties": 80, "nineties": 90,
}
_FR_PART = {"debut": "early", "fin": "late", "mi": "mid", "courant": "mid", "milieu": "mid"}
_EN_PART = {"early": "early", "beginning": "early", "start": "early", "late": "late", "end": "late", "mid": "mid",
            "middle": "mid"}
# English words after which a capitalized "May" is the month.
_MAY_CUES = {"in", "on", "of", "since", "until", "till", "by", "early", "late", "mid", "last", "next", "this",
             "from", "to", "between", "during", "before", "after", "throughout", "end", "beginning", "and", "every",
             "each", "through"}


def _alt(words: dict[str, int]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _month_regex(lang: str) -> re.Pattern[str]:
    if lang == "fr":
        names = "janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre"
        abbr = r"janv\.|f[ée]vr?\.|avr\.|juil\.|sept\.|oct\.|nov\.|d[ée]c\."
    else:
        names = "January|February|March|April|May|June|July|August|September|October|November|December"
        abbr = r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\."
    flags = re.IGNORECASE if lang == "fr" else 0
    # French copy pasted from a page may glue a heading's date to the next sentence ("le 3 févrierLe 3 février")
    glued = r"|(?-i:(?=[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]))" if lang == "fr" else ""
    return re.compile(rf"\b(?:{names})(?:\b{glued})|\b(?:{abbr})", flags)


_MONTH_RE = {lang: _month_regex(lang) for lang in ("fr", "en")}
# Holidays a translator names instead of their date (folded name → (day, month)). In a translation from French,
# "Labour Day" is the 1st of May, not the American September holiday.
_HOLIDAYS = {
    "fr": {"fete du travail": (1, 5)},
    "en": {"may day": (1, 5), "labour day": (1, 5), "labor day": (1, 5), "bastille day": (14, 7),
           "armistice day": (11, 11), "ve day": (8, 5), "v-e day": (8, 5), "victory in europe day": (8, 5),
           "new year's day": (1, 1), "new year's eve": (31, 12), "christmas day": (25, 12), "christmas eve": (24, 12),
           "all saints' day": (1, 11), "all saints day": (1, 11)},
}
_HOLIDAY_RE = {
    "fr": re.compile(r"\bf[êe]te\s+du\s+Travail\b", re.IGNORECASE),
    "en": re.compile(r"\b(?:May|Labou?r|Bastille|Armistice|V-?E|Victory in Europe|Christmas|New Year['’]s|All Saints['’]?)"
                     r"\s+(?:Day|Eve)\b"),
}
# Days named after a weekday: a feast, a vote, a crash or a sale ("the Good Friday Agreement", "l'accord du
# Vendredi saint", "Super Tuesday", "Bloody Sunday"). In French they are no weekday fact; in English the weekday is
# soft: no date the source must give, but still the weekday of a "jeudi noir" the translation keeps or changes.
# ("jeudi noir", "vendredi noir" are French strike and traffic days: real weekdays, not listed.)
_NAMED_DAY_RE = {
    "fr": re.compile(r"\b(?:vendredi|jeudi|samedi)\s+saint\b|\b(?:lundi|dimanche)\s+de\s+(?:P[âa]ques|Pentec[ôo]te)\b"
                     r"|\bmercredi\s+des\s+Cendres\b|\bdimanche\s+des\s+Rameaux\b|\bmardi\s+gras\b"
                     r"|\b(?:Black|Cyber)\s+(?:Friday|Monday)\b|\bSuper\s+Tuesday\b|\bBloody\s+Sunday\b", re.IGNORECASE),
    "en": re.compile(r"\b(?:Good|Black|Cyber|Holy|Maundy|Easter|Palm|Ash|Whit|Shrove|Super|Bloody|Fat)\s+"
                     r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"),
}
# a weekday glued to the word before it ("remaniementMardi, le président…"): text.glued_starts finds where it starts
_GLUED_WEEKDAY = re.compile(r"(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)s?\b", re.IGNORECASE)
_WEEKDAY_RE = {
    "fr": re.compile(r"\b(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)s?\b", re.IGNORECASE),
    "en": re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?\b"),
}


def _month_value(word: str, lang: str) -> int | None:
    table = FR_MONTHS if lang == "fr" else EN_MONTHS
    w = fold(word)
    return table.get(w) or table.get(w.rstrip("."))


def _fact(text: str, s: int, e: int, value: str, keys: list[str], provides: list[str] | None = None, **data) -> Fact:
    return Fact(
        type="date", text=text[s:e], start=s, end=e, value=value, keys=keys,
        provides=sorted(set(keys) | set(provides or [])), data=data,
    )


def find_dates(text: str, lang: str, numerals: list[Numeral], starts: set[int]) -> tuple[list[Fact], list[tuple[int, int]]]:
    """Date and time facts, and the character spans they claim (numbers inside them are not numbers)."""
    lang = "fr" if lang.startswith("fr") else "en"
    facts: list[Fact] = []
    claimed: list[tuple[int, int]] = []
    by_end = {n.end: n for n in numerals}

    # --- holidays named for their date: "May Day" is "le 1er-Mai", "Bastille Day" "le 14-Juillet"
    for m in _HOLIDAY_RE[lang].finditer(text):
        day_month = _HOLIDAYS[lang].get(" ".join(fold(m.group(0)).replace("’", "'").split()))
        if day_month and not _inside(claimed, m.start(), m.end()):
            day, month = day_month
            # no bare day number: "Bastille Day" does not stand for the 14 people of "14 blessés"
            f = _fact(text, m.start(), m.end(), f"{month:02d}-{day:02d}", [f"dm:{day}-{month}"],
                      [f"m:{month}"], month=month, day=day, holiday=True)
            # an English holiday keeps a French date ("le 1er-Mai" → "May Day") but is no date the source must
            # give: French names them too ("le réveillon de Noël", "la Toussaint") and the source side still sees a
            # date swapped ("le 1er-Mai" → "Bastille Day")
            f.soft = lang == "en"
            facts.append(f)
            claimed.append((m.start(), m.end()))

    # --- months, with a day before ("le 3 mars", "3 March", "3rd of March") or after ("March 3"), a year after.
    for m in _MONTH_RE[lang].finditer(text):
        if _inside(claimed, m.start(), m.end()):
            continue  # the "May" of "May Day"
        word = m.group(0)
        month = _month_value(word, lang)
        if month is None:
            continue
        s, e = m.start(), m.end()
        before = text[max(0, s - 25) : s]
        after = text[e : e + 25]
        day_num = _day_before(before, s, by_end, lang)
        year_m = re.match(rf",?{SP}(\d{{4}})(?:\b|(?=[A-Z][a-z]))", after)  # "le 20 août 2020Mme Merkel"
        day_after = None
        if lang == "en" and day_num is None:
            dm = re.match(rf"{SP}(?:the{SP})?(\d{{1,2}})(?:st|nd|rd|th)?\b(?![.,]\d)", after)
            if dm and 1 <= int(dm.group(1)) <= 31:
                day_after = (e + dm.start(1), e + dm.end(), int(dm.group(1)))
        if not _month_ok(text, word, s, e, lang, starts, bool(day_num or day_after or year_m)):
            continue
        part = _part_before(before, lang)
        if day_num is not None:
            n = day_num
            facts.append(_fact(text, n.start, e, f"{month:02d}-{int(n.value):02d}", [f"dm:{int(n.value)}-{month}"],
                               [f"m:{month}", f"n:{int(n.value)}"], month=month, day=int(n.value)))
            claimed.append((n.start, e))
            _range_day(text, n, numerals, month, facts, claimed, lang)
        elif day_after is not None:
            ds, de, d = day_after
            facts.append(_fact(text, s, de, f"{month:02d}-{d:02d}", [f"dm:{d}-{month}"], [f"m:{month}", f"n:{d}"],
                               month=month, day=d))
            claimed.append((s, de))
            rm = re.match(rf"{SP}?(?:-|–|to|and){SP}?(\d{{1,2}})(?:st|nd|rd|th)?\b", text[de : de + 12])
            if rm and 1 <= int(rm.group(1)) <= 31:
                d2 = int(rm.group(1))
                facts.append(_fact(text, de + rm.start(1), de + rm.end(), f"{month:02d}-{d2:02d}", [f"dm:{d2}-{month}"],
                                   [f"m:{month}", f"n:{d2}"], month=month, day=d2))
                claimed.append((de, de + rm.end()))
        else:
            facts.append(_fact(text, s, e, f"{month:02d}", [f"m:{month}"], month=month, part=part))
            claimed.append((s, e))
        if year_m:
            y = int(year_m.group(1))
            ys, ye = e + year_m.start(1), e + year_m.end(1)
            facts.append(_fact(text, ys, ye, str(y), [f"y:{y}"], [f"n:{y}"], year=y))
            claimed.append((ys, ye))

    # --- weekdays
    named_days = [(m.start(), m.end()) for m in _NAMED_DAY_RE[lang].finditer(text)]
    glued = [_GLUED_WEEKDAY.match(text, p) for p in glued_starts(text)] if lang == "fr" else []
    for m in sorted([*_WEEKDAY_RE[lang].finditer(text), *filter(None, glued)], key=lambda m: m.start()):
        named_day = _inside(named_days, m.start(), m.end())
        if named_day and lang == "fr":
            continue
        if lang == "fr" and m.group(0)[0].isupper() and m.start() not in starts:
            continue  # "Dimanche" mid-sentence is most often a name ("le Journal du Dimanche")
        wd = (FR_WEEKDAYS if lang == "fr" else EN_WEEKDAYS)[fold(m.group(1))]
        facts.append(_fact(text, m.start(), m.end(), f"weekday-{wd}", [f"w:{wd}"], weekday=wd))
        facts[-1].soft = named_day
        claimed.append((m.start(), m.end()))

    # --- decades: "années 1990", "années 90" ↔ "1990s", "'90s"
    dec_re = (
        re.compile(rf"\bann[ée]es{SP}(?:(1[5-9]|20)(\d)0|(\d)0)\b", re.IGNORECASE)
        if lang == "fr"
        else re.compile(r"\b(?:(1[5-9]|20)(\d)0|['’]?(\d)0)['’]?s\b")
    )
    for m in dec_re.finditer(text):
        if lang == "en" and re.search(r"\b(?:under|over)-$", text[max(0, m.start() - 6) : m.start()], re.IGNORECASE):
            continue  # "the under-60s" are people under 60 ("les moins de 60 ans"), not a decade
        if m.group(1):
            dec = int(m.group(1) + m.group(2) + "0")
        else:
            d = int(m.group(3))
            dec = 2000 + d * 10 if d == 0 else 1900 + d * 10
        f = _fact(text, m.start(), m.end(), f"{dec}s", [f"dec:{dec}"], [f"y:{dec}", f"n:{dec}"], decade=dec)
        if lang == "en" and dec % 100 == 0:
            f.provides.append(f"cent:{dec // 100 + 1}")  # "the 1700s" is the eighteenth century ("le XVIIIe siècle")
        f.soft = lang == "en" and not m.group(1)  # "the 60s" may be an age
        facts.append(f)
        claimed.append((m.start(), m.end()))
        if lang == "fr":
            # "les années 1990 et 2000", "les années 60 et 70"
            nm = re.match(rf"{SP}+(?:et|ou|à){SP}+((?:19|20)?\d0)\b", text[m.end() : m.end() + 12])
            if nm:
                v = nm.group(1)
                dec2 = int(v) if len(v) == 4 else (2000 if v == "00" else 1900 + int(v))
                s2, e2 = m.end() + nm.start(1), m.end() + nm.end(1)
                facts.append(_fact(text, s2, e2, f"{dec2}s", [f"dec:{dec2}"], [f"y:{dec2}", f"n:{dec2}"], decade=dec2))
                claimed.append((s2, e2))

    # --- decades in words: "années soixante" ↔ "the Sixties"
    wd = (
        re.compile(r"\bann[ée]es" + SP + r"(vingt|trente|quarante|cinquante|soixante|soixante-dix|quatre-vingt|quatre-vingt-dix)\b", re.IGNORECASE)
        if lang == "fr"
        else re.compile(r"\b(twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b", re.IGNORECASE)
    )
    for m in wd.finditer(text):
        w = m.group(1).lower()
        dec = 1900 + _DECADE_WORDS[w]
        age = [f"about:{_DECADE_WORDS[w]}"] if lang == "en" and m.group(1).islower() else []
        # "in his forties" is an age about forty: "une quarantaine d'années", not "40 ans"
        f = _fact(text, m.start(), m.end(), f"{dec}s", [f"dec:{dec}"], [f"y:{dec}", f"n:{dec}"] + age, decade=dec)
        f.soft = lang == "en" and m.group(1).islower()  # "in his mid-thirties" is an age, "the Sixties" a decade
        facts.append(f)
        claimed.append((m.start(), m.end()))

    # --- clock times
    for s, e, keys, soft in _times(text, lang, starts):
        if _inside(claimed, s, e):
            continue
        hours = [int(k[2:].split(":")[0]) for k in keys if k.startswith("t:")]
        minutes = [int(k.split(":")[2]) for k in keys if k.startswith("t:") and not k.endswith(":00")]
        f = _fact(text, s, e, keys[0][2:], keys, [f"n:{h}" for h in hours] + [f"n:{h % 12 or 12}" for h in hours]
                  + [f"n:{mi}" for mi in minutes])  # "2h30" ↔ "2 hours 30 minutes"
        if lang == "fr" and _duration_cue(text, s):
            # said as a duration: an amount of time, a number ("1.5 hours"), not a date; the issue says "duration
            # '2 h 30'", not "date 02:30", and comes under numbers where a reader filters by type
            f.type = "number"
            f.data["duration"] = True

        f.soft = soft
        facts.append(f)
        claimed.append((s, e))

    # --- numeric dates 03/03/2021, 20.12.2012
    for m in re.finditer(r"\b(\d{1,2})([/.])(\d{1,2})\2(\d{4}|\d{2})\b", text):
        if m.group(2) == "." and len(m.group(4)) != 4:
            continue
        a, b, y = int(m.group(1)), int(m.group(3)), int(m.group(4))
        y = y + 2000 if y < 100 else y
        keys = []
        if 1 <= b <= 12 and 1 <= a <= 31:
            keys.append(f"dm:{a}-{b}")
        if lang == "en" and 1 <= a <= 12 and 1 <= b <= 31:
            keys.append(f"dm:{b}-{a}")
        if not keys:
            continue
        facts.append(_fact(text, m.start(), m.end(), m.group(0), keys, [f"y:{y}", f"n:{y}"]))
        facts.append(_fact(text, m.end() - len(m.group(4)), m.end(), str(y), [f"y:{y}"], [f"n:{y}"], year=y))
        claimed.append((m.start(), m.end()))

    # --- years: the remaining plain four-digit numbers between 1800 and 2100
    for n in numerals:
        if _inside(claimed, n.start, n.end):
            continue
        if is_year(n):
            y = int(n.value)
            facts.append(_fact(text, n.start, n.end, str(y), [f"y:{y}", f"n:{y}"], [f"n:{y}"], year=y))
            claimed.append((n.start, n.end))
    return facts, claimed


def is_year(n: Numeral) -> bool:
    return (
        n.kind == "cardinal" and not n.words and not n.scaled and not n.grouped
        and re.fullmatch(r"(1[89]\d\d|20\d\d|2100)", n.plain or "") is not None
    )


def _inside(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(a < e and s < b for a, b in spans)


def _day_before(before: str, month_start: int, by_end: dict[int, Numeral], lang: str) -> Numeral | None:
    """The day number just before a month: "3 mars", "1er mai", "3rd of March"."""
    # French writes its holidays with a hyphen: "le 1er-Mai", "le 14-Juillet", "le 11-Novembre"
    m = re.search(rf"(?:{SP}of)?{SP}$" if lang == "en" else rf"(?:{SP}|-)$", before)
    if not m:
        return None
    end = month_start - (len(before) - m.start())
    n = by_end.get(end)
    if n is None or n.words and fold(n.text) not in ("premier", "1er"):
        return None
    if n.kind not in ("cardinal", "ordinal") or n.scaled or n.grouped:
        return None
    if 1 <= n.value <= 31 and n.value == int(n.value):
        return n
    return None


def _range_day(text: str, n: Numeral, numerals: list[Numeral], month: int, facts: list[Fact],
               claimed: list[tuple[int, int]], lang: str) -> None:
    """ "du 3 au 5 mars", "3-5 March": the first day of a range is a date too."""
    gap = r"(?:-|–|au|et|à|to|and)"
    for o in numerals:
        # "entre le 12 et le 15 juin": the article may come again before the second day
        if o.end <= n.start and o.end >= n.start - 10 and re.fullmatch(
            rf"{SP}?{gap}{SP}?(?:le{SP}|the{SP})?", text[o.end : n.start]
        ) and 1 <= o.value <= 31 and o.value == int(o.value) and not o.words and o.kind != "percent":
            # "revalorisé de 2 % au 1er janvier": a rate, not the first day of a range
            d = int(o.value)
            facts.append(_fact(text, o.start, o.end, f"{month:02d}-{d:02d}", [f"dm:{d}-{month}"],
                               [f"m:{month}", f"n:{d}"], month=month, day=d))
            claimed.append((o.start, o.end))


def _part_before(before: str, lang: str) -> str | None:
    f = fold(before)
    if lang == "fr":
        m = re.search(r"\b(debut|fin|mi|courant|milieu)(?:\s+d[e'u]|\s*-|\s)\s*$", f)
        return _FR_PART.get(m.group(1)) if m else None
    m = re.search(r"\b(early|beginning|start|late|end|mid|middle)(?:\s+of)?[\s-]*$", f)
    return _EN_PART.get(m.group(1)) if m else None


def _month_ok(text: str, word: str, s: int, e: int, lang: str, starts: set[int], with_number: bool) -> bool:
    if with_number:
        return True
    if word.endswith("."):
        return False  # an abbreviation alone is a word: "multipliés par sept..." is no September
    if lang == "fr":
        # French months are lower-case; a capitalized "Mars" mid-sentence is the planet or a name.
        # At a sentence's start "Mars" without a day or year is the planet far more often than the month.
        return word[0].islower() or s in starts and word != "Mars"
    if word == "May":
        prev = re.search(r"(\w+)\W*$", text[max(0, s - 20) : s])
        return bool(prev and prev.group(1).lower() in _MAY_CUES)
    if word == "March" and s in starts:
        return False
    return True


_CLOCK_CUE = re.compile(
    r"(?:\b(?:à|a|vers|dès|des|jusqu'à|jusqu’à|avant|après|entre|de|et|depuis|ce|le|la|du|matin|soir|midi|"
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|heure|heures|locale|GMT|\d{1,2}h\d{0,2}|\d{1,2}))"
    r"[\s\u00a0\u202f]*$",
    re.IGNORECASE,
)


def _duration_cue(text: str, start: int) -> bool:
    """Whether "1h30" is said as a duration: "pendant 1h30", "le vol dure 2h30", "une durée de 1h15"."""
    before = text[max(0, start - 20) : start]
    return re.search(r"\b(?:pendant|durant|dur(?:e|ent|é|ait|era)|durée\s+de)[\s\u00a0\u202f]*$", before,
                     re.IGNORECASE) is not None


def _clock_cue(text: str, start: int) -> bool:
    """Whether "15h30" reads as a clock time ("à 15h30", "vendredi 15h") rather than a duration ("pendant 1h30")."""
    before = text[max(0, start - 20) : start]
    if re.search(r"\b(?:pendant|durant|en|pour|sur|par|toutes?\s+les|chaque|plus\s+de|moins\s+de|près\s+de|environ)[\s\u00a0\u202f]*$", before, re.IGNORECASE):
        return False
    return bool(_CLOCK_CUE.search(before))


_AMPM = r"(?P<ampm>[ap])\.?\s?m\b\.?"


def _times(text: str, lang: str, starts: set[int]):
    """(start, end, keys, soft) for each clock time."""
    out = []
    if lang == "fr":
        # "13h00", and "13H00" as AFP's French copy writes it
        for m in re.finditer(rf"\b(\d{{1,2}}){SP}?[hH]{SP}?(\d{{2}})\b", text):
            h, mi = int(m.group(1)), int(m.group(2))
            if h <= 24 and mi < 60:
                keys = [f"t:{h % 24:02d}:{mi:02d}"]
                if mi in (15, 30, 45) and not _clock_cue(text, m.start()):
                    keys.append(f"n:{h + mi / 60:g}")  # "pendant 1h30" ↔ "for 1.5 hours"
                if _duration_cue(text, m.start()):
                    # "le vol dure 2h30", "pendant 1h30": a duration the translation keeps ("2.5 hours", "two
                    # hours and a half", "2 hours 30 minutes")
                    out.append((m.start(), m.end(), list(dict.fromkeys(keys + [f"n:{h + mi / 60:g}", f"n:{h}"])), False))
                    continue
                out.append((m.start(), m.end(), keys, not _clock_cue(text, m.start())))
        for m in re.finditer(rf"\b(\d{{1,2}}){SP}?[hH]\b(?![\w'’])", text):
            h = int(m.group(1))
            if h <= 24:
                out.append((m.start(), m.end(), [f"t:{h % 24:02d}:00", f"n:{h}"], not _clock_cue(text, m.start())))
        for m in re.finditer(
            rf"\b(?:à|a|vers|dès|jusqu'à|jusqu’à|avant|après){SP}+(\d{{1,2}}){SP}?heures?"
            rf"(?:{SP}?(\d{{2}})\b|{SP}+et{SP}+(demie|quart)\b)?",
            text, re.IGNORECASE,
        ):
            # "à 14 heures 30", "à 14 heures et demie" (14:30), "à 9 heures et quart" (9:15)
            h = int(m.group(1))
            mi = int(m.group(2)) if m.group(2) else {"demie": 30, "quart": 15}.get((m.group(3) or "").lower(), 0)
            if h <= 24 and mi < 60:
                out.append((m.start(1), m.end(), [f"t:{h % 24:02d}:{mi:02d}", f"n:{h}"], False))
        for m in re.finditer(rf"\b(midi|minuit)(?:{SP}+et{SP}+(demie?|quart))?\b", text):
            # "midi et demi" is 12:30, "minuit et quart" 00:15
            mi = {"demi": 30, "demie": 30, "quart": 15}.get(m.group(2) or "", 0)
            out.append((m.start(), m.end(), [f"t:{12 if m.group(1) == 'midi' else 0:02d}:{mi:02d}"], True))
        return _dedupe(out)
    for m in re.finditer(rf"\b(\d{{1,2}})(?:[:.](\d{{2}}))?{SP}?{_AMPM}", text, re.IGNORECASE):
        h, mi = int(m.group(1)), int(m.group(2) or 0)
        if 1 <= h <= 12 and mi < 60:
            pm = m.group("ampm").lower() == "p"
            hh = (h % 12) + (12 if pm else 0)
            out.append((m.start(), m.end(), [f"t:{hh:02d}:{mi:02d}"], False))
    for m in re.finditer(r"\b(\d{1,2})(?::|h)(\d{2})\b(?!\s*[ap]\.?\s?m\b)(?![.,]\d)", text, re.IGNORECASE):
        h, mi = int(m.group(1)), int(m.group(2))
        if h <= 24 and mi < 60:
            keys = [f"t:{h % 24:02d}:{mi:02d}"]
            if 1 <= h <= 11:
                keys.append(f"t:{h + 12:02d}:{mi:02d}")
            elif h == 12:
                keys.append(f"t:00:{mi:02d}")
            out.append((m.start(), m.end(), keys, False))
    for m in re.finditer(r"\b([01]\d|2[0-3])([0-5]\d)\s?(?:GMT|UTC|hrs|hours|h)\b", text):
        out.append((m.start(), m.end(), [f"t:{int(m.group(1)):02d}:{m.group(2)}"], False))  # "1200 GMT"
    for m in re.finditer(r"\b([01]\d|2[0-3])([0-5]\d)(?=\s*(?:and|to|-|–)\s*(?:[01]\d|2[0-3])[0-5]\d\s?(?:GMT|UTC)\b)",
                         text):
        out.append((m.start(), m.end(), [f"t:{int(m.group(1)):02d}:{m.group(2)}"], False))  # "(2330 and 0120 GMT)"
    for m in re.finditer(r"\b(\d{1,2})\s?o['’]clock\b", text):
        h = int(m.group(1))
        if 1 <= h <= 12:
            out.append((m.start(), m.end(), [f"t:{h:02d}:00", f"t:{(h % 12) + 12:02d}:00"], False))
    for m in re.finditer(r"\b(noon|midday|midnight)\b", text, re.IGNORECASE):
        out.append((m.start(), m.end(), ["t:00:00" if m.group(1).lower() == "midnight" else "t:12:00"], True))
    return _dedupe(out)


def _dedupe(out: list) -> list:
    """Overlapping matches: keep the earliest, longest."""
    out.sort(key=lambda t: (t[0], -(t[1] - t[0])))
    kept: list = []
    for t in out:
        if not any(k[0] < t[1] and t[0] < k[1] for k in kept):
            kept.append(t)
    return kept
