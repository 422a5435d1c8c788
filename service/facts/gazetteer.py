"""The gazetteer: French → English names (gazetteer.yaml), the newsroom glossary's terms, and country, territory and
language names from CLDR (Babel) — the forms a translator may give a French name. Also the small word lists the
name finders share (sentence-initial function words, generic institutional words, name connectors)."""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import yaml

from service.background import load_in_background

from .subdivisions import subdivision_containers
from .text import fold

GAZETTEER_PATH = Path(__file__).with_name("gazetteer.yaml")

# Sentence-initial words that are never names, whatever follows them.
FR_STOP = set(
    """le la les l un une des du de d au aux à a ce cet cette ces il elle ils elles on nous vous je j tu
    mais or et ou donc ni car si s quand lorsque lorsqu puisque comme pour par sur sous dans en entre vers avec sans
    selon après avant depuis pendant dès malgré contre chez hors parmi outre lors ainsi alors aussi puis enfin
    cependant pourtant toutefois néanmoins d'ailleurs désormais déjà encore même seulement surtout notamment
    mon ma mes ton ta tes son sa ses notre nos votre vos leur leurs quel quelle quels quelles que qu qui quoi dont où
    c ça cela ceci celui celle ceux celles tout toute tous toutes aucun aucune chaque plusieurs certains certaines
    autre autres y voici voilà non oui oh ah bref ici là hier aujourd'hui demain maintenant ensuite également
    face grâce afin sauf jusqu jusque environ près loin plus moins très trop peu beaucoup bien mal mieux
    monsieur madame m mme mlle messieurs mesdames cher chère chers""".split()
)
EN_STOP = set(
    """the a an this that these those it its he she they we you i his her their our your my
    but or and so nor yet if when while as for by on in into at to from with without after before since during
    according despite against among between under over about around through throughout across along
    there here then now also however thus therefore meanwhile moreover furthermore indeed instead still
    what which who whom whose where why how all some any each every many most much more less few several
    no not yes oh well one two three first last next other another such both either neither only even just
    mr mrs ms dr is are was were be been do does did has have had can could will would should might must shall
    usually often sometimes perhaps maybe today yesterday tomorrow tonight yes no please thanks let""".split()
)
# French words often capitalized in institutional names: they do not identify the name on their own.
FR_GENERIC = set(
    """monsieur madame m mme mlle président présidente premier première ministre ministère général générale
    secrétaire etat état etats états république union conseil cour assemblée parti centre banque université
    institut commission parlement sénat gouvernement armée nord sud est ouest saint sainte grand grande nouveau
    nouvelle haut haute national nationale fédération association fondation comité agence office direction
    eur usd gbp czk chf jpy rub
    maison palais église docteur dr dre pr pre professeur maître me mgr général colonel capitaine lieutenant sergent""".split()
)
_CONNECTORS = {"de", "du", "des", "d'", "la", "le", "van", "von", "der", "den", "bin", "ben", "ibn", "al", "el",
               "da", "di", "dos", "das", "of", "the", "y", "del", "della", "ter"}

def _fr_forms(base: str, spec: dict) -> list[str]:
    fem = spec.get("fem")
    if fem is None:
        if base.endswith("en") or base.endswith("on") and base != "breton":
            fem = base + "ne"
        elif base.endswith("e"):
            fem = base
        else:
            fem = base + "e"
    plural = spec.get("plural") or (base if base.endswith(("s", "x")) else base + "s")
    return sorted({base, fem, plural, fem + "s"})


