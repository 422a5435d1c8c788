"""Newsroom glossary: FR → EN terms and do-not-translate terms, enforced around any translator.

Enforcement is placeholder protection. Before translation each glossary term in the French sentence is replaced;
after translation the placeholder is replaced by the required English term.

Choice of placeholder (what a sentencepiece MarianMT model copies well):

* a **do-not-translate** term is left in place: it is its own best placeholder. Names are exactly what these models
  learnt to copy, piece by piece, from their training data ("Jens Stoltenberg" in, "Jens Stoltenberg" out);
* a term whose English form is **one name-like token** ("NATO", "AFP") is written *as that token* into the French:
  the model copies it like any name or acronym, and the output needs no restoration, only verification;
* any other target ("the prime minister's office") becomes a **four-digit number** such as ``7301`` that does not
  occur in the sentence. Numbers are what a real MT model copies most reliably: OPUS-MT splits them into digit
  pieces present in every vocabulary and learnt from millions of sentence pairs to carry them through unchanged,
  whereas a pseudo-acronym (``ZXQB``) is a string it has never seen and may transliterate, expand or drop, and
  ``<x1>`` / ``__1__`` style markers are normalised away or mangled. 7301… is no plausible year, so no date logic
  rewrites it. The placeholder takes the grammatical place of the French noun phrase including its article
  ("à Matignon" → "à 7301" → "at 7301" → "at the prime minister's office"), and restoration fixes capitalization
  and a doubled article ("the the"). Restoration runs before the fact checks, so a placeholder never reaches them;
  one the model mangled stays a number the source lacks, which the number check flags as well.

``restore`` reports every placeholder the model lost (and every kept or inlined term that is missing) as a
FactIssue of type ``name``; nothing is inserted blindly where the model dropped it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable

import yaml

from .model import FactIssue
from .text import fold

DEFAULT_GLOSSARY_PATH = Path(__file__).with_name("glossary.yaml")
_ARTICLE = re.compile(r"^(?:l['’]|le |la |les )", re.IGNORECASE)
_PLACEHOLDER_BASE = 7301


@dataclass(frozen=True)
class GlossaryEntry:
    fr: tuple[str, ...]
    target: str
    keep: bool = False

    def source_forms(self) -> list[str]:
        return list(self.fr)


@dataclass
class Glossary:
    entries: list[GlossaryEntry] = field(default_factory=list)

    # --- loading ----------------------------------------------------------------------------------------------
    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> "Glossary":
        data = data or {}
        entries = []
        for t in data.get("terms") or []:
            fr = t.get("fr")
            forms = tuple(fr if isinstance(fr, list) else [fr])
            if not forms or not t.get("en"):
                raise ValueError(f"glossary term needs 'fr' and 'en': {t!r}")
            entries.append(GlossaryEntry(tuple(str(f) for f in forms), str(t["en"])))
        for k in data.get("keep") or []:
            entries.append(GlossaryEntry((str(k),), str(k), keep=True))
        return cls(entries)

    @classmethod
    def load(cls, *paths: str | Path | None) -> "Glossary":
        """The shipped default, then each user file: later entries replace earlier ones with the same French form."""
        merged = cls.from_dict(yaml.safe_load(DEFAULT_GLOSSARY_PATH.read_text(encoding="utf-8")))
        for p in paths:
            if p:
                user = cls.from_dict(yaml.safe_load(Path(p).read_text(encoding="utf-8")))
                user.check_entries(str(p))
                merged = merged.merged(user)
        return merged

    def check_entries(self, source: str) -> None:
        """``ValueError`` naming the first entry that would break translation: a French form that matches the
        empty string or only function words, or an English text containing a placeholder."""
        for n, entry in enumerate(self.entries, 1):
            where = f"{source}: {'keep' if entry.keep else 'term'} entry {n}"
            for form in entry.fr:
                problem = form_problem(form)
                if problem:
                    raise ValueError(f"{where}: the French form {form!r} {problem}")
            found = placeholder_in(entry.target)
            if found:
                raise ValueError(f"{where}: {entry.target!r} contains {found!r}, which looks like a glossary placeholder")

    def merged(self, other: "Glossary") -> "Glossary":
        theirs = {fold(f) for e in other.entries for f in e.fr}
        mine = [e for e in self.entries if not any(fold(f) in theirs for f in e.fr)]
        return Glossary(mine + list(other.entries))

    def to_dict(self) -> dict[str, Any]:
        return {
            "terms": [{"fr": list(e.fr), "en": e.target} for e in self.entries if not e.keep],
            "keep": [e.target for e in self.entries if e.keep],
        }

    # --- matching ---------------------------------------------------------------------------------------------
    def _pattern(self) -> re.Pattern[str]:
        return _compiled(tuple(self.entries))

    def find(self, text: str) -> list[tuple[GlossaryEntry, str]]:
        """(entry, surface) for each glossary term in a French text, in order."""
        out = []
        for m in self._pattern().finditer(text):
            out.append((self.entries[int(m.lastgroup[1:])], m.group(0)))
        return out

    def __len__(self) -> int:
        return len(self.entries)


def _accent_class(ch: str) -> str:
    groups = ["aàâä", "eéèêë", "iîï", "oôö", "uùûü", "cç"]
    low = ch.lower()
    for g in groups:
        if low in g:
            return "[" + g + g.upper() + "]"
    if ch in "'’":
        return "['’]"
    if ch in " -":
        return "[ \\-\u00a0]"
    return re.escape(ch)


def _form_regex(form: str) -> str:
    core = _ARTICLE.sub("", form)
    article = form[: len(form) - len(core)]
    body = "".join(_accent_class(c) for c in core)
    if article:
        art = "".join(_accent_class(c) for c in article)
        return f"(?:{art})?{body}"
    # a bare form also swallows an elided article before it ("l'Otan" when the entry says "Otan")
    return f"(?:[lL]['’])?{body}"


@lru_cache(maxsize=32)
def _compiled(entries: tuple[GlossaryEntry, ...]) -> re.Pattern[str]:
    alts = []
    for i, e in enumerate(entries):
        forms = sorted(e.fr, key=len, reverse=True)
        alts.append(f"(?P<g{i}>" + "|".join(_form_regex(f) for f in forms) + ")")
    if not alts:
        return re.compile(r"(?!x)x")
    return re.compile(r"(?<![\w])(?:" + "|".join(alts) + r")(?![\w])", re.IGNORECASE)


@lru_cache(maxsize=4)
def default_glossary(user_path: str | None = None) -> Glossary:
    return Glossary.load(user_path)


def user_glossary_path(settings) -> Path:
    """The user glossary file: WIREBRIEF_GLOSSARY_PATH, or glossary.yaml beside the database (where the app's
    glossary editor saves when no path is set)."""
    path = getattr(settings, "glossary_path", None)
    if path:
        return Path(path)
    return Path(settings.db_path).parent / "glossary.yaml"


def glossary_from_settings(settings=None) -> Glossary:
    if settings is None:
        from service.settings import get_settings

        settings = get_settings()
    path = getattr(settings, "glossary_path", None)
    if not path and getattr(settings, "db_path", None) is not None and user_glossary_path(settings).exists():
        path = user_glossary_path(settings)
    return default_glossary(str(path) if path else None)


# --- protection ---------------------------------------------------------------------------------------------------
@dataclass
class Slot:
    """One protected term: what the French said, what the English must say, and how it travels."""

    placeholder: str
    target: str
    source: str
    mode: str  # "keep" | "inline" | "placeholder"


RestoreMap = list[Slot]


def _name_like(target: str) -> bool:
    """One token a model copies as a name: "NATO", "AFP", "Brussels" (no spaces, starts with a capital)."""
    return bool(re.fullmatch(r"[A-ZÀ-Ý][\w'’.-]*", target))


def placeholder_token(i: int, avoid: str = "") -> str:
    """The ``i``-th number placeholder (7301, 7302, …) that does not occur in ``avoid`` (the sentence)."""
    n = _PLACEHOLDER_BASE + i
    while str(n) in re.sub(r"(?<=\d)[\s.,\u00a0\u202f](?=\d{3})", "", avoid):
        n += 97
    return str(n)


# A number ``placeholder_token`` can write, as ``placeholder_regex`` finds it (thousands separator allowed).
_PLACEHOLDER_LIKE = re.compile(r"(?<![\w.,])\d[,.\s\u00a0\u202f]?\d{3}(?![\d])")


def placeholder_in(text: str) -> str | None:
    """The part of ``text`` that ``restore`` could take for a placeholder (a four-digit number from 7301 up) and
    rewrite when another term's placeholder happens to be that number, or None. A glossary target or
    do-not-translate term containing one is refused when the glossary is edited."""
    for found in _PLACEHOLDER_LIKE.finditer(text):
        if int(re.sub(r"\D", "", found.group(0))) >= _PLACEHOLDER_BASE:
            return found.group(0)
    return None


# Words that carry no term on their own: a form made only of these would match in nearly every sentence.
FUNCTION_WORDS = frozenset(
    "l' d' j' n' s' c' qu' le la les un une des de du au aux à a et ou en y par pour sur sous dans avec sans que qui "
    "ce cet cette ces se sa son ses ne pas il elle ils elles on".split()
)


def form_problem(form: str) -> str | None:
    """Why a French form cannot be a glossary entry (matches the empty string, or is only articles and function
    words), or None. Used by the glossary editor's validation."""
    if re.compile(_form_regex(form), re.IGNORECASE).fullmatch(""):
        return "matches an empty string (it is only an article)"
    words = re.findall(r"[^\W\d_]+['’]?", form.lower().replace("’", "'"))
    if words and all(w in FUNCTION_WORDS or w.rstrip("'") in FUNCTION_WORDS for w in words):
        return "is only articles or function words, which are in nearly every sentence"
    return None


