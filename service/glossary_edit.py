"""The newsroom glossary as people edit it: the app's Glossary tab and ``GET/PUT /v1/glossary`` both call this.

The glossary in effect is the shipped default (service/facts/glossary.yaml) merged with the user file
(``service.facts.glossary.user_glossary_path``): a user entry replaces a shipped one with the same French form.
Only the user part is edited. ``save`` validates it (a specific ``InputError`` naming the entry and the rule),
writes the YAML file atomically and hands the merged glossary to the running pipeline (``Pipeline.set_glossary``),
so the next request is translated and checked with it. A Result's id (the store's cache key) and the sentence
cache's namespace both include the glossary hash, so nothing translated under the old glossary is served.
"""

from __future__ import annotations

import os
import re
import tempfile
import threading
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from service.errors import InputError, LimitExceeded, StorageFailed
from service.facts.glossary import Glossary, default_glossary, form_problem, placeholder_in, user_glossary_path
from service.facts.text import fold
from service.settings import Settings

MAX_FORM_CHARS = 120
MAX_TARGET_CHARS = 200
_save_lock = threading.Lock()

HEADER = """\
# wirebrief user glossary — written by the app's Glossary tab / PUT /v1/glossary (you may also edit it by hand).
# terms: French forms -> the English the newsroom wants; keep: do-not-translate terms (copied verbatim).
# Entries here replace shipped ones (service/facts/glossary.yaml) with the same French form.
"""


class GlossaryTerm(BaseModel):
    model_config = ConfigDict(extra="forbid")

    fr: list[str] = Field(description="French forms, e.g. [\"l'Otan\", \"Otan\"]; matching ignores case and accents.")
    en: str = Field(description="The English rendering, e.g. 'NATO'.")


class GlossaryDoc(BaseModel):
    """A glossary as written in YAML: FR→EN terms and do-not-translate terms."""

    model_config = ConfigDict(extra="forbid")

    terms: list[GlossaryTerm] = Field(default_factory=list)
    keep: list[str] = Field(default_factory=list, description="Do-not-translate terms (personal names, brands…).")

    @classmethod
    def from_glossary(cls, glossary: Glossary) -> "GlossaryDoc":
        return cls.model_validate(glossary.to_dict())

    def to_glossary(self) -> Glossary:
        return Glossary.from_dict(self.model_dump())

    def __len__(self) -> int:
        return len(self.terms) + len(self.keep)


class GlossaryState(BaseModel):
    """What GET /v1/glossary answers and the Glossary tab shows."""

    shipped: GlossaryDoc
    user: GlossaryDoc
    user_path: str = Field(description="The user glossary file (written by PUT).")
    user_file_exists: bool
    entries: int = Field(description="Entries in effect (shipped and user, merged).")
    hash: str | None = Field(description="Hash of the glossary the running pipeline enforces (in every Result's options).")


def _check_text(value: str, where: str, limit: int) -> str:
    text = " ".join(str(value).split())
    if not text:
        raise InputError(f"{where} is empty")
    if len(text) > limit:
        raise InputError(f"{where} is {len(text)} characters long; the most is {limit}")
    if not re.search(r"[^\W\d_]", text):
        raise InputError(f"{where} ({text!r}) has no letter")
    return text


def _check_form(value: str, where: str) -> str:
    """A French form the matcher can use: it must match some words, never the empty string, and be more than
    articles and function words (``l'`` alone matched the empty string and put placeholders into every sentence)."""
    form = _check_text(value, where, MAX_FORM_CHARS)
    problem = form_problem(form)
    if problem:
        raise InputError(f"{where} ({form!r}) {problem}; give the term itself, e.g. \"l'Otan\" or \"Otan\"")
    return form


def _check_target(text: str, where: str) -> None:
    """The English must survive restoration: text that looks like a placeholder would be rewritten."""
    found = placeholder_in(text)
    if found:
        raise InputError(
            f"{where} ({text!r}) contains {found!r}, which looks like the translator's glossary placeholders and "
            "would be replaced in the output; write the term differently"
        )


