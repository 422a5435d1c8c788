"""Small text helpers shared by the checks (sentence splitting, word tokens)."""

from __future__ import annotations

import re
from functools import lru_cache

WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
TOKEN_RE = re.compile(r"[^\W_]+")


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
    """Sentences of ``text``: the project's segmenter (service.text) when this checkout has it, else pysbd."""
    splitter = _project_splitter()
    if splitter is not None:
        return [s for s in splitter(text, language) if s.strip()]
    return [s for s in _segmenter(language).segment(text) if s.strip()]


@lru_cache(maxsize=1)
def _project_splitter():
    try:
        from service.text.segment import split_paragraphs, split_sentences
    except ImportError:
        return None

    def split(text: str, language: str) -> list[str]:
        return [seg.text for para in split_paragraphs(text) for seg in split_sentences(para, language)]

    return split


def splitter_name() -> str:
    """Which sentence splitter the checks and lead-k use (goes into the run signature)."""
    from importlib.metadata import version

    if _project_splitter() is not None:
        return f"service.text.segment (pysbd-{version('pysbd')} + French rules)"
    return f"pysbd-{version('pysbd')}"
