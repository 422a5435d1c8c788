"""Money: an amount with its currency, in either order and either typography.

"30 €", "30 euros", "€30", "EUR 30", "30 millions d'euros", "1,2 milliard de dollars", "$1.2bn", "£30m",
"30 livres sterling" ↔ "30 pounds". Dollars of every country are one currency here ("dollar"): a US/Canadian
mix-up is not flagged, a euro/dollar one is.
"""

from __future__ import annotations

import re

from .model import Fact
from .numeral import ABBREV_SCALES, SP, Numeral, key

# (regex, currency code), tried in order; the regexes match right after the amount (suffix) or right before it.
_SUFFIX = {
    "fr": [
        (r"€|euros?\b|EUR\b", "EUR"),
        (r"(?:dollars?|\$)(?:{SP}(?:US|américains?|canadiens?|australiens?|de Hong Kong|zimbabwéens|taïwanais))?|\$US|USD\b|US\$", "USD"),
        (r"livres?{SP}sterling\b|livres?\b|£|GBP\b", "GBP"),
        (r"francs?{SP}suisses?\b|CHF\b", "FRANC"),
        (r"francs?(?:{SP}CFA)?\b", "FRANC"),
        (r"yens?\b|JPY\b|¥", "JPY"),
        (r"yuans?\b|renminbis?\b|CNY\b", "CNY"),
        (r"roubles?\b|RUB\b", "RUB"),
        (r"roupies?\b|INR\b", "INR"),
        (r"dinars?\b", "DINAR"),
        (r"couronnes?(?:{SP}(?:tchèques?|suédoises?|danoises?|norvégiennes?))?\b|CZK\b|SEK\b|DKK\b|NOK\b", "CROWN"),
        (r"shekels?\b", "ILS"),
        (r"pesos?\b", "PESO"),
        (r"rands?\b", "ZAR"),
    ],
    "en": [
        (r"€|euros?\b|EUR\b", "EUR"),
        (r"(?:US{SP}|Canadian{SP}|Australian{SP}|Hong{SP}Kong{SP}|American{SP})?dollars?\b|USD\b|\$", "USD"),
        (r"pounds?(?:{SP}sterling)?\b|sterling\b|£|GBP\b", "GBP"),
        (r"Swiss{SP}francs?\b|CHF\b", "FRANC"),
        (r"(?:CFA{SP})?francs?\b", "FRANC"),
        (r"yen\b|JPY\b|¥", "JPY"),
        (r"yuan\b|renminbi\b|CNY\b", "CNY"),
        (r"roubles?\b|rubles?\b|RUB\b", "RUB"),
        (r"rupees?\b|INR\b", "INR"),
        (r"dinars?\b", "DINAR"),
        (r"(?:Czech{SP}|Swedish{SP}|Danish{SP}|Norwegian{SP})?(?:crowns?|kron[aeo]r?)\b|CZK\b|SEK\b|DKK\b|NOK\b", "CROWN"),
        (r"shekels?\b", "ILS"),
        (r"pesos?\b", "PESO"),
        (r"rand\b", "ZAR"),
    ],
}
_PREFIX = [
    (r"(?:US|C|A|NZ|HK)?\$|\$US", "USD"),
    (r"€|EUR", "EUR"),
    (r"£|GBP", "GBP"),
    (r"¥|JPY", "JPY"),
    (r"CHF|SFr\.?", "FRANC"),
    (r"USD", "USD"),
]
_FR_ABBR = r"M|Md|Mds|Mrd|Mrds|k"
_EN_ABBR = r"bn|b|m|mn|mln|k|tn|million|billion|trillion|thousand"

CURRENCY_SYMBOL = {"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥"}


def _compile():
    out = {}
    for lang, table in _SUFFIX.items():
        alt = "|".join(f"(?P<c{i}>{rx.format(SP=SP)})" for i, (rx, _) in enumerate(table))
        abbr = _FR_ABBR if lang == "fr" else _EN_ABBR
        adj = rf"(?:[A-Z][a-z]+{SP}){{0,2}}" if lang == "en" else rf"(?:(?:de|d['’]){SP}?)?"
        # English: "88,000 Canadian dollars", "5 Hong Kong dollars" — a capitalized word or two may come between
        out[lang] = re.compile(rf"^(?:{SP}|-)?(?:(?P<abbr>{abbr})(?:{SP}|-)?)?{adj}(?:{alt})")
    return out


