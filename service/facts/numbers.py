"""Numerals in French and English: digits in both typographies, number words, scales, percentages, ordinals.

``find_numerals(text, lang)`` returns every numeric expression with its value; the money, date and time
extractors claim the ones they recognise and the rest become number facts. Values are language-neutral floats:
"12.000", "12 000" and "12,000" are all 12000; "3,5" (fr) and "3.5" (en) are 3.5; "1,2 milliard" and
"1.2 billion" are 1.2e9.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .text import SPACE_CLASS

SP = SPACE_CLASS  # one space-like char

# --- digits ------------------------------------------------------------------------------------------------------
# French: groups of three separated by a space (any kind) or a dot; decimal comma. "3.5" (a dot followed by other
# than three digits) is read as a decimal too. English: comma groups, decimal point; a stray "3,5" is a decimal.
_FR_DIGITS = rf"\d{{1,3}}(?:(?:{SP}|\.)\d{{3}})+(?:,\d+)?(?!\d)|\d+(?:,\d+|\.\d{{1,2}}(?!\d)|\.\d{{4,}})?"
_EN_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+(?!\d)|\d+,\d{1,2}(?!\d)|\d+(?:\.\d+)?"

_FR_SCALES = {
    "mille": 1e3,
    "milles": 1e3,  # a frequent misspelling of "mille" (or miles): both readings are kept, see find_numerals
    "million": 1e6,
    "millions": 1e6,
    "milliard": 1e9,
    "milliards": 1e9,
    "billion": 1e12,
    "billions": 1e12,
}
_EN_SCALES = {
    "thousand": 1e3,
    "thousands": 1e3,
    "million": 1e6,
    "millions": 1e6,
    "billion": 1e9,
    "billions": 1e9,
    "trillion": 1e12,
    "trillions": 1e12,
}
# Abbreviated scales, read only next to a currency (in money) or as written by newsrooms ("30m", "1.2bn").
ABBREV_SCALES = {
    "fr": {"md": 1e9, "mds": 1e9, "mrd": 1e9, "mrds": 1e9, "m": 1e6, "k": 1e3},
    "en": {"bn": 1e9, "b": 1e9, "m": 1e6, "mn": 1e6, "mln": 1e6, "k": 1e3, "tn": 1e12, "tr": 1e12},
}

# --- words -------------------------------------------------------------------------------------------------------
_FR_UNITS = {
    "zéro": 0, "zero": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15,
    "seize": 16, "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
    "septante": 70, "huitante": 80, "octante": 80, "nonante": 90, "quatrevingt": 80, "quatrevingts": 80,
}
_EN_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_HUNDRED = {"fr": {"cent", "cents"}, "en": {"hundred", "hundreds"}}
_JOINERS = {"fr": {"et"}, "en": {"and"}}
# Number words never counted alone: articles, and words with a frequent other sense.
_ALONE_SKIP = {"fr": {"un", "une", "zéro", "zero"}, "en": {"one", "zero"}}
# Number words with a frequent other sense ("neuf" = new): they support a number on the other side, no more.
AMBIGUOUS_WORDS = {"neuf", "cent", "second", "seconde"}

_FR_ORD_WORDS = {
    "premier": 1, "première": 1, "premiers": 1, "premières": 1, "deuxième": 2, "second": 2, "seconde": 2,
    "troisième": 3, "quatrième": 4, "cinquième": 5, "sixième": 6, "septième": 7, "huitième": 8, "neuvième": 9,
    "dixième": 10, "onzième": 11, "douzième": 12, "treizième": 13, "quatorzième": 14, "quinzième": 15,
    "seizième": 16, "vingtième": 20, "trentième": 30, "quarantième": 40, "cinquantième": 50, "centième": 100,
    "millième": 1000, "unième": 1,
}
# French ordinal words that never end a compound ordinal ("vingt et unième", not "vingt et premier")
_NOT_IN_COMPOUNDS = {"premier", "première", "premiers", "premières", "second", "seconde"}
_EN_ORD_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
    "fortieth": 40, "fiftieth": 50, "hundredth": 100, "thousandth": 1000,
}
# Approximate amounts: they support a number on the other side but are not required there.
_FR_APPROX = {
    "dizaine": 10, "dizaines": 10, "douzaine": 12, "douzaines": 12, "quinzaine": 15, "vingtaine": 20,
    "trentaine": 30, "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60, "centaine": 100, "centaines": 100,
    "millier": 1000, "milliers": 1000,
}
_EN_APPROX = {"dozen": 12, "dozens": 12, "score": 20, "scores": 20, "hundreds": 100, "thousands": 1000}

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


@dataclass
class Numeral:
    start: int
    end: int
    text: str
    value: float
    kind: str = "cardinal"  # cardinal | percent | ordinal
    words: bool = False  # written in words
    approx: bool = False  # "une dizaine", "dozens"
    scaled: bool = False  # carries a scale word (million…)
    grouped: bool = False  # written with thousands separators ("12 000", "12,000")
    plain: str = ""  # the digits as written, for year detection
    extra: dict = field(default_factory=dict)


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


def key(value: float) -> str:
    """Canonical string of a numeric value: 1200000.0 → '1200000', 3.50 → '3.5'."""
    value = float(f"{value:.9g}")  # 1168 × 1000.0000000000002 is 1168000
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.6g}"


def _digit_regex(lang: str) -> re.Pattern[str]:
    core = _FR_DIGITS if lang == "fr" else _EN_DIGITS
    scales = _FR_SCALES if lang == "fr" else _EN_SCALES
    scale_alt = "|".join(sorted(scales, key=len, reverse=True))
    if lang == "fr":
        pct = rf"{SP}?%|{SP}pour[ -]?cents?\b|{SP}p\.{SP}?100\b"
        ordinal = r"(?:er|re|ère|ere|ème|eme|è|e|nd|nde|nds|ndes|es|èmes)\b"
    else:
        pct = rf"{SP}?%|{SP}?per{SP}?cent\b|{SP}?percent\b|{SP}?pc\b"
        ordinal = r"(?:st|nd|rd|th)\b"
    return re.compile(
        rf"(?<![\d.,])(?<!\d/)(?<![^\W\d_]\d)(?P<num>{core})"  # "I/13" road: a number; "12/03": not
        rf"(?:(?P<ord>{ordinal})|(?:(?:{SP}|-)(?P<scale>{scale_alt})\b)?(?P<pct>{pct})?)",
        re.IGNORECASE,
    )


_DIGIT_RE = {lang: _digit_regex(lang) for lang in ("fr", "en")}
_ROMAN_ORD_RE = re.compile(
    r"\b(?P<num>[IVXLC]{1,7})(?P<ord>e|ème|er|eme)\b"
    r"(?P<noun>(?=(?:[\s–-]+(?:et|au|à)?\s*(?:[IVXLC]{1,7}(?:e|ème|er))?)*\s*(?:siècles?|arrondissement|République|millénaire|Reich|législature|congrès|édition|round)))?"
)
_WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)


def find_numerals(text: str, lang: str) -> list[Numeral]:
    lang = "fr" if lang.startswith("fr") else "en"
    out: list[Numeral] = []
    scales = _FR_SCALES if lang == "fr" else _EN_SCALES
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
    if lang == "en":
        out = _feet_and_inches(text, out)
    out.extend(n for n in _word_numerals(text, lang) if not _overlaps(out, n.start, n.end))
    out = [n for n in out if not _unit_exponent(text, n)]
    out.sort(key=lambda n: n.start)
    if lang == "fr":
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


def _words_value(merged: list[tuple[int, int, str]], i: int, j: int, lang: str) -> tuple[float | None, int]:
    """text2num's value of the longest run of words merged[i:k] (k <= j) it reads as one number, and k."""
    from text_to_num import text2num

    for k in range(j, i, -1):
        words_ = [w.lower() for _, _, w in merged[i:k]]
        if words_[-1] in _JOINERS[lang]:
            continue
        if words_[0] == "a":
            words_[0] = "one"  # "a hundred"
        phrase = " ".join("quatre-vingt" if w == "quatrevingt" else w for w in words_)
        try:
            return float(text2num(phrase, lang)), k
        except ValueError:
            continue
    return None, i


