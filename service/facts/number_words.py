"""Numbers written in words, French and English: cardinals through text2num ("deux cent cinquante",
"quatre-vingt-dix-sept", "a hundred and five"), ordinals ("vingt et unième", "forty-fourth"), approximate amounts
("une dizaine", "dozens") and "neuf"/"cent" told from their other senses."""

from __future__ import annotations

import re

from .numeral import SCALES, SP, Numeral

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
# Number words with a frequent other sense ("neuf" = new): they support a number on the other side, no more.
AMBIGUOUS_WORDS = {"neuf", "cent", "second", "seconde"}

_FR_ORD_WORDS = {
    "premier": 1, "première": 1, "premiers": 1, "premières": 1, "deuxième": 2, "second": 2, "seconde": 2,
    "troisième": 3, "quatrième": 4, "cinquième": 5, "sixième": 6, "septième": 7, "huitième": 8, "neuvième": 9,
    "dixième": 10, "onzième": 11, "douzième": 12, "treizième": 13, "quatorzième": 14, "quinzième": 15,
    "seizième": 16, "vingtième": 20, "trentième": 30, "quarantième": 40, "cinquantième": 50, "centième": 100,
    "millième": 1000, "unième": 1,
    "huitièmes": 8, "seizièmes": 16,  # "les huitièmes de finale": the rounds of the last 16 and 32 (extract.py)
}
_ROUND_WORDS = {"huitièmes", "seizièmes"}  # only before "de finale": "trois huitièmes" is a fraction
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
_APPROX_SCALES = {"milliers": 1e3, "millions": 1e6, "milliards": 1e9, "thousands": 1e3, "billions": 1e9}
# "une cinquantaine de milliers", "dozens of thousands": the approximate amount times the scale
_APPROX_SCALE_RE = re.compile(rf"{SP}+(?:de|of){SP}+({'|'.join(_APPROX_SCALES)})\b", re.IGNORECASE)
_EN_APPROX = {"dozen": 12, "dozens": 12, "score": 20, "scores": 20, "hundreds": 100, "thousands": 1000}

_WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)


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



def word_numerals(text: str, lang: str) -> list[Numeral]:
    units = _FR_UNITS if lang == "fr" else _EN_UNITS
    scales = SCALES[lang]
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
            num = Numeral(s, e, text[s:e], float(approx[lw]), words=True, approx=True)
            scale = _APPROX_SCALE_RE.match(text, e)
            if scale:  # "une cinquantaine de milliers" ~ "around 50,000"
                num.value *= _APPROX_SCALES[scale.group(1).lower()]
                num.end = scale.end()
                num.text = text[s : num.end]
                num.scaled = True
                i += 1
                while i < n and merged[i][0] < num.end:
                    i += 1
            else:
                i += 1
            out.append(num)
            continue
        if lw in ords and (lw not in _ROUND_WORDS or re.match(rf"{SP}+de{SP}+finale", text[e : e + 14])):
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
