"""GET /v1/health: 200 with the loaded models once ready; 503 with the reason while loading or after a failure."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from service.api.deps import get_runtime
from service.api.schemas import HealthBody
from service.runtime import Runtime

router = APIRouter(tags=["service"])


@router.get(
    "/v1/health",
    response_model=HealthBody,
    responses={503: {"model": HealthBody, "description": "Loading, or a model failed to load (see reason)."}},
)
def health(runtime: Runtime = Depends(get_runtime)):
    state = runtime.health()
    body = HealthBody(
        status=state.state,
        reason=state.reason or None,
        models=list(state.models),
        load_seconds=state.load_seconds,
    )
    return JSONResponse(body.model_dump(mode="json"), status_code=200 if state.ready else 503)