def _word_numerals(text: str, lang: str) -> list[Numeral]:
    units = _FR_UNITS if lang == "fr" else _EN_UNITS
    scales = _FR_SCALES if lang == "fr" else _EN_SCALES
    hundred = _HUNDRED[lang]
    joiners = _JOINERS[lang]
    ords = _FR_ORD_WORDS if lang == "fr" else _EN_ORD_WORDS
    approx = _FR_APPROX if lang == "fr" else _EN_APPROX
    tokens = [(m.start(), m.end(), m.group(0)) for m in _WORD_RE.finditer(text)]
    # "quatre-vingt(s)" is one number word
    merged: list[tuple[int, int, str]] = []
    i = 0
    while i < len(tokens):
        s, e, w = tokens[i]
        if (
            lang == "fr"
            and w.lower() == "quatre"
            and i + 1 < len(tokens)
            and tokens[i + 1][2].lower() in ("vingt", "vingts")
            and text[e : tokens[i + 1][0]] == "-"
        ):
            merged.append((s, tokens[i + 1][1], "quatrevingt"))
            i += 2
            continue
        merged.append((s, e, w))
        i += 1
    out: list[Numeral] = []
    i = 0
    n = len(merged)
    while i < n:
        s, e, w = merged[i]
        lw = w.lower()
        if lw in approx:
            out.append(Numeral(s, e, text[s:e], float(approx[lw]), words=True, approx=True))
            i += 1
            continue
        if lw in ords:
            out.append(Numeral(s, e, text[s:e], float(ords[lw]), "ordinal", words=True))
            i += 1
            continue
        if lw not in units and lw not in hundred and lw not in scales and not (lang == "en" and lw == "a"):
            i += 1
            continue
        # The run of number words joined by spaces, hyphens or "et"/"and"; its value is text2num's, read from the
        # longest prefix text2num accepts ("deux cent cinquante", "quatre-vingt-dix-sept", "a hundred and five").
        if lw in scales and lw != "mille" or lw in hundred and lw not in ("cent", "hundred"):
            i += 1
            continue  # "millions de …", "thousands of", "46 cents": no amount
        j = i + 1
        while j < n:
            sj, ej, wj = merged[j]
            lj = wj.lower()
            if not re.fullmatch(rf"(?:{SP}|-)", text[merged[j - 1][1] : sj]):
                break
            if lj in units or lj in hundred or lj in scales:
                j += 1
            elif lj in joiners and j + 1 < n and merged[j + 1][2].lower() in (("un", "une", "onze") if lang == "fr" else units):
                j += 1
            else:
                break
        value, last = _words_value(merged, i, j, lang)
        if value is None:
            i += 1
            continue
        parts = [w.lower() for _, _, w in merged[i:last]]
        if parts == ["a"]:
            i = last
            continue
        j, last_end = last, merged[last - 1][1]
        has_scale = any(w in scales for w in parts)
        num = Numeral(s, last_end, text[s:last_end], value, words=True, scaled=has_scale)
        if lang == "fr" and parts == ["neuf"]:
            # "neuf" is nine before a noun ("neuf États", "neuf ans"), new after one ("un bâtiment neuf")
            after = re.match(rf"{SP}+([^\W\d_]+)", text[last_end : last_end + 30])
            before = re.search(r"(\w+)\W*$", text[max(0, s - 20) : s])
            prev = before.group(1).lower() if before else ""
            nxt = after.group(1).lower() if after else ""
            if after and nxt not in (
                "et", "ou", "mais", "de", "du", "des", "en", "à", "au", "pour", "par", "avec", "qui", "que", "dans"
            ) and (prev not in ("à", "tout", "flambant", "remis", "remise", "état") or re.fullmatch(r"\w{2,}[sx]", nxt)):
                # "remis à neuf" is new; "jusqu'à neuf ans", "à neuf heures" count (a plural noun follows)
                num.extra["confirmed"] = True
        if lang == "fr" and parts == ["cent"]:
            # "cent" alone is a coin ("un cent") unless a plural noun follows: "cent fois", "dix à cent ans"
            after = re.match(rf"{SP}+([^\W\d_]+)", text[last_end : last_end + 30])
            nxt = after.group(1).lower() if after else ""
            if re.fullmatch(r"\w{2,}[sx]", nxt) and nxt not in ("des", "les", "mes", "tes", "ses", "nos", "vos", "aux"):
                num.extra["confirmed"] = True
        k = last + 1 if last < n and merged[last][2].lower() == "et" else last
        if (k < n and not has_scale and value >= 20 and value % 10 == 0 and 1 <= ords.get(merged[k][2].lower(), 0) <= 9
                and not (lang == "fr" and merged[k][2].lower() in _NOT_IN_COMPOUNDS)
                and re.fullmatch(rf"-|{SP}et{SP}", text[last_end : merged[k][0]])):
            # "forty-fourth", "quarante-quatrième", "vingt et unième": one ordinal, not 40 and 4th; "les vingt
            # premiers jours" (the first twenty days) is two numbers
            end = merged[k][1]
            out.append(Numeral(s, end, text[s:end], value + ords[merged[k][2].lower()], "ordinal", words=True))
            i = k + 1
            continue
        # "3 millions" is caught by the digit regex; here only words. Percent after words.
        tail = text[last_end : last_end + 14]
        pm = re.match(rf"{SP}?(%|pour[ -]?cent\b|per{SP}?cent\b|percent\b)", tail, re.IGNORECASE)
        if pm:
            num.kind = "percent"
            num.end = last_end + pm.end()
            num.text = text[s : num.end]
        out.append(num)
        i = j
    return out
