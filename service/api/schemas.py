"""Request and response bodies of the REST API (the Result itself is ``service.result.Result``)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from service.result import ModelUsed


class TranslateRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="The dispatch, plain text (paragraphs separated by blank lines).")
    summaries: list[str] | None = Field(
        None, description="Summary presets: headline, lede, bullets, paragraph. Omitted: all four; []: none."
    )
    source_language: str | None = Field(None, description="ISO 639-1 code to skip detection, e.g. 'fr'.")
    summarizer: str = Field("model", description="model, extractive-lead or extractive-centrality.")


class ErrorBody(BaseModel):
    code: str
    message: str


class HealthBody(BaseModel):
    status: str = Field(description="'ready', 'loading' or 'error'.")
    reason: str | None = None
    models: list[ModelUsed] = Field(default_factory=list)
    load_seconds: float | None = None


class ModelsBody(BaseModel):
    models: list[ModelUsed]
    presets: list[str]
    summarizers: list[str]


class StoredResultBody(BaseModel):
    id: str
    created_at: float
    updated_at: float
    language: str
    first_line: str
    headline: str
    warnings: int


ERROR_RESPONSES = {
    413: {"model": ErrorBody, "description": "A named limit was exceeded."},
    422: {"model": ErrorBody, "description": "Invalid input."},
    429: {"model": ErrorBody, "description": "Too many requests waiting."},
    503: {"model": ErrorBody, "description": "Models loading or failed to load."},
}
