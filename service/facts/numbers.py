"""Numerals in French and English: digits in both typographies, scales, percentages, ordinals, Roman numerals, and
the number words of number_words.py.

``find_numerals(text, lang)`` returns every numeric expression with its value; the money, date and time
extractors claim the ones they recognise and the rest become number facts. Values are language-neutral floats:
"12.000", "12 000" and "12,000" are all 12000; "3,5" (fr) and "3.5" (en) are 3.5; "1,2 milliard" and
"1.2 billion" are 1.2e9.
"""

from __future__ import annotations

import bisect
import re

from .number_words import word_numerals
from .numeral import SCALES, SP, Numeral

# --- digits ------------------------------------------------------------------------------------------------------
# French: groups of three separated by a space (any kind) or a dot; decimal comma. "3.5" (a dot followed by other
# than three digits) is read as a decimal too. English: comma groups, decimal point; a stray "3,5" is a decimal.
_FR_DIGITS = rf"\d{{1,3}}(?:(?:{SP}|\.)\d{{3}})+(?:,\d+)?(?!\d)|\d+(?:,\d+|\.\d{{1,2}}(?!\d)|\.\d{{4,}})?"
_EN_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+(?!\d)|\d+,\d{1,2}(?!\d)|\d+(?:\.\d+)?"

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def roman_to_int(s: str) -> int | None:
    total, prev = 0, 0
    for ch in reversed(s.upper()):
        v = _ROMAN.get(ch)
        if v is None:
            return None
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total or None


def parse_digits(s: str, lang: str) -> tuple[float, bool]:
    """Value of a digit string written in ``lang`` typography, and whether it had thousands separators."""
    s = re.sub(SP, " ", s)
    if lang == "fr":
        if re.fullmatch(r"\d{1,3}(?:[ .]\d{3})+(?:,\d+)?", s):
            return float(s.replace(" ", "").replace(".", "").replace(",", ".")), True
        return float(s.replace(",", ".")), False
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", s):
        return float(s.replace(",", "")), True
    if re.fullmatch(r"\d{1,3}(?: \d{3})+", s):
        return float(s.replace(" ", "")), True
    if re.fullmatch(r"\d+,\d{1,2}", s):
        return float(s.replace(",", ".")), False
    return float(s), False



def _digit_regex(lang: str) -> re.Pattern[str]:
    core = _FR_DIGITS if lang == "fr" else _EN_DIGITS
    scales = SCALES[lang]
    scale_alt = "|".join(sorted(scales, key=len, reverse=True))
    if lang == "fr":
        pct = rf"{SP}?%|{SP}pour[ -]?cents?\b|{SP}p\.{SP}?100\b"
        ordinal = r"(?:er|re|ère|ere|ème|eme|è|e|nd|nde|nds|ndes|es|èmes)\b"
    else:
        pct = rf"{SP}?%|{SP}?per{SP}?cent\b|{SP}?percent\b|{SP}?pc\b"
        ordinal = r"(?:st|nd|rd|th)\b"
    return re.compile(
        # "I/13" road: a number; "12/03": not. A full stop glued to a word ends a sentence ("ces dernières
        # semaines.46 600 manifestants", copy pasted from a page): what follows is a number; ".46" and "1.46" are not
        rf"(?<![\d,])(?<!\d\.)(?<![^\w]\.)(?<!^\.)(?<!_\.)(?<!\d/)(?<![^\W\d_]\d)(?P<num>{core})"
        rf"(?:(?P<ord>{ordinal})|(?:(?:{SP}|-)(?P<scale>{scale_alt})\b)?(?P<pct>{pct})?)",
        re.IGNORECASE,
    )


_DIGIT_RE = {lang: _digit_regex(lang) for lang in ("fr", "en")}
_ROMAN_ORD_RE = re.compile(
    r"\b(?P<num>[IVXLC]{1,7})(?P<ord>e|ème|er|eme)\b"
    r"(?P<noun>(?=(?:[\s–-]+(?:et|au|à)?\s*(?:[IVXLC]{1,7}(?:e|ème|er))?)*\s*(?:siècles?|arrondissement|République|millénaire|Reich|législature|congrès|édition|round)))?"
)


