"""Units of measure next to a number, so that a converted figure still matches: translators of news copy turn
"10 km" into "six miles", "450 kg" into "1,000 pounds", "30 mètres" into "100 feet".

``unit_after(text, end)`` reads the unit right after a number; ``same_quantity`` compares two measured values
within ``TOLERANCE`` (conversions in copy are rounded).
"""

from __future__ import annotations

import re

TOLERANCE = 0.05  # relative difference allowed between a value and its converted, rounded counterpart
TIME_TOLERANCE = 0.02  # "un mois" ~ "30 days" (1.4 %); "35 mois" is no "three years" (2.8 %)

# surface form → (dimension, factor to the SI unit); longest forms first in the regex
_UNITS: dict[str, tuple[str, float]] = {}


def _add(dim: str, factor: float, *forms: str) -> None:
    for f in forms:
        _UNITS[f] = (dim, factor)


_add("speed", 1 / 3.6, "km/h", "kmh", "km/heure", "kilomètres/heure", "kilomètres par heure", "kilometres per hour",
     "km à l'heure", "km à l’heure", "kilomètres à l'heure", "kilomètres à l’heure",
     "kilometers per hour")
_add("speed", 0.44704, "mph", "miles per hour", "miles an hour")
_add("area", 1e6, "km²", "km2", "kilomètres carrés", "square kilometres", "square kilometers", "sq km")
_add("area", 2.589988e6, "square miles", "sq miles", "sq mi")
_add("area", 1, "m²", "m2", "mètres carrés", "mètre carré", "square metres", "square meters", "square metre",
     "square meter", "sq m")
_add("area", 0.09290304, "square feet", "square foot", "sq ft")
_add("area", 1e4, "hectares", "hectare", "ha")
_add("area", 4046.86, "acres", "acre")
_add("length", 1000, "km", "kilomètres", "kilomètre", "kilometres", "kilometre", "kilometers", "kilometer")
_add("length", 1, "mètres", "mètre", "metres", "metre", "meters", "meter", "m")
_add("length", 0.01, "cm", "centimètres", "centimètre", "centimetres", "centimetre", "centimeters", "centimeter")
_add("length", 0.001, "mm", "millimètres", "millimètre", "millimetres", "millimetre", "millimeters", "millimeter")
_add("length", 1609.344, "miles", "mile", "mi")
_add("length", 0.3048, "feet", "foot", "ft", "pieds", "pied")
_add("length", 0.0254, "inches", "inch", "pouces", "pouce")
_add("length", 0.9144, "yards", "yard", "yd")
_add("mass", 1, "kg", "kilos", "kilo", "kilogrammes", "kilogramme", "kilograms", "kilogram")
_add("mass", 0.001, "g", "grammes", "gramme", "grams", "gram")
_add("mass", 1000, "tonnes", "tonne", "tons", "ton", "t")
_add("mass", 0.45359237, "lbs", "lb", "pounds", "pound")
_add("mass", 0.028349523, "ounces", "ounce", "oz", "onces", "once")
_add("volume", 1, "litres", "litre", "liters", "liter", "l")
_add("volume", 3.785411784, "gallons", "gallon")
_add("temperature_c", 1, "°C", "° C", "degrés Celsius", "degrees Celsius", "°")
_add("temperature_f", 1, "°F", "° F", "degrés Fahrenheit", "degrees Fahrenheit", "Fahrenheit")

_UNIT_RE = re.compile(
    r"^[\s\u00a0\u202f-]?(" + "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True)) + r")(?![^\W\d_])"
)


# Units of time, per language (an English "an" or "s" after a number is no unit), in seconds. Kept apart from
# ``_UNITS``: "deux heures" stays a soft "deux" (unit_after makes "deux mètres" hard), while "2 heures" and "2 minutes"
# are told apart and "48 heures" is "two days".
_DAY = 86400.0
_TIME_UNITS: dict[str, dict[str, float]] = {
    "fr": {"secondes": 1, "seconde": 1, "minutes": 60, "minute": 60, "min": 60, "mn": 60, "heures": 3600,
           "heure": 3600, "h": 3600, "jours": _DAY, "jour": _DAY, "journées": _DAY, "journée": _DAY,
           "semaines": 7 * _DAY, "semaine": 7 * _DAY,
           "mois": 30.44 * _DAY, "ans": 365.25 * _DAY, "an": 365.25 * _DAY, "années": 365.25 * _DAY,
           "année": 365.25 * _DAY},
    "en": {"seconds": 1, "second": 1, "secs": 1, "sec": 1, "minutes": 60, "minute": 60, "mins": 60, "min": 60,
           "hours": 3600, "hour": 3600, "hrs": 3600, "hr": 3600, "h": 3600, "days": _DAY, "day": _DAY,
           "weeks": 7 * _DAY, "week": 7 * _DAY, "months": 30.44 * _DAY, "month": 30.44 * _DAY,
           "years": 365.25 * _DAY, "year": 365.25 * _DAY, "yrs": 365.25 * _DAY},
}
_TIME_RE = {
    # not "second-half", "hour-by-hour"; yes "30-year-old", "2-hour-long"; "jours/semaine" is a rate, "7j/7" none
    lang: re.compile(r"^[\s\u00a0\u202f-]?(" + "|".join(sorted(forms, key=len, reverse=True))
                     + r")(?![^\W\d_]|/\d|-(?!old\b|long\b)[^\W\d_])", re.IGNORECASE)
    for lang, forms in _TIME_UNITS.items()
}


