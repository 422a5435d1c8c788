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


class PromptRef(BaseModel):
    """The exact prompt template that produced an output (prompts/<name>/v<version>.yaml and its content hash)."""

    name: str
    version: int
    hash: str


class Summary(BaseModel):
    preset: str
    text: str
    items: list[str] = Field(default_factory=list, description="Bullets or sentences, in order.")
    method: str = Field(
        description="What produced it: 'seq2seq', 'seq2seq-headline' (a headline model), 'lede-clauses' (the lede's "
        "opening, no headline model), 'extractive-lead', 'extractive-centrality', 'passthrough', 'llm'…"
    )
    words: int = 0
    word_limit: int | None = None
    notes: list[str] = Field(default_factory=list)
    prompt: PromptRef | None = Field(None, description="The prompt template, for summaries written by the LLM.")


class ModelUsed(BaseModel):
    role: str = Field(description="'translation', 'translation:de', 'summary', 'brief'…")
    name: str
    hub_id: str | None = None
    revision: str | None = None
    path: str | None = None
    backend: str = "transformers"
    device: str = "cpu"
    dtype: str = "float32"

    @classmethod
    def from_loaded(cls, loaded, role: str) -> "ModelUsed":
        """What a model loaded by ``models.load.load`` (a ``LoadedModel``) records about itself in a Result."""
        spec = loaded.spec
        return cls(
            role=role,
            name=spec.name,
            hub_id=spec.hub_id,
            # The snapshot commit actually loaded (models.load.snapshot_revision), not the registry's expectation.
            revision=getattr(loaded, "revision", None) or spec.revision,
            path=spec.local_path,
            backend=loaded.backend,
            device=loaded.device,
            dtype=loaded.dtype,
        )


class BriefSection(BaseModel):
    """One part of a brief: a text section holds one item, a list section several."""

    key: str = Field(description="Template section key, e.g. 'headline', 'bullets', 'quote'.")
    title: str
    kind: Literal["text", "list"] = "text"
    items: list[str] = Field(default_factory=list)
    word_limit: int = Field(description="Words allowed in the text, or in each item of a list.")
    max_items: int = 1

    @property
    def words(self) -> int:
        return sum(len(item.split()) for item in self.items)


class FactFlag(BaseModel):
    """A fact (number, date, money, name, quotation) in a brief that the source does not support."""

    section: str
    item: int = 0
    type: str = Field(description="'number', 'date', 'money', 'name', 'quote'.")
    text: str = Field(description="The fact as written in the brief.")
    detail: str


class Brief(BaseModel):
    """An editors' brief written by the brief model from one template; the editor may then edit it."""

    template: PromptRef
    status: Literal["ok", "failed"] = "ok"
    failure: str | None = Field(None, description="Why no brief could be made (status 'failed').")
    sections: list[BriefSection] = Field(default_factory=list)
    flags: list[FactFlag] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list, description="Limits applied, missing parts, checks skipped.")
    attempts: int = Field(0, description="Model calls made: 1, or 2 when the first answer did not parse.")
    raw_outputs: list[str] = Field(default_factory=list, description="The model's answers, as generated.")
    model: ModelUsed | None = None
    input: Literal["translation", "translation+source", "text"] = "translation"
    timings: dict[str, float] = Field(default_factory=dict)
    edited: bool = Field(False, description="True once an editor changed the generated sections.")
    generated: list[BriefSection] | None = Field(None, description="The sections as generated, kept after edits.")

    def section(self, key: str) -> BriefSection | None:
        return next((s for s in self.sections if s.key == key), None)

    def text(self) -> str:
        """Plain text: each section's items on their own lines, in template order (what evaluation scores)."""
        return "\n".join(item for s in self.sections for item in s.items)


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
    briefs: dict[str, Brief] = Field(default_factory=dict, description="Editors' briefs by template name.")
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