# "Henri VIII", "Jean-Paul II", "Louis XIV", "Apollo XI": a Roman numeral after a capitalized word, in both languages
# ("Henry VIII"), so a changed king or pope ("Henry VII") is a changed number. Two letters or more, of I, V and X
# only: a lone "V" or "X" is an initial ("Malcolm X"), and "DC", "CV", "XL" are not numerals there.
_REGNAL_RE = re.compile(r"(?<=[^\W\d_])[\s\u00a0](?P<num>(?=[IVX]{2})X{0,3}(?:IX|IV|V?I{0,3}))(?=['’]s\b|[^\w'’-]|$)")


def find_numerals(text: str, lang: str) -> list[Numeral]:
    lang = "fr" if lang.startswith("fr") else "en"
    out: list[Numeral] = []
    scales = SCALES[lang]
    for m in _DIGIT_RE[lang].finditer(text):
        raw = m.group("num")
        try:
            value, grouped = parse_digits(raw, lang)
        except ValueError:
            continue
        kind = "cardinal"
        scaled = False
        if m.group("ord"):
            kind = "ordinal"
        alts: list[float] = []
        factor = 1.0
        if m.group("scale"):
            if m.group("scale").lower() == "milles":
                alts.append(value)
            factor = scales[m.group("scale").lower()]
            value *= factor
            scaled = True
        if scaled:
            dm = re.match(rf"{SP}et{SP}demie?\b", text[m.end() : m.end() + 12])
            if dm:
                value += 0.5 * scales[m.group("scale").lower()]
        if m.group("pct"):
            kind = "percent"
        num = Numeral(m.start(), m.end(), m.group(0), value, kind, scaled=scaled, grouped=grouped, plain=raw)
        if alts:
            num.extra["alts"] = alts
        if factor > 1:
            num.extra["scale"] = factor
        if re.fullmatch(r"\d{1,3},\d{3}", raw) and lang == "fr" or re.fullmatch(r"\d{1,3}\.\d{3}", raw) and lang == "en":
            # "1,280" in French text (or "1.280" in English) is read both ways: 1.28 and 1280
            alt = float(re.sub(r"[,.]", "", raw))
            num.extra["alts"] = num.extra.get("alts", []) + [
                alt * (value / float(raw.replace(",", ".")) if float(raw.replace(",", ".")) else 1)
            ]
        out.append(num)
    if lang == "fr":
        for m in _ROMAN_ORD_RE.finditer(text):
            v = roman_to_int(m.group("num"))
            if m.group(0) in ("Le", "Ce") or len(m.group("num")) < 2 and (
                m.group("noun") is None or re.match(r"\s+[IVXLC]{1,7}(?:e|ème|er)\b", text[m.end() :])
            ):
                continue  # "Le", "Ce", "Ve" alone are words, and so are "Le IIIe Reich", "Ce XXe siècle"
            if v and not _overlaps(out, m.start(), m.end()):
                out.append(Numeral(m.start(), m.end(), m.group(0), float(v), "ordinal", plain=m.group("num")))
    for m in _REGNAL_RE.finditer(text):
        v = roman_to_int(m.group("num"))
        before = re.search(r"([^\W\d_][\w-]*)\W?$", text[max(0, m.start() - 40) : m.start() + 1])
        if v and before and before.group(1)[0].isupper() and not _overlaps(out, m.start("num"), m.end("num")):
            out.append(Numeral(m.start("num"), m.end("num"), m.group("num"), float(v), plain=m.group("num"),
                               extra={"regnal": True}))
    for m in _FRACTION_OF_SCALE_RE[lang].finditer(text):
        # "un demi-million", "half a million", "a quarter of a billion": one number, the fraction of the scale
        scale = next(g for g in m.groups() if g and g.lower() in scales)
        frac = 0.25 if "quarter" in m.group(0).lower() else 0.5
        out = [n for n in out if not (m.start() <= n.start < m.end() or n.start < m.start() < n.end)]
        out.append(Numeral(m.start(), m.end(), m.group(0), frac * scales[scale.lower()], words=True, scaled=True))
    if lang == "en":
        out = _feet_and_inches(text, out)
        for m in _A_FURTHER_SCALE_RE.finditer(text):  # "an extra billion" is "un milliard de plus"
            if not _overlaps(out, m.start(), m.end()):
                out.append(Numeral(m.start(), m.end(), m.group(0), scales[m.group(1).lower()], words=True, scaled=True))
    out.extend(n for n in word_numerals(text, lang) if not _overlaps(out, n.start, n.end))
    out = [n for n in out if not _unit_exponent(text, n)]
    out.sort(key=lambda n: n.start)
    if lang == "fr":
        out = _sports_times(text, out)
        _and_a_half(text, out, scales)
    else:
        for n in out:  # "two and a half years", "5 and a half hours" ("… and a half million" is an idiom: extract.py)
            if n.kind == "cardinal" and not n.scaled and re.match(
                    rf"{SP}+and{SP}+a{SP}+half\b(?!{SP}+(?:thousand|million|billion))", text[n.end : n.end + 40]):
                n.value += 0.5
    for a, b in zip(out, out[1:]):
        # "entre 12 et 16 mille": the scale of the second number applies to the first too
        if not a.scaled and b.scaled and a.kind == b.kind == "cardinal" and re.fullmatch(
            rf"{SP}*(?:et|à|ou|and|to|or|-|–){SP}*", text[a.end : b.start]
        ):
            # the scale word's own factor, not b.value / b's digits: "de 10 à 0 millions" has digits 0
            factor = b.extra.get("scale", 1.0)
            if factor > 1:
                a.extra["alts"] = a.extra.get("alts", []) + [a.value * factor]
        # "1h30" style durations are handled in dates; "1,5" etc. need nothing
    _scale_carried_over(text, out)
    return out