def time_unit_after(text: str, end: int, lang: str) -> tuple[str, float] | None:
    """("time", seconds) of a unit of time written right after position ``end`` ("3 heures", "a 30-year-old"), if
    any; "km/h" is a speed, not hours."""
    m = _TIME_RE[lang].match(text[end : end + 12])
    return _time_unit(m.group(1), lang) if m else None


def seconds_of(form: str, lang: str) -> float | None:
    """Seconds in one of a language's units of time ("heure" → 3600), or None."""
    return _TIME_UNITS[lang].get(form.lower())


def _time_unit(form: str, lang: str) -> tuple[str, float] | None:
    seconds = seconds_of(form, lang)  # None for "ſecondes", which the pattern matches only without case
    return ("time", seconds) if seconds else None


def _unit_match(text: str, pos: int, lang: str) -> re.Match | None:
    """A measure or, failing that, a unit of time written right after ``pos``."""
    return _UNIT_RE.match(text[pos : pos + 30]) or _TIME_RE[lang].match(text[pos : pos + 12])


def unit_after(text: str, end: int) -> tuple[str, float] | None:
    """(dimension, factor) of the unit written right after position ``end``, if any."""
    m = _UNIT_RE.match(text[end : end + 30])
    if not m:
        return None
    return _UNITS[m.group(1)]


def measure(value: float, unit: tuple[str, float]) -> tuple[str, float, str]:
    """(dimension, value in SI units (temperatures in °C), unit id)."""
    dim, factor = unit
    if dim == "temperature_f":
        return "temperature", (value - 32) * 5 / 9, "F"
    if dim == "temperature_c":
        return "temperature", value, "C"
    return dim, value * factor, f"{factor:g}"


def unit_text_after(text: str, end: int, lang: str) -> str:
    """The unit as written after position ``end`` (measure or time), for messages; "" when there is none."""
    m = _unit_match(text, end, lang)
    return m.group(1) if m else ""


def alternative_units(text: str, end: int, lang: str) -> list[tuple[str, float]]:
    """Units offered as alternatives after the first one, joined by a slash ("12 m/ft", "100 minutes/hours"): the
    figure may be read in any of them, so none of them is a changed unit. A larger unit of time in the singular is
    a rate's period, no alternative: "3 jours/semaine", "8 heures/jour"."""
    m = _unit_match(text, end, lang)
    first = _unit_of(m.group(1), lang) if m else None
    out: list[tuple[str, float]] = []
    pos = end + (m.end() if m else 0)
    while m and text[pos : pos + 1] == "/":
        pos += 1
        m = _unit_match(text, pos, lang)
        unit = _unit_of(m.group(1), lang) if m else None
        if unit is None:
            break
        if first and first[0] == unit[0] == "time" and unit[1] > first[1] and not m.group(1).lower().endswith("s"):
            break
        out.append(unit)
        pos += m.end()
    return out


def _unit_of(form: str, lang: str) -> tuple[str, float] | None:
    return _UNITS.get(form) or _time_unit(form, lang)


def unit_changed(a: tuple, b: tuple) -> bool:
    """The same figure in two units of one dimension that are not a conversion of each other ("10 km" and "10
    miles", "2 heures" and "2 minutes")."""
    return a[0] == b[0] and a[2] != b[2] and not same_quantity(a, b)


def same_quantity(a: tuple, b: tuple) -> bool:
    """The same measure written in two different units ("10 km", "six miles"). The same unit on both sides is
    no conversion: then the figures themselves must match."""
    if a[0] != b[0] or a[2] == b[2]:
        return False
    if a[0] == "temperature":
        return abs(a[1] - b[1]) <= 1.5
    if a[1] == 0 or b[1] == 0:
        return a[1] == b[1]
    # Conversions of time are exact ("48 heures", "two days"; a month is 30.44 days): "35 mois" is not "three years"
    tolerance = TIME_TOLERANCE if a[0] == "time" else TOLERANCE
    return abs(a[1] - b[1]) / max(abs(a[1]), abs(b[1])) <= tolerance
