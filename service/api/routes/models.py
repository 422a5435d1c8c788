"""GET /v1/models: the models loaded (ids + revisions), the summary presets and summarizers on offer."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from service.api.deps import get_runtime
from service.api.schemas import ERROR_RESPONSES, ModelsBody
from service.runtime import Runtime

router = APIRouter(tags=["service"])


@router.get("/v1/models", response_model=ModelsBody, responses={503: ERROR_RESPONSES[503]})
def models(runtime: Runtime = Depends(get_runtime)) -> ModelsBody:
    from service.pipeline import SUMMARIZER_CHOICES
    from service.summarize.presets import PRESETS

    return ModelsBody(models=runtime.models(), presets=list(PRESETS), summarizers=list(SUMMARIZER_CHOICES))
