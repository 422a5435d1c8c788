"""Cheap checks that flag a translation that looks degenerate. They warn; they never change the output."""

from __future__ import annotations

import re
import unicodedata

# Target/source character-length ratios seen for faithful FR→EN news sentences sit well inside this band
# (English runs ~10–15% shorter than French).
RATIO_BAND = (0.4, 2.0)
MIN_CHARS_FOR_RATIO = 20
_WORD = re.compile(r"\w+", re.UNICODE)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if c.isalnum())


def repeated_ngram(words: list[str], max_n: int = 4, min_repeats: int = 4) -> str | None:
    """The first n-gram (n ≤ max_n) that repeats back to back at least ``min_repeats`` times, if any."""
    for n in range(1, max_n + 1):
        for start in range(0, len(words) - n * min_repeats + 1):
            gram = words[start : start + n]
            if all(words[start + k * n : start + (k + 1) * n] == gram for k in range(1, min_repeats)):
                return " ".join(gram)
    return None


def degenerate_reasons(source: str, translation: str) -> list[tuple[str, str]]:
    """(code, message) pairs for each way the translation looks broken."""
    reasons: list[tuple[str, str]] = []
    if not translation.strip():
        return [("degenerate.empty", "the translation is empty")]
    src_words = _WORD.findall(source)
    if len(src_words) >= 4 and _fold(source) == _fold(translation):
        reasons.append(("degenerate.copy", "the translation is a copy of the source"))
    if len(source) >= MIN_CHARS_FOR_RATIO:
        ratio = len(translation) / len(source)
        if not RATIO_BAND[0] <= ratio <= RATIO_BAND[1]:
            reasons.append(
                (
                    "degenerate.length_ratio",
                    f"translation/source length ratio {ratio:.2f} is outside {RATIO_BAND[0]}–{RATIO_BAND[1]}",
                )
            )
    loop = repeated_ngram([w.casefold() for w in _WORD.findall(translation)])
    if loop and not repeated_ngram([w.casefold() for w in src_words]):
        reasons.append(("degenerate.repetition", f"the translation loops on “{loop}”"))
    return reasons
