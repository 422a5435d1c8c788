"""GET /v1/glossary: the shipped and user glossaries and the hash in effect. PUT /v1/glossary ``{terms, keep}``:
replace the user glossary (validated, written to the user file, applied to the next request)."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from service import glossary_edit
from service.api.deps import get_runtime
from service.api.schemas import ERROR_RESPONSES
from service.glossary_edit import GlossaryDoc, GlossaryState
from service.runtime import Runtime

router = APIRouter(tags=["glossary"])


@router.get("/v1/glossary", response_model=GlossaryState, responses=ERROR_RESPONSES)
def get_glossary(runtime: Runtime = Depends(get_runtime)) -> GlossaryState:
    return glossary_edit.state(runtime)


@router.put("/v1/glossary", response_model=GlossaryState, responses=ERROR_RESPONSES)
def put_glossary(body: GlossaryDoc, runtime: Runtime = Depends(get_runtime)) -> GlossaryState:
    """Replace the user glossary. Its entries replace shipped ones with the same French form; requests that start
    after this answer are translated and fact-checked with it (their ``options.glossary`` hash changes)."""
    return glossary_edit.save(runtime, body)
