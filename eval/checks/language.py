"""Language: the output is in the expected language (English for the product), by lingua.

Short outputs (< ``min_words`` words) are skipped: detection on "Yeah." or a proper name is a coin toss.
The detector chooses among the project's source languages plus English, so a copied French source is
recognised as French rather than as some unrelated language.
"""

from __future__ import annotations

from functools import lru_cache

from eval.checks import CheckResult, Segment, register

CANDIDATES = ("ENGLISH", "FRENCH", "GERMAN", "SPANISH", "ITALIAN", "PORTUGUESE", "DUTCH")


@lru_cache(maxsize=1)
def detector():
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(*(getattr(Language, c) for c in CANDIDATES)).build()


def iso(language) -> str:
    return language.iso_code_639_1.name.lower()


@register(
    "language",
    tasks=("translation", "summarization"),
    description="output is in the target language (lingua); outputs under min_words words skipped",
    defaults={"expected": None, "min_words": 5},
)
def language(seg: Segment, *, expected: str | None = None, min_words: int = 5, **_: object) -> CheckResult:
    want = (expected or seg.target_language).lower()
    if len(seg.output.split()) < min_words:
        return CheckResult("skip", detail=f"under {min_words} words")
    found = detector().detect_language_of(seg.output)
    if found is None:
        return CheckResult("fail", 0.0, "no language detected")
    confidence = detector().compute_language_confidence(seg.output, found)
    got = iso(found)
    if got != want:
        return CheckResult("fail", round(confidence, 4), f"detected {got} ({confidence:.2f}), expected {want}")
    return CheckResult("pass", round(confidence, 4))