@dataclass
class Gazetteer:
    """Folded French form → English forms, and the reverse."""

    fr2en: dict[str, list[str]] = field(default_factory=dict)
    en2fr: dict[str, set[str]] = field(default_factory=dict)
    demonyms: set[str] = field(default_factory=set)  # folded French demonym forms
    en_demonyms: set[str] = field(default_factory=set)  # folded English forms listed only as nationalities
    en_places: set[str] = field(default_factory=set)  # folded English forms of the `places` section
    en_people: set[str] = field(default_factory=set)  # folded English forms of the `people` section ("putin")
    place_demonyms: dict[str, list[str]] = field(default_factory=dict)  # "perou" → ["Peruvian", ...]
    en_not_names: set[str] = field(default_factory=set)
    words_fr2en: dict[str, list[str]] = field(default_factory=dict)  # name_words: folded fr → folded en
    words_en2fr: dict[str, set[str]] = field(default_factory=dict)
    max_fr_words: int = 1
    max_en_words: int = 1
    acronyms: set[str] = field(default_factory=set)  # folded keys and forms written in capitals ("IS", "UE")
    named_keys: set[str] = field(default_factory=set)  # folded keys of the sections of names (not `demonyms`): a
    # capitalized "Républicains" inside a sentence is that party, though "républicains" is also an adjective
    language_keys: set[str] = field(default_factory=set)  # folded keys that are only a CLDR language ("cree")
    containers: dict[str, frozenset[str]] = field(default_factory=dict)  # subdivision → its country and region
    # (subdivisions.py): "finistere" → {"france", "bretagne", "brittany"}

    def add(self, fr: str, en: Iterable[str]) -> None:
        f = fold(fr).strip()
        en = [e for e in en if e]
        if re.fullmatch(r"(?:[A-Z]\.?){2,5}", fr):
            self.acronyms.add(f)
        for e in en:
            if re.fullmatch(r"(?:[A-Z]\.?){2,5}", e):
                self.acronyms.add(fold(e))
        self.fr2en.setdefault(f, [])
        for e in en:
            if e not in self.fr2en[f]:
                self.fr2en[f].append(e)
            if not e[:1].isupper():
                continue  # descriptive renderings ("the prime minister's office") do not name anything
            fe = fold(e)
            self.en2fr.setdefault(fe, set()).add(f)
            self.max_en_words = max(self.max_en_words, len(fe.split()))
        self.max_fr_words = max(self.max_fr_words, len(f.split()))

    def copy(self) -> "Gazetteer":
        return Gazetteer({k: list(v) for k, v in self.fr2en.items()}, {k: set(v) for k, v in self.en2fr.items()},
                         set(self.demonyms), set(self.en_demonyms), set(self.en_places), set(self.en_people),
                         {k: list(v) for k, v in self.place_demonyms.items()}, set(self.en_not_names), self.words_fr2en, self.words_en2fr,
                         self.max_fr_words, self.max_en_words, set(self.acronyms), set(self.named_keys),
                         set(self.language_keys), self.containers)


@lru_cache(maxsize=4)
def load_gazetteer(path: str | None = None) -> Gazetteer:
    data = yaml.safe_load(Path(path or GAZETTEER_PATH).read_text(encoding="utf-8"))
    g = Gazetteer()
    for section, entries in data.items():
        if section in ("demonyms", "en_not_names", "name_words") or not isinstance(entries, dict):
            continue
        for fr, en in entries.items():
            g.named_keys.add(fold(fr).strip())
            if section in ("places", "people"):
                forms = [e for e in (en if isinstance(en, list) else [en])]
                if section == "places":
                    g.en_places.update(fold(e) for e in forms)
                else:
                    g.en_people.update(fold(e) for e in forms if e[:1].isupper())
            g.add(fr, en if isinstance(en, list) else [en])
    for base, spec in (data.get("demonyms") or {}).items():
        spec = spec if isinstance(spec, dict) else {"en": spec}
        en = list(spec["en"])
        en_all = en + [e + "s" for e in en if not e.endswith(("s", "sh", "ch", "ese")) and e[0].isupper()]
        for form in _fr_forms(base, spec):
            g.add(form, en_all)
            g.demonyms.add(fold(form))
        g.en_demonyms.update(fold(e) for e in en_all)
    place_forms = {fold(e) for fr, ens in g.fr2en.items() if fr not in g.demonyms for e in ens}
    g.en_demonyms -= place_forms
    # A nationality and its country share English forms ("péruvien: [Peruvian, Peru]", "Pérou: [Peru]"): link them
    # so that "Peruvian" in a translation is supported by "Pérou" in the source, and "Peru" by "péruvien".
    by_en: dict[str, set[str]] = {}
    for fr, ens in g.fr2en.items():
        for e in ens:
            by_en.setdefault(fold(e), set()).add(fr)
    extra: dict[str, list[str]] = {}
    for fr, ens in list(g.fr2en.items()):
        linked = set().union(*(by_en.get(fold(e), set()) for e in ens)) - {fr}
        for other in linked:
            for e in ens:
                if e[:1].isupper():
                    g.en2fr.setdefault(fold(e), set()).add(other)
            extra.setdefault(other, []).extend(e for e in ens if e[:1].isupper())
    for fr, ens in extra.items():
        if fr not in g.demonyms:
            for other in set().union(*(by_en.get(fold(e), set()) for e in g.fr2en.get(fr, []))) & g.demonyms:
                g.place_demonyms.setdefault(fr, [])
                g.place_demonyms[fr] += [e for e in g.fr2en[other] if e[:1].isupper() and e not in g.place_demonyms[fr]]
        # a nationality may come out as its country ("russe" → "Russia"), not a country as a nationality: "aux
        # États-Unis" must not be satisfied by "Americans" elsewhere in the sentence
        if fr not in g.demonyms:
            continue
        g.fr2en[fr].extend(e for e in dict.fromkeys(ens) if e not in g.fr2en[fr])
    for fr, en in cldr_exonyms("territories").items():
        g.en_places.update(fold(e) for e in en)
        g.add(fr, en)
    for fr, en in cldr_exonyms("languages").items():
        if fold(fr) not in g.fr2en:
            g.language_keys.add(fold(fr))
        g.add(fr, en)
    g.containers = subdivision_containers(lambda fr: g.fr2en.get(fold(fr), []))
    g.en_not_names = {fold(w) for w in data.get("en_not_names") or []}
    for fr, en in (data.get("name_words") or {}).items():
        f = fold(fr)
        g.words_fr2en[f] = [fold(e) for e in en]
        for e in en:
            g.words_en2fr.setdefault(fold(e), set()).add(f)
    return g