def protect(sentence_fr: str, glossary: Glossary) -> tuple[str, RestoreMap]:
    """Replace each glossary term of a French sentence by what the model should carry through (see module doc)."""
    slots: RestoreMap = []
    out = []
    pos = 0
    n_placeholders = 0
    for m in glossary._pattern().finditer(sentence_fr):
        entry = glossary.entries[int(m.lastgroup[1:])]
        out.append(sentence_fr[pos : m.start()])
        if entry.keep:
            slots.append(Slot(entry.target, entry.target, m.group(0), "keep"))
            out.append(m.group(0))
        elif _name_like(entry.target):
            slots.append(Slot(entry.target, entry.target, m.group(0), "inline"))
            out.append(entry.target)
        else:
            ph = placeholder_token(n_placeholders, sentence_fr + "".join(out) + " ".join(sl.placeholder for sl in slots))
            n_placeholders += 1
            slots.append(Slot(ph, entry.target, m.group(0), "placeholder"))
            out.append(ph)
        pos = m.end()
    out.append(sentence_fr[pos:])
    return "".join(out), slots


def placeholder_regex(ph: str) -> re.Pattern[str]:
    # tolerate English thousands separators the model may add: "7301", "7,301", "7 301", "7.301"
    digits = ph[0] + r"[,.\s\u00a0\u202f]?" + ph[1:]
    return re.compile(r"(?<![\w.,])" + digits + r"(?![\d])")


