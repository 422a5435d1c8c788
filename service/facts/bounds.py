"""The bound said before a figure: "plus de 400" (a lower bound, ``min``), "moins de 400" (an upper bound, ``max``).
A translation that keeps 400 but turns "more than" into "less than" keeps the number and reverses the fact."""

from __future__ import annotations

import re

from .numeral import SP

# Longest first: "pas moins de" is a lower bound although it ends like "moins de".
_BOUNDS = {
    "fr": [
        ("min", r"pas{SP}+moins{SP}+d(?:e{SP}+|['’])"), ("max", r"pas{SP}+plus{SP}+d(?:e{SP}+|['’])"),
        ("min", r"au{SP}+moins{SP}+"), ("max", r"au{SP}+plus{SP}+"), ("max", r"au{SP}+maximum{SP}+"),
        ("min", r"au{SP}+minimum{SP}+"), ("min", r"plus{SP}+d(?:e{SP}+|['’])"), ("max", r"moins{SP}+d(?:e{SP}+|['’])"),
        ("max", r"jusqu['’]{SP}*à{SP}+"), ("min", r"supérieure?s?{SP}+à{SP}+"), ("max", r"inférieure?s?{SP}+à{SP}+"),
    ],
    "en": [
        ("max", r"(?:no|not){SP}+more{SP}+than{SP}+"), ("min", r"(?:no|not){SP}+(?:fewer|less){SP}+than{SP}+"),
        ("min", r"more{SP}+than{SP}+"), ("max", r"(?:fewer|less){SP}+than{SP}+"), ("min", r"at{SP}+least{SP}+"),
        ("max", r"at{SP}+most{SP}+"), ("max", r"up{SP}+to{SP}+"), ("min", r"upwards{SP}+of{SP}+"),
        ("min", r"in{SP}+excess{SP}+of{SP}+"), ("min", r"over{SP}+"), ("max", r"under{SP}+"),
        ("min", r"above{SP}+"), ("max", r"below{SP}+"),
    ],
}
_BOUND_RE = {
    lang: [(bound, re.compile(r"\b" + rx.replace("{SP}", SP) + r"$", re.IGNORECASE)) for bound, rx in table]
    for lang, table in _BOUNDS.items()
}


_NEGATION = {
    "fr": re.compile(r"\b(?:ne|n['’])\b.*\b(?:pas|jamais|plus|guère)\b|\bsans\b", re.IGNORECASE),
    "en": re.compile(r"\b(?:not|never|no)\b|n['’]t\b|\bwithout\b", re.IGNORECASE),
}


def bound_before(text: str, start: int, lang: str) -> tuple[str, str] | None:
    """("min" or "max", the words as written) for the bound right before the figure at ``start``, or None. A
    negation earlier in the clause leaves the bound unknown: "ne doivent pas être d'une taille inférieure à 14 cm"
    is "at least 14 cm"."""
    window = max(0, start - 24)
    for bound, rx in _BOUND_RE[lang]:
        m = rx.search(text[window:start])
        if m:
            clause = re.split(r"[.;:,!?]", text[max(0, start - 120) : window + m.start()])[-1]
            return None if _NEGATION[lang].search(clause) else (bound, m.group(0).strip())
    return None