def preload_gazetteer() -> threading.Thread:
    """Build the gazetteer in a background thread at start-up (about half a second: the YAML, CLDR's names and
    5,000 ISO 3166-2 subdivisions), beside the model loading; a later ``load_gazetteer()`` returns it."""
    return load_in_background(load_gazetteer, "wirebrief-load-gazetteer", "the gazetteer", logging.getLogger(__name__))


def cldr_exonyms(kind: str) -> dict[str, list[str]]:
    """French → English names from CLDR (Babel's locale data). ``kind``: "territories" (countries, territories and
    regions: "Allemagne" → "Germany", "Amérique latine" → "Latin America") or "languages" (ISO 639-1 languages
    only, the rarer codes being too often French words: "allemand" → "German")."""
    from babel import Locale

    fr, en = getattr(Locale("fr"), kind), getattr(Locale("en"), kind)
    out: dict[str, list[str]] = {}
    for code, name in fr.items():
        english = en.get(code)
        if not english or kind == "languages" and len(code) != 2:
            continue
        # "Myanmar (Birmanie)" → "Myanmar (Burma)": each form stands alone too
        en_forms = [english] + [f.strip() for f in re.split(r"[()]", english) if f.strip()]
        for form in dict.fromkeys([name] + [f.strip() for f in re.split(r"[()]", name) if f.strip()]):
            out.setdefault(form, [])
            out[form] += [e for e in dict.fromkeys(en_forms) if e not in out[form]]
    return out


def gazetteer_with(glossary=None) -> Gazetteer:
    """The shipped gazetteer plus the glossary's FR → EN terms: built once per set of terms (the checks ask for it
    for every sentence; copying the gazetteer each time cost more than the checks themselves). Callers must not
    change the returned gazetteer."""
    if glossary is None:
        return load_gazetteer()
    return _with_terms(tuple((tuple(entry.source_forms()), entry.target) for entry in glossary.entries))


@lru_cache(maxsize=8)
def _with_terms(terms: tuple[tuple[tuple[str, ...], str], ...]) -> Gazetteer:
    g = load_gazetteer().copy()
    for forms, target in terms:
        for fr in forms:
            g.add(fr, target_forms(target))
    return g


def target_forms(target: str) -> list[str]:
    """A glossary rendering and its core, which a translation that did not follow the glossary to the letter still
    writes: "the French interior ministry" → also "interior ministry" (a French newspaper's "place Beauvau" is
    "the interior ministry" in an English one, with no need to say whose)."""
    core = re.sub(r"^(?:the|a|an)\s+", "", target, flags=re.IGNORECASE)
    core = re.sub(r"^French\s+(?=\w+\s+\w)", "", core)
    return list(dict.fromkeys([target, core]))
