"""``Prepared``: a dispatch between the pipeline's stages, as plain data a batch engine can move between
processes."""

from __future__ import annotations

from dataclasses import dataclass, field

from service.result import Issue, LanguageInfo, ModelUsed, Paragraph
from service.summarize.presets import Preset


@dataclass
class Prepared:
    """A dispatch between stages: after ``prepare`` (normalized, language, segments), then after translation
    (paragraphs, models). Plain data, picklable, so a batch engine can move it between processes."""

    text: str
    """The normalized text (what the Result id hashes)."""
    presets: list[Preset]
    summarizer: str
    source_language: str | None
    language: LanguageInfo
    segmented: list
    warnings: list[Issue]
    timings: dict[str, float]
    translated: bool = False
    paragraphs: list[Paragraph] | None = None
    models: list[ModelUsed] = field(default_factory=list)
    incomplete: dict | None = None
    """Partial mode only: {} while all is well, ``service.partial.incomplete_record`` once the limit ended it."""

    @property
    def sentence_count(self) -> int:
        return sum(len(segs) for segs in self.segmented)
