"""The shape every numeral extractor returns (``Numeral``), its language-neutral key, and the scale words both
the digit and the word readers use ("3 millions", "trois millions")."""

from __future__ import annotations

from dataclasses import dataclass, field

from .text import SPACE_CLASS

SP = SPACE_CLASS  # one space-like char

SCALES = {
    "fr": {
        "mille": 1e3,
        "milles": 1e3,  # a frequent misspelling of "mille" (or miles): both readings are kept, see find_numerals
        "million": 1e6,
        "millions": 1e6,
        "milliard": 1e9,
        "milliards": 1e9,
        "billion": 1e12,
        "billions": 1e12,
    },
    "en": {
        "thousand": 1e3,
        "thousands": 1e3,
        "million": 1e6,
        "millions": 1e6,
        "billion": 1e9,
        "billions": 1e9,
        "trillion": 1e12,
        "trillions": 1e12,
    },
}
# Abbreviated scales, read only next to a currency (in money) or as written by newsrooms ("30m", "1.2bn").
ABBREV_SCALES = {
    "fr": {"md": 1e9, "mds": 1e9, "mrd": 1e9, "mrds": 1e9, "m": 1e6, "k": 1e3},
    "en": {"bn": 1e9, "b": 1e9, "m": 1e6, "mn": 1e6, "mln": 1e6, "k": 1e3, "tn": 1e12, "tr": 1e12},
}


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



def key(value: float) -> str:
    """Canonical string of a numeric value: 1200000.0 → '1200000', 3.50 → '3.5'."""
    value = float(f"{value:.9g}")  # 1168 × 1000.0000000000002 is 1168000
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.6g}"

