"""pysbd as the base sentence splitter, reduced to boundary offsets in the caller's own string.

pysbd returns sentence strings, and on odd input it may change whitespace, drop or repeat a
character. We never use its strings: we only locate where each of its sentences ends in the
original text, so every segment we cut later is an exact slice of the input.
"""

from __future__ import annotations

import pysbd
from pysbd.languages import LANGUAGE_CODES

# Languages pysbd lacks, mapped to the closest rules it has (same script and punctuation habits).
_ALIASES = {"uk": "ru", "be": "ru", "pt": "es", "ca": "es", "gl": "es"}
_TAIL = 12  # non-space characters used to re-find a sentence end pysbd altered


def pysbd_language(language: str) -> str:
    """The pysbd language code for an ISO 639-1 code; English rules for anything unknown."""
    code = (language or "en").lower()
    code = _ALIASES.get(code, code)
    return code if code in LANGUAGE_CODES else "en"


def pysbd_boundaries(text: str, language: str) -> list[int]:
    """Offsets in text where pysbd starts a new sentence (each points at a non-space character)."""
    if not text.strip():
        return []
    # A fresh Segmenter per call: pysbd keeps per-call state on the instance, so sharing one across
    # threads would be unsafe; construction is cheap.
    sentences = pysbd.Segmenter(language=pysbd_language(language), clean=False).processor(text).process()

    positions = [i for i, ch in enumerate(text) if not ch.isspace()]  # index of each non-space char
    squeezed = "".join(text[i] for i in positions)
    bounds: list[int] = []
    k = 0  # current position in squeezed
    for sent in sentences:
        piece = "".join(sent.split())
        if not piece:
            continue
        if squeezed.startswith(piece, k):
            end = k + len(piece)
        else:  # pysbd altered this sentence: find where it ends from its last characters
            tail = piece[-_TAIL:]
            hit = squeezed.find(tail, k)
            if hit < 0:
                continue  # cannot place this end; its text joins the next sentence
            end = hit + len(tail)
        if end >= len(squeezed):
            break
        if end > k:
            bounds.append(positions[end])
            k = end
    return bounds