def validate(doc: GlossaryDoc, settings: Settings) -> GlossaryDoc:
    """The doc cleaned (whitespace collapsed, duplicate forms of one entry dropped), or an ``InputError`` that
    names the entry (``term 2``, ``keep 1``, counted from 1) and what is wrong with it."""
    if len(doc) > settings.glossary_max_entries:
        raise LimitExceeded("WIREBRIEF_GLOSSARY_MAX_ENTRIES", settings.glossary_max_entries, len(doc), "the glossary's entry count")
    owner: dict[str, str] = {}

    def claim(form: str, where: str) -> None:
        key = fold(form)
        if key in owner and owner[key] != where:
            raise InputError(f"{where}: the French form {form!r} is already in {owner[key]}")
        owner[key] = where

    terms = []
    for n, term in enumerate(doc.terms, 1):
        where = f"term {n}"
        forms = [_check_form(f, f"{where}: the French form") for f in term.fr if str(f).strip()]
        if not forms:
            raise InputError(f"{where}: give at least one French form")
        forms = list(dict.fromkeys(forms))
        en = _check_text(term.en, f"{where} ({forms[0]!r}): the English", MAX_TARGET_CHARS)
        _check_target(en, f"{where} ({forms[0]!r}): the English")
        for form in forms:
            claim(form, where)
        terms.append(GlossaryTerm(fr=forms, en=en))
    keep = []
    for n, value in enumerate(doc.keep, 1):
        form = _check_form(value, f"keep {n}")
        _check_target(form, f"keep {n}")
        claim(form, f"keep {n}")
        keep.append(form)
    cleaned = GlossaryDoc(terms=terms, keep=keep)
    cleaned.to_glossary()._pattern()  # every form compiles into the matcher
    return cleaned


def parse_doc(data: object) -> GlossaryDoc:
    """A GlossaryDoc from a YAML/JSON-like mapping, or an ``InputError`` saying what shape is expected."""
    if data is None:
        return GlossaryDoc()
    try:
        return GlossaryDoc.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "glossary"
        raise InputError(
            f"{where}: {first.get('msg', 'invalid')} (expected {{terms: [{{fr: [forms], en: text}}], keep: [terms]}})"
        ) from None


def shipped() -> GlossaryDoc:
    return GlossaryDoc.from_glossary(Glossary.load())


def read_user(settings: Settings) -> GlossaryDoc:
    path = user_glossary_path(settings)
    if not path.exists():
        return GlossaryDoc()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise InputError(f"the user glossary {path} is not valid YAML: {exc}") from None
    return parse_doc(data)


def effective(doc: GlossaryDoc) -> Glossary:
    """The glossary in effect with this user part: shipped entries, replaced by the user's for the same form."""
    return Glossary.load().merged(doc.to_glossary())


def state(runtime) -> GlossaryState:
    from service.pipeline import glossary_hash

    settings = runtime.settings
    user = read_user(settings)
    try:
        running = runtime.pipeline.glossary
    except Exception:  # models still loading: report the files, no hash yet
        running = None
    path = user_glossary_path(settings)
    return GlossaryState(
        shipped=shipped(),
        user=user,
        user_path=str(path),
        user_file_exists=path.exists(),
        entries=len(running if running is not None else effective(user)),
        hash=glossary_hash(running),
    )


def write_user(doc: GlossaryDoc, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    body = yaml.safe_dump(doc.model_dump(), allow_unicode=True, sort_keys=False, width=120)
    fd, tmp = tempfile.mkstemp(prefix=".glossary-", suffix=".yaml", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(HEADER + body)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)  # a failed write leaves no orphan temp file behind
        raise


def save(runtime, doc: GlossaryDoc) -> GlossaryState:
    """Validate, write the user file, and apply the merged glossary to the running pipeline."""
    pipeline = runtime.pipeline  # ModelUnavailable (503) while loading: nothing is written
    cleaned = validate(doc, runtime.settings)
    glossary = effective(cleaned)
    with _save_lock:
        path = user_glossary_path(runtime.settings)
        try:
            write_user(cleaned, path)
        except OSError as exc:
            raise StorageFailed(
                f"the glossary could not be saved to {path} ({type(exc).__name__}: {exc.strerror or exc}); nothing "
                "was changed — check the disk space and that the path is a writable file"
            ) from None
        default_glossary.cache_clear()  # a pipeline built later in this process reads the new file
        try:
            pipeline.set_glossary(glossary)
        except ValueError as exc:  # no French route with glossary protection
            raise InputError(f"the glossary cannot be applied: {exc}") from None
    return state(runtime)