_SUFFIX_RE = _compile()
_PREFIX_RE = re.compile(
    "(?:" + "|".join(f"(?P<p{i}>{rx})" for i, (rx, _) in enumerate(_PREFIX)) + rf"){SP}?$"
)
_AFTER_PREFIX_RE = {
    "fr": re.compile(rf"^{SP}?(?P<abbr>{_FR_ABBR}|millions?|milliards?)\b"),
    "en": re.compile(rf"^{SP}?(?P<abbr>{_EN_ABBR})\b"),
}
_CENTS_RE = {
    "fr": re.compile(rf"^{SP}?(?:centimes?|(?P<cents>cents?))(?:{SP}(?:d['’]{SP}?|de{SP})(?:(?P<eur>euros?)|(?P<usd>dollars?)))?\b"),
    "en": re.compile(rf"^{SP}?(?:(?P<eur>[Ee]uro)|(?P<usd>dollar|US|U\.S\.|American)){SP}?cents?\b|^{SP}?cents?\b"),
}
_WORD_SCALES = {"million": 1e6, "millions": 1e6, "milliard": 1e9, "milliards": 1e9, "billion": 1e9,
                "trillion": 1e12, "thousand": 1e3}


def _scale(abbr: str | None, lang: str, n: Numeral) -> float:
    if not abbr or n.scaled:
        return 1.0
    a = abbr.lower()
    if a in _WORD_SCALES:
        return _WORD_SCALES[a]
    return ABBREV_SCALES[lang].get(a, 1.0)


def money_fact(text: str, s: int, e: int, amounts: list[float], cur: str, lang: str, soft: bool = False) -> Fact:
    ks = [key(a) for a in amounts]
    return Fact(
        type="money", text=text[s:e], start=s, end=e, value=f"{cur} {ks[0]}",
        keys=[f"money:{cur}:{k}" for k in ks] + [f"bare:{k}" for k in ks],
        provides=[f"money:{cur}:{k}" for k in ks] + [f"amt:{k}" for k in ks] + [f"n:{k}" for k in ks],
        soft=soft,
        data={"amount": amounts[0], "currency": cur},
    )


def _amounts(n: Numeral, factor: float) -> list[float]:
    return [n.value * factor] + [a * factor for a in n.extra.get("alts", [])]


def find_money(text: str, lang: str, numerals: list[Numeral]) -> tuple[list[Fact], list[tuple[int, int]]]:
    lang = "fr" if lang.startswith("fr") else "en"
    facts: list[Fact] = []
    claimed: list[tuple[int, int]] = []
    table = _SUFFIX[lang]
    for n in numerals:
        if n.kind != "cardinal":
            continue
        # currency before the amount: "€30", "$1.2bn", "US$ 5 million"
        pm = _PREFIX_RE.search(text[max(0, n.start - 6) : n.start])
        if pm:
            cur = next(_PREFIX[i][1] for i in range(len(_PREFIX)) if pm.group(f"p{i}"))
            am = _AFTER_PREFIX_RE[lang].match(text[n.end : n.end + 12])
            end = n.end + (am.end() if am and not n.scaled else 0)
            amounts = _amounts(n, _scale(am.group("abbr") if am else None, lang, n))
            start = n.start - (len(pm.group(0)))
            facts.append(money_fact(text, start, end, amounts, cur, lang, soft=n.approx or (n.words and n.value <= 2)))
            claimed.append((start, end))
            continue
        cm = _CENTS_RE[lang].match(text[n.end : n.end + 40])
        if cm and not (lang == "fr" and n.words and cm.groupdict().get("cents")):  # "deux cents" is 200
            # "5 centimes d'euro" ↔ "5 euro cents": hundredths of the currency; bare "cents" could be either
            curs = ["EUR"] if cm.group("eur") else ["USD"] if cm.group("usd") else ["EUR", "USD"]
            amounts = [a / 100 for a in _amounts(n, 1.0)]
            f = money_fact(text, n.start, n.end + cm.end(), amounts, curs[0], lang,
                           soft=len(curs) > 1 or n.approx or (n.words and n.value <= 2))
            for c in curs[1:]:
                f.provides += [f"money:{c}:{key(a)}" for a in amounts]
            facts.append(f)
            claimed.append((n.start, n.end + cm.end()))
            continue
        sm = _SUFFIX_RE[lang].match(text[n.end : n.end + 40])
        if sm:
            cur = next(table[i][1] for i in range(len(table)) if sm.group(f"c{i}"))
            amounts = _amounts(n, _scale(sm.group("abbr"), lang, n))
            # "livres" alone may be books; an approximate amount ("une dizaine de dollars") is not a figure
            soft = n.approx or (n.words and n.value <= 2) or (lang == "fr" and cur == "GBP" and "sterling" not in sm.group(0) and "£" not in sm.group(0))
            f = money_fact(text, n.start, n.end + sm.end(), amounts, cur, lang, soft=soft)
            if lang == "en" and cur == "GBP" and re.search(r"pounds?", sm.group(0)) and "sterling" not in sm.group(0):
                f.data["measure"] = [("mass", a * 0.45359237, "0.453592") for a in amounts]  # "1,000 pounds" may be a weight
            facts.append(f)
            if lang == "fr" and cur == "GBP" and soft and not (n.approx or (n.words and n.value <= 2)):
                # "cinq livres", "70 000 livres" are books as often as pounds: the amount stays a number the
                # translation must keep ("five books", "£5" both do); the soft money fact only supports "£5"
                continue
            claimed.append((n.start, n.end + sm.end()))
    return facts, claimed
