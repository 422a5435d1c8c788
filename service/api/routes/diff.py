"""POST /v1/diff → Diff: what changed between a previous version (text or stored result id) and the current one."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict, Field

from service.api.deps import get_runtime
from service.api.schemas import ERROR_RESPONSES, ErrorBody
from service.diff import Diff, diff_with_runtime
from service.runtime import Runtime

router = APIRouter(tags=["diff"])


class DiffRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    previous: str | None = Field(
        None, description="The previous version: its text, or the id of its stored Result (GET /v1/results)."
    )
    previous_id: str | None = Field(None, description="The previous version's stored Result id (instead of previous).")
    current: str = Field(description="The current version, plain text (paragraphs separated by blank lines).")
    summaries: list[str] | None = Field(
        None, description="Presets of the what's-new summary: headline, lede, bullets, paragraph. Omitted: all four."
    )
    source_language: str | None = Field(None, description="ISO 639-1 code to skip detection, e.g. 'fr'.")
    summarizer: str = Field("model", description="model, extractive-lead or extractive-centrality.")


@router.post("/v1/diff", response_model=Diff, responses={**ERROR_RESPONSES, 404: {"model": ErrorBody}})
def diff(body: DiffRequest, runtime: Runtime = Depends(get_runtime)) -> Diff:
    """Translate the current version (sentences unchanged since the previous one come from the sentence cache),
    align it with the previous one sentence by sentence, list the facts that changed and summarize what is new."""
    return diff_with_runtime(
        runtime,
        body.current,
        previous=body.previous,
        previous_id=body.previous_id,
        summaries=body.summaries,
        summarizer=body.summarizer,
        source_language=body.source_language,
    )