def restore(translation_en: str, restore_map: RestoreMap) -> tuple[str, list[FactIssue]]:
    """Put the required English terms back in place of their placeholders; report each term that did not survive."""
    text = translation_en
    issues: list[FactIssue] = []
    for slot in restore_map:
        if slot.mode == "placeholder":
            rx = placeholder_regex(slot.placeholder)
            if rx.search(text):
                text = rx.sub(lambda m: _fit(slot.target, text, m), text)
                continue
            if fold(slot.target) in fold(text):
                continue  # the model wrote the term itself
            issues.append(FactIssue(type="name", source=slot.source,
                                    detail=f"glossary: placeholder for '{slot.source}' → '{slot.target}' was lost "
                                           f"in translation; the term is missing"))
        else:
            if re.search(r"(?<!\w)" + re.escape(fold(slot.target)) + r"(?!\w)", fold(text)):
                continue
            what = "do-not-translate term" if slot.mode == "keep" else "glossary term"
            issues.append(FactIssue(type="name", source=slot.source,
                                    detail=f"glossary: {what} '{slot.target}' (for '{slot.source}') is missing "
                                           f"from the translation"))
    text = re.sub(r"\b([Tt]he) the\b", r"\1", text)  # "the ZXQB" → "the the Élysée"
    text = re.sub(r"\b([Aa]n?) the\b", r"the", text)
    return text, issues


def _fit(target: str, text: str, m: re.Match) -> str:
    """The target term, capitalized when it starts a sentence."""
    before = text[: m.start()]
    if (not before.strip() or re.search(r"[.!?:]\s*[\"«“]?\s*$", before)) and target[:1].islower():
        return target[0].upper() + target[1:]
    return target


# --- wrapper around any translator ---------------------------------------------------------------------------------
class GlossaryTranslator:
    """``GlossaryTranslator(inner, glossary)`` translates like ``inner`` (same ``translate(sentences, progress=None)
    -> list[str]`` interface, same ``models_used()``), with the glossary enforced. The issues of the last call are
    in ``last_issues`` (one list per sentence)."""

    def __init__(self, inner: Any, glossary: Glossary | None = None):
        self.inner = inner
        self.glossary = glossary if glossary is not None else glossary_from_settings()
        self.last_issues: list[list[FactIssue]] = []

    def translate(self, sentences: list[str], progress: Callable[[int, int], None] | None = None) -> list[str]:
        protected, maps = [], []
        for s in sentences:
            p, m = protect(s, self.glossary)
            protected.append(p)
            maps.append(m)
        if progress is not None:
            raw = self.inner.translate(protected, progress=progress)
        else:
            raw = self.inner.translate(protected)
        out, issues = [], []
        for text, m in zip(raw, maps):
            t, iss = restore(text, m)
            out.append(t)
            issues.append(iss)
        self.last_issues = issues
        return out

    def models_used(self):
        fn = getattr(self.inner, "models_used", None)
        return fn() if fn else []

    def __getattr__(self, name: str) -> Any:  # anything else the inner translator offers
        return getattr(self.inner, name)


def glossary_terms(glossary: Glossary) -> Iterable[tuple[str, str]]:
    for e in glossary.entries:
        for f in e.fr:
            yield f, e.target
