"""GET /v1/health: 200 with the loaded models once ready; 503 with the reason while loading or after a failure.

It needs no token (the container health check), so it names models by registry name or hub id only: the local
path a model was loaded from stays on the server (GET /v1/models, behind the token, has it)."""

from __future__ import annotations

import re

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from service.api.deps import get_runtime
from service.api.schemas import HealthBody
from service.runtime import Runtime

router = APIRouter(tags=["service"])

# An absolute path of two or more components (not a hub id such as Helsinki-NLP/opus-mt-fr-en).
ABSOLUTE_PATH = re.compile(r"(?<![\w.~-])/(?:[^\s'\"/]+/)+([^\s'\"/]*)")


def without_paths(reason: str | None) -> str | None:
    """A load-failure reason with server paths cut to their last component: '/srv/models/marian' → '…/marian'."""
    return ABSOLUTE_PATH.sub(lambda m: "…/" + m.group(1), reason) if reason else reason


@router.get(
    "/v1/health",
    response_model=HealthBody,
    responses={503: {"model": HealthBody, "description": "Loading, or a model failed to load (see reason)."}},
)
def health(runtime: Runtime = Depends(get_runtime)):
    state = runtime.health()
    body = HealthBody(
        status=state.state,
        reason=without_paths(state.reason) or None,
        models=[model.model_copy(update={"path": None}) for model in state.models],
        load_seconds=state.load_seconds,
    )
    return JSONResponse(body.model_dump(mode="json"), status_code=200 if state.ready else 503)
