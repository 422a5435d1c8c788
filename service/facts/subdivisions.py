"""Which country and region a place of the source lies in, from ISO 3166-2 (pycountry): a translator often adds
it ("dans le Finistère" → "in Brittany's Finistère department", "à Osaka (ouest du pays)" → "in Osaka, western
Japan"), and a country or region the source implies that way is no name the translation made up."""

from __future__ import annotations

from typing import Callable

from .spelling import common_word
from .text import fold


def subdivision_containers(english_forms: Callable[[str], list[str]]) -> dict[str, frozenset[str]]:
    """Folded subdivision name → folded English names of what contains it: its country and, for a department, its
    region ("finistere" → {"france", "bretagne", "brittany"}). ``english_forms(french_name)``: the gazetteer's
    English forms of a French name ("Bretagne" → ["Brittany"]). Built once at start-up (about 0.15 s, 5,000
    subdivisions)."""
    import pycountry
    from babel import Locale

    fr_names, en_names = Locale("fr").territories, Locale("en").territories
    by_code = {s.code: s for s in pycountry.subdivisions}

    def names(french: str | None, english: str | None = None) -> set[str]:
        out = {fold(n) for n in (french, english) if n}
        if french:
            out.update(fold(e) for e in english_forms(french) if e[:1].isupper())
        return out

    territories = {fold(n) for n in (*fr_names.values(), *en_names.values())}
    out: dict[str, set[str]] = {}
    countries: dict[str, set[str]] = {}
    for sub in by_code.values():
        country = sub.country_code
        containers = names(fr_names.get(country), en_names.get(country))
        parent = by_code.get(sub.parent_code or "")
        if parent is not None:
            containers |= names(parent.name)
        key = fold(sub.name)
        out.setdefault(key, set()).update(containers)
        countries.setdefault(key, set()).add(country)
    # Left out: a name of several countries' subdivisions ("Jura", "Córdoba", "Santa Cruz"), a name that is itself a
    # country or territory ("Mali" is also a prefecture of Guinea, "Luxembourg" a province of Belgium), and a
    # common word ("Nord", "Centre", "Central"): none of them says which country the source means.
    return {k: frozenset(v) for k, v in out.items()
            if len(countries[k]) == 1 and k not in territories and not common_word(k, "fr") and not common_word(k, "en")}
