"""The one Result shape that flows everywhere: UI, API, CLI, store and evaluation harness all read it.

A Result holds the source paragraphs and sentences with their translations (aligned by index), summaries
by preset, warnings, timings per stage, and the exact models (ids + revisions) that produced it.
``schema_version`` is bumped whenever a field changes meaning.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field, computed_field

SCHEMA_VERSION = 1

Severity = Literal["info", "warning", "error"]


class LanguageInfo(BaseModel):
    code: str = Field(description="ISO 639-1 code, e.g. 'fr'.")
    name: str = Field(description="English name, e.g. 'French'.")
    confidence: float = Field(ge=0.0, le=1.0)
    given: bool = Field(False, description="True when the caller stated the language instead of detecting it.")


class Sentence(BaseModel):
    index: int = Field(description="Position within its paragraph, from 0.")
    source: str
    translation: str
    kind: Literal["sentence", "dateline"] = "sentence"
    parts: int = Field(1, description="How many pieces a too-long sentence was split into before translation.")
    cached: bool = Field(False, description="Served from the sentence cache rather than the model.")


class Paragraph(BaseModel):
    index: int
    sentences: list[Sentence]

    @property
    def source(self) -> str:
        return " ".join(s.source for s in self.sentences)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def translation(self) -> str:
        return " ".join(s.translation for s in self.sentences if s.translation)


class Issue(BaseModel):
    """A warning or note, located at a sentence when it concerns one."""

    code: str = Field(description="Stable machine-readable code, e.g. 'degenerate.copy'.")
    message: str
    severity: Severity = "warning"
    paragraph: int | None = None
    sentence: int | None = None


class Summary(BaseModel):
    preset: str
    text: str
    items: list[str] = Field(default_factory=list, description="Bullets or sentences, in order.")
    method: str = Field(description="'seq2seq', 'extractive-lead', 'extractive-centrality', 'passthrough', 'llm'…")
    words: int = 0
    word_limit: int | None = None
    notes: list[str] = Field(default_factory=list)


class ModelUsed(BaseModel):
    role: str = Field(description="'translation', 'translation:de', 'summary', 'brief'…")
    name: str
    hub_id: str | None = None
    revision: str | None = None
    path: str | None = None
    backend: str = "transformers"
    device: str = "cpu"
    dtype: str = "float32"


class Result(BaseModel):
    schema_version: int = SCHEMA_VERSION
    id: str = Field("", description="Content hash of input text + models + options (the cache key).")
    language: LanguageInfo
    translated: bool = Field(description="False when the source was English and passed through.")
    paragraphs: list[Paragraph]
    summaries: dict[str, Summary] = Field(default_factory=dict)
    warnings: list[Issue] = Field(default_factory=list)
    timings: dict[str, float] = Field(default_factory=dict, description="Seconds per stage.")
    models: list[ModelUsed] = Field(default_factory=list)
    options: dict[str, Any] = Field(default_factory=dict, description="Options that shaped this Result.")
    facts: dict[str, Any] | None = Field(None, description="Fact checks (service/facts), when run.")
    extra: dict[str, Any] = Field(default_factory=dict, description="Extension point for later stages.")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def translation(self) -> str:
        """The English text, paragraphs separated by blank lines."""
        return "\n\n".join(p.translation for p in self.paragraphs)

    @property
    def source_text(self) -> str:
        return "\n\n".join(p.source for p in self.paragraphs)

    def sentences(self) -> list[Sentence]:
        return [s for p in self.paragraphs for s in p.sentences]

    def to_json(self, **kwargs: Any) -> str:
        return self.model_dump_json(indent=kwargs.pop("indent", 2), **kwargs)
