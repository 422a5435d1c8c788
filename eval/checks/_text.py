"""Small text helpers shared by the checks (sentence splitting, word tokens)."""

from __future__ import annotations

import re
from functools import lru_cache

WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
TOKEN_RE = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """Lowercased letter-only words (numbers and punctuation dropped)."""
    return [w.lower() for w in WORD_RE.findall(text)]


def tokens(text: str) -> list[str]:
    return [t.lower() for t in TOKEN_RE.findall(text)]


@lru_cache(maxsize=8)
def _segmenter(language: str):
    import pysbd

    try:
        return pysbd.Segmenter(language=language, clean=False)
    except ValueError:
        return pysbd.Segmenter(language="en", clean=False)


def sentences(text: str, language: str) -> list[str]:
    """Sentences of ``text``: the project's segmenter when it exists (service.text), else pysbd."""
    splitter = _project_splitter()
    if splitter is not None:
        return [s for s in splitter(text, language) if s.strip()]
    return [s for s in _segmenter(language).segment(text) if s.strip()]


@lru_cache(maxsize=1)
def _project_splitter():
    return None


def splitter_name() -> str:
    return "pysbd-" + __import__("importlib.metadata").metadata.version("pysbd")
