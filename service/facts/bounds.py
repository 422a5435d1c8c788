"""The bound said with a figure: "plus de 400", "400 ou plus" (a lower bound, ``min``), "moins de 400", "400 or
fewer" (an upper bound, ``max``). A translation that keeps 400 but turns "more than" into "less than" keeps the
number and reverses the fact."""

from __future__ import annotations

import re

from .numeral import SP

# "handed over 3 suspects", "came under 2 attacks": "over" and "under" after these verbs are particles, not bounds.
_PARTICLE_VERBS = ("hand|hands|handed|take|takes|took|taken|turn|turns|turned|win|wins|won|get|gets|got|come|comes|"
                   "came|go|goes|went|carry|carries|carried|hold|holds|held|pass|passes|passed|look|looks|looked|"
                   "fall|falls|fell|run|runs|ran|think|thought|fight|fought|left|give|gives|gave|given|put|puts")
_PARTICLE_BEFORE = re.compile(rf"\b(?:{_PARTICLE_VERBS}){SP}+$", re.IGNORECASE)
# {DE}: "de " or "d'" ("plus de 400", "plus d'un"); {DES}: also "des " ("sous la barre des 1 000").
_FORMS = {"{DES}": r"d(?:e{SP}+|['’]|es{SP}+)", "{DE}": r"d(?:e{SP}+|['’])"}
# Longest first: "pas moins de" is a lower bound although it ends like "moins de".
_BOUNDS = {
    "fr": [
        ("min", r"pas{SP}+moins{SP}+{DE}"), ("max", r"pas{SP}+plus{SP}+{DE}"),
        ("max", r"au{SP}+plus{SP}+{DE}"), ("min", r"au{SP}+moins{SP}+{DE}"),
        ("min", r"au-dessus{SP}+{DES}"), ("min", r"au-delà{SP}+{DES}"),
        ("max", r"en{SP}+dessous{SP}+{DES}"), ("max", r"en{SP}+deçà{SP}+{DES}"),
        ("max", r"sous{SP}+la{SP}+barre{SP}+{DES}"),
        ("min", r"au-dessus{SP}+de{SP}+la{SP}+barre{SP}+{DES}"),
        ("min", r"à{SP}+partir{SP}+{DE}"),
        ("min", r"au{SP}+moins{SP}+"), ("max", r"au{SP}+plus{SP}+"), ("max", r"au{SP}+maximum{SP}+"),
        ("min", r"au{SP}+minimum{SP}+"), ("min", r"un{SP}+minimum{SP}+{DE}"),
        ("max", r"un{SP}+maximum{SP}+{DE}"), ("min", r"plus{SP}+{DE}"),
        ("max", r"moins{SP}+{DE}"), ("max", r"jusqu['’]{SP}*à{SP}+"), ("min", r"supérieure?s?{SP}+à{SP}+"),
        ("max", r"inférieure?s?{SP}+à{SP}+"),
    ],
    "en": [
        ("max", r"(?:no|not){SP}+more{SP}+than{SP}+"), ("min", r"(?:no|not){SP}+(?:fewer|less){SP}+than{SP}+"),
        ("min", r"more{SP}+than{SP}+"), ("max", r"(?:fewer|less){SP}+than{SP}+"), ("min", r"at{SP}+least{SP}+"),
        ("max", r"at{SP}+most{SP}+"), ("max", r"up{SP}+to{SP}+"), ("min", r"upwards{SP}+of{SP}+"),
        ("min", r"a{SP}+minimum{SP}+of{SP}+"), ("max", r"a{SP}+maximum{SP}+of{SP}+"),
        ("max", r"as{SP}+(?:many|much|high|long){SP}+as{SP}+"),
        ("min", r"in{SP}+excess{SP}+of{SP}+"), ("min", r"over{SP}+"), ("max", r"under{SP}+"),
        ("min", r"over-"), ("max", r"under-"),  # "the over-65s", "the under-30s" (an age group)
        ("min", r"above{SP}+"), ("max", r"below{SP}+"),
    ],
}


def _compile(rx: str) -> re.Pattern:
    for placeholder, form in _FORMS.items():
        rx = rx.replace(placeholder, form)
    return re.compile(r"\b" + rx.replace("{SP}", SP) + r"$", re.IGNORECASE)


_BOUND_RE = {
    lang: [(bound, _compile(rx)) for bound, rx in table]
    for lang, table in _BOUNDS.items()
}
# After the figure, at most two words on: "400 ou plus", "400 people or fewer", "400-plus", "2 ans et plus"; not "ou
# plus tard", "et plus de 20 blessés", "or more than".
_AFTER = {
    "fr": re.compile(rf"^(?:{SP}+[^\W\d_]+){{0,2}}?{SP}+(?:ou|et){SP}+(plus|moins)\b(?!{SP}*(?:de\b|d['’]|tard|tôt|encore|que\b|qu['’]))",
                     re.IGNORECASE),
    "en": re.compile(rf"^(?:-plus\b|\+(?!\d)|(?:{SP}+[^\W\d_]+){{0,2}}?{SP}+or{SP}+(more|over|above|fewer|less|under|below)\b(?!{SP}+than))",
                     re.IGNORECASE),
}
_AFTER_BOUND = {"plus": "min", "moins": "max", "more": "min", "over": "min", "above": "min", "fewer": "max",
                "less": "max", "under": "max", "below": "max"}
# A negation governs a bound a few words on, inside its clause: "ne doivent pas être d'une taille inférieure à 14
# cm" is "at least 14 cm"; "Ce n'est pas un hasard si plus de 400" is still "plus de 400".
_NEGATION = {
    "fr": re.compile(r"(?:\b(?:ne|n['’]).*\b(?:pas|jamais|plus|guère)|\bsans(?![-\w]))((?:\s+\S+){0,4})\s*$",
                     re.IGNORECASE),
    "en": re.compile(r"(?:\b(?:not|never|no)\b(?!-)|n['’]t\b|\bwithout\b)((?:\s+\S+){0,4})\s*$", re.IGNORECASE),
}
_CLAUSE_BREAK = {
    "fr": re.compile(r"[.;:,!?]|\b(?:si|que|qu['’]|qui|car|mais|lorsque|quand|dont|où)\b", re.IGNORECASE),
    "en": re.compile(r"[.;:,!?]|\b(?:that|if|which|who|when|but|because|whether)\b", re.IGNORECASE),
}


def bound_before(text: str, start: int, lang: str) -> tuple[str, str] | None:
    """("min" or "max", the words as written) for the bound right before the figure at ``start``, or None; also
    None under a negation that governs it."""
    window = max(0, start - 24)
    for bound, rx in _BOUND_RE[lang]:
        m = rx.search(text[window:start])
        if m:
            clause = _CLAUSE_BREAK[lang].split(text[max(0, start - 120) : window + m.start()])[-1]
            if _NEGATION[lang].search(clause):
                return None
            if lang == "en" and m.group(0).split()[0].lower() in ("over", "under") and _PARTICLE_BEFORE.search(clause):
                return None
            return bound, m.group(0).strip()
    return None


def bound_after(text: str, end: int, lang: str) -> tuple[str, str] | None:
    """The bound said after the figure ending at ``end`` ("400 ou plus", "400 people or fewer", "400-plus")."""
    m = _AFTER[lang].match(text[end : end + 40])
    if not m:
        return None
    word = (m.group(1) or "plus").lower()
    return _AFTER_BOUND[word], m.group(0).strip()