def _scale_carried_over(text: str, nums: list[Numeral]) -> None:
    """ "Sur ces 78 milliards de dollars (...), 53 l'ont été par": a bare number after a number with a scale of a
    million or more, in the same sentence, may count in that scale; a translator often writes it out ("53 billion
    went to"). Either side: the bare number gets the scaled value as an alternative."""
    breaks = [m.start() for m in re.finditer(r"[.!?;]\s", text)]  # one pass over the text, not one per number
    last: Numeral | None = None  # the nearest number before, of a million or more
    for n in nums:
        if (last is not None and n.start - last.end <= 200 and not n.scaled and n.kind == "cardinal" and not n.words
                and n.value == int(n.value) and 1 <= n.value < 1000):
            i = bisect.bisect_left(breaks, last.end)
            if i == len(breaks) or breaks[i] >= n.start:  # no sentence end between them
                n.extra["alts"] = n.extra.get("alts", []) + [n.value * last.extra["scale"]]
        if n.scaled and n.kind == "cardinal" and n.extra.get("scale", 1.0) >= 1e6:
            last = n


_FRACTION_OF_SCALE_RE = {
    "fr": re.compile(rf"\b(?:un{SP}+)?demi-(million|milliard)s?\b", re.IGNORECASE),
    "en": re.compile(rf"\bhalf{SP}+an?{SP}+(thousand|million|billion)\b"
                     rf"|\bquarter{SP}+of{SP}+an?{SP}+(million|billion)\b", re.IGNORECASE),
}
_A_FURTHER_SCALE_RE = re.compile(r"\b(?:an?|another)\s+(?:extra|additional|further)\s+(million|billion|trillion)\b",
                                 re.IGNORECASE)

_SECONDS_AND_HUNDREDTHS = re.compile(rf"{SP}*(?:secondes?|sec\.?|s|''|\"){SP}*$")
_FRACTION_NOUNS = {"dixièmes": 10, "centièmes": 100, "millièmes": 1000}
_FRACTION_NOUN_RE = re.compile(rf"{SP}+({'|'.join(_FRACTION_NOUNS)})\b")


