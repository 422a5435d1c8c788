"""Which language a dispatch is in, with lingua restricted to the languages news copy arrives in.

Restricting the candidate set makes lingua faster and far more reliable on short texts than its
75-language default. The detector is built on first use, never at import time: its high-accuracy
models for 20 languages take ~3.5 s and ~320 MB of memory to load (measured on this project's CPU box).
"""

from __future__ import annotations

import logging
import re
import threading
from functools import lru_cache
from typing import TYPE_CHECKING

from service.background import load_in_background
from service.errors import InputError
from service.result import LanguageInfo

if TYPE_CHECKING:
    from lingua import LanguageDetector

# lingua enum names of the candidate languages.
LANGUAGES = (
    "FRENCH", "ENGLISH", "GERMAN", "SPANISH", "ITALIAN", "PORTUGUESE", "DUTCH", "RUSSIAN", "ARABIC",
    "CHINESE", "JAPANESE", "POLISH", "TURKISH", "SWEDISH", "ROMANIAN", "GREEK", "UKRAINIAN", "KOREAN",
    "HINDI", "VIETNAMESE",
)  # fmt: skip

SAMPLE_CHARS = 2000  # the opening of a dispatch says its language; reading more only costs time
MIN_NARRATION_LETTERS = 40  # below this, quotations are kept: they are all the evidence there is

# Quoted material, which may be in another language than the dispatch (« We will never give up »).
_QUOTED = re.compile(r"«[^«»]{0,400}»|“[^“”]{0,400}”|\"[^\"\n]{0,400}\"")


class NoLanguageError(InputError, ValueError):
    """The text has nothing to identify a language from (empty, digits or symbols only, …): a 422 for the API
    (an emoji-only dispatch once surfaced as a 500)."""

    code = "no_language"


log = logging.getLogger("wirebrief.detect")

# A sentence the start-up warm-up detects: lingua loads its candidate languages' models on the first detection.
WARM_UP_TEXT = "Les ministres de la Défense se sont réunis vendredi à Bruxelles."


def preload_detector() -> threading.Thread:
    """Load the detector's language models in a background thread. lingua loads them in native code without
    holding the GIL (measured: a Python loop in another thread runs at full speed meanwhile), so at start-up this
    runs beside the translation model's loading and spaCy's tokenizer set-up instead of after them (−2.6 s of cold
    start on the 2-core CPU box). ``warm_up()`` joins it; a failure is raised again there."""
    return load_in_background(lambda: detect_language(WARM_UP_TEXT), "wirebrief-load-detector",
                              "the language detector", log)


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(*(getattr(Language, n) for n in LANGUAGES)).build()


def language_name(code: str) -> str:
    """English name of an ISO 639-1 code ("fr" → "French", "fr-FR" → "French"); the code itself if unknown.

    For languages the caller states instead of detecting; needs no detector.
    """
    from lingua import IsoCode639_1, Language

    base = re.split(r"[-_]", code.strip())[0]
    try:
        return Language.from_iso_code_639_1(IsoCode639_1.from_str(base)).name.title()
    except ValueError:
        return code


def _sample(text: str) -> str:
    """The first ~SAMPLE_CHARS characters, cut at a space so no word is truncated."""
    if len(text) <= SAMPLE_CHARS:
        return text
    cut = text.rfind(" ", 0, SAMPLE_CHARS)
    return text[: cut if cut > SAMPLE_CHARS // 2 else SAMPLE_CHARS]


def _narration(sample: str) -> str:
    """The sample without its quotations, when enough text is left to judge from."""
    rest = _QUOTED.sub(" ", sample)
    return rest if sum(ch.isalpha() for ch in rest) >= MIN_NARRATION_LETTERS else sample


def detect_language(text: str) -> LanguageInfo:
    """Detected ISO 639-1 code, English name and confidence (lingua's relative probability, 0–1).

    Quotations are set aside when the rest is long enough: a French dispatch quoting an English
    speaker is French.
    """
    sample = _sample(text)
    if not any(ch.isalpha() for ch in sample):
        raise NoLanguageError("cannot detect a language: the text contains no letters")
    sample = _narration(sample)
    values = _detector().compute_language_confidence_values(sample)
    if not values or values[0].value <= 0:
        raise NoLanguageError("cannot detect a language: no candidate language matches the text")
    best = values[0]
    return LanguageInfo(
        code=best.language.iso_code_639_1.name.lower(),
        name=best.language.name.title(),
        confidence=min(1.0, max(0.0, float(best.value))),
    )
