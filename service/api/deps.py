"""FastAPI dependencies shared by the routers."""

from __future__ import annotations

from fastapi import Request

from service.runtime import Runtime


def get_runtime(request: Request) -> Runtime:
    return request.app.state.runtime
