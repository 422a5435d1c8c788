"""GET /v1/results (recent history) and GET /v1/results/{id} (reopen a stored Result)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query

from service.api.deps import get_runtime
from service.api.schemas import ErrorBody, StoredResultBody
from service.errors import NotFound
from service.result import Result
from service.runtime import Runtime

router = APIRouter(tags=["history"])


@router.get("/v1/results", response_model=list[StoredResultBody])
def recent(
    limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0), runtime: Runtime = Depends(get_runtime)
) -> list[StoredResultBody]:
    return [StoredResultBody(**vars(row)) for row in runtime.store.recent(limit, offset)]


@router.get("/v1/results/{result_id}", response_model=Result, responses={404: {"model": ErrorBody}})
def get_result(result_id: str, runtime: Runtime = Depends(get_runtime)) -> Result:
    result = runtime.result(result_id)
    if result is None:
        raise NotFound(f"no stored result with id {result_id!r}")
    return result
