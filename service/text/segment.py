"""Paragraphs and sentences: the units the translator and the Result are aligned on.

Every segment is a slice of its paragraph with the surrounding whitespace stripped, so joining a
paragraph's segments with single spaces gives the paragraph back (up to whitespace): nothing is
lost, reordered or repeated.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from service.text.dateline import split_dateline
from service.text.pysbd_split import pysbd_boundaries
from service.text.rules import fix_quote_and_case, french_extra_boundaries, french_vetoes

SegmentKind = Literal["sentence", "dateline"]


@dataclass
class Segment:
    text: str
    kind: SegmentKind = "sentence"


def split_paragraphs(text: str) -> list[str]:
    """Non-empty, stripped lines: wire copy puts one paragraph per line, blank lines also separate."""
    return [line.strip() for line in re.split(r"\r\n|\r|\n", text) if line.strip()]


def sentence_spans(paragraph: str, language: str = "fr") -> list[tuple[int, int, SegmentKind]]:
    """(start, end, kind) of each segment in paragraph; paragraph[start:end] is the segment text."""
    spans: list[tuple[int, int, SegmentKind]] = []
    offset = 0
    dateline = split_dateline(paragraph.lstrip())
    if dateline is not None:
        offset = len(paragraph) - len(paragraph.lstrip()) + len(dateline[0])
        spans.append((offset - len(dateline[0]), offset, "dateline"))
    body = paragraph[offset:]

    language = re.split(r"[-_]", (language or "fr").lower())[0]  # "fr-FR" → "fr"
    bounds = pysbd_boundaries(body, language)
    if language == "fr":
        bounds = french_vetoes(body, sorted(set(bounds) | set(french_extra_boundaries(body))))
    bounds = fix_quote_and_case(body, bounds, language)

    for start, end in zip([0, *bounds], [*bounds, len(body)]):
        piece = body[start:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            spans.append((offset + start + lead, offset + start + len(piece.rstrip()), "sentence"))
    return spans


def split_sentences(paragraph: str, language: str = "fr") -> list[Segment]:
    """Sentences of one paragraph, a leading dateline ("PARIS (AFP) -") as its own segment."""
    return [Segment(paragraph[s:e], kind) for s, e, kind in sentence_spans(paragraph, language)]


def segment(text: str, language: str) -> list[list[Segment]]:
    """Paragraphs, each a list of segments."""
    return [split_sentences(p, language) for p in split_paragraphs(text)]


def join_segments(segments: Iterable[Segment | str]) -> str:
    """Reassemble a paragraph from its segments (the inverse of split_sentences, up to whitespace)."""
    return " ".join(s if isinstance(s, str) else s.text for s in segments)
