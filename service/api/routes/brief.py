"""POST /v1/brief: ``{text | result_id, template}`` → the brief with its template version and flags; the Result is
stored with its brief. POST /v1/brief/edit: an editor's changes to a stored brief, checked and stored."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from service.api.deps import get_runtime
from service.api.schemas import ERROR_RESPONSES, ErrorBody
from service.brief.requests import BriefRequest, BriefResponse, EditRequest, handle_brief, handle_edit
from service.result import Result
from service.runtime import Runtime

router = APIRouter(tags=["brief"])

RESPONSES = {**ERROR_RESPONSES, 404: {"model": ErrorBody, "description": "No stored result with this id."}}


def save_result(runtime: Runtime, result: Result) -> None:
    """Store a Result again (now with its brief); the store keeps the request key it was stored under."""
    runtime.store.put(result)


def brief_for(runtime: Runtime, body: BriefRequest) -> BriefResponse:
    pipeline = runtime.pipeline  # 503 with the reason while the models load or after a failure
    return handle_brief(
        body,
        pipeline=pipeline,
        translate=lambda text: runtime.translate(text, summaries=[]),
        lookup=runtime.result,
        save=lambda result: save_result(runtime, result),
        slot=runtime.slot,
    )


def edit_for(runtime: Runtime, body: EditRequest) -> BriefResponse:
    return handle_edit(body, lookup=runtime.result, save=lambda result: save_result(runtime, result))


@router.post("/v1/brief", response_model=BriefResponse, responses=RESPONSES)
def brief(body: BriefRequest, runtime: Runtime = Depends(get_runtime)) -> BriefResponse:
    """Write an editors' brief from a prompt template (brief, headline, bullets, plain, lede, paragraph) for a
    dispatch (translated first) or a stored Result. A model answer that does not follow the template's format
    after one retry gives ``status: "failed"`` with the reason, not an error."""
    return brief_for(runtime, body)


@router.post("/v1/brief/edit", response_model=BriefResponse, responses=RESPONSES)
def edit(body: EditRequest, runtime: Runtime = Depends(get_runtime)) -> BriefResponse:
    """Save an editor's changes to a stored brief (section key → text or items); facts are checked again."""
    return edit_for(runtime, body)