def _sports_times(text: str, nums: list[Numeral]) -> list[Numeral]:
    """How French writes a race time: "9 secondes 58", "9 s 58" (9.58 s), "35 centièmes" (0.35 s): one number."""
    out: list[Numeral] = []
    for n in nums:
        prev = out[-1] if out else None
        if (prev is not None and prev.kind == n.kind == "cardinal" and not prev.words and not n.words
                and re.fullmatch(r"\d{2}", n.text) and _SECONDS_AND_HUNDREDTHS.match(text[prev.end : n.start])
                and not prev.extra.get("race_time")
                and not re.match(rf"{SP}+[^\W\d_]{{3,}}", text[n.end : n.end + 20])):  # "30 secondes 12 personnes"
            prev.value += n.value / 100
            prev.end, prev.text = n.end, text[prev.start : n.end]
            prev.extra["race_time"] = True
            continue
        noun = _FRACTION_NOUN_RE.match(text, n.end)
        if noun and n.kind == "cardinal" and not n.words:
            n.extra["alts"] = n.extra.get("alts", []) + [n.value / _FRACTION_NOUNS[noun.group(1)]]
        out.append(n)
    return out


def _unit_exponent(text: str, n: Numeral) -> bool:
    """The "2" of "km2", the "3" of "m3": a unit's exponent written without superscript, not a number."""
    return n.text in ("2", "3") and re.search(rf"\d{SP}?[kcdmµ]?m$", text[max(0, n.start - 5) : n.start]) is not None


def _and_a_half(text: str, out: list[Numeral], scales: dict[str, float]) -> None:
    """ "un million et demi", "deux milliards et demi" in words: half of the scale word is added (1.5 million,
    2.5 billion; digits, "2 millions et demi", are read so in find_numerals)."""
    for n in out:
        # "deux ans et demi", "3 heures et demie": the half follows the noun
        m = re.match(rf"{SP}+[^\W\d_]+{SP}+et{SP}+demie?\b(?!-)", text[n.end : n.end + 30])
        if m and not n.scaled and n.kind == "cardinal":
            n.value += 0.5  # the figure is two and a half: "two years" loses the half
    for n in (n for n in out if n.words):
        last = n.text.split()[-1].lower() if n.text.split() else ""
        m = re.match(rf"{SP}+et{SP}+demie?\b(?!-)", text[n.end : n.end + 12])
        if m and scales.get(last, 1.0) > 1:
            n.value += 0.5 * scales[last]
            n.end += m.end()
            n.text = text[n.start : n.end]


# 6'7" (six feet seven inches): how English writes a height that French gives in metres ("deux mètres")
_FEET_INCHES_RE = re.compile(
    r"(?<![\d.,])(\d{1,2})\s?['′’]\s?(\d{1,2})\s?(?:\"|″|”|''|['′’]{2})"
    r"|(?<![\d.,])(\d{1,2})\s?(?:ft|feet|foot)\.?\s(\d{1,2})\s?(?:in\b\.?|inches\b|inch\b)"  # 5 ft 11 in
)


def _feet_and_inches(text: str, nums: list[Numeral]) -> list[Numeral]:
    """One numeral for each 6'7" (its feet), measured in metres (``extra['length_m']``) instead of two bare
    numbers: the height is what a conversion from metres keeps, not its two figures."""
    for m in _FEET_INCHES_RE.finditer(text):
        feet, inches = int(m.group(1) or m.group(3)), int(m.group(2) or m.group(4))
        if inches >= 12:
            continue
        nums = [n for n in nums if not (n.start < m.end() and m.start() < n.end)]
        nums.append(Numeral(m.start(), m.end(), m.group(0), float(feet), plain=m.group(1) or m.group(3),
                            extra={"length_m": (feet * 12 + inches) * 0.0254}))
    return nums


def _overlaps(nums: list[Numeral], start: int, end: int) -> bool:
    return any(n.start < end and start < n.end for n in nums)
