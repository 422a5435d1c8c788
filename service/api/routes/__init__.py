"""The API's routers, one module per resource, each exposing ``router``. To add endpoints (e.g. editors'
briefs: ``POST /v1/brief``), add a module here and one entry to ``ROUTER_MODULES``."""

from __future__ import annotations

from importlib import import_module

from fastapi import APIRouter

from service.api.errors import error_response

ROUTER_MODULES = [
    "health",
    "models",
    "translate",
    "results",
    "brief",
    "glossary",
    "documents",
    "diff",
]

ROUTERS: list[APIRouter] = [import_module(f"{__name__}.{name}").router for name in ROUTER_MODULES]

fallback_router = APIRouter(include_in_schema=False)


@fallback_router.api_route("/v1/{path:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
async def unknown_endpoint(path: str):
    return error_response(404, "not_found", f"no endpoint /v1/{path}; see /docs for the API")
