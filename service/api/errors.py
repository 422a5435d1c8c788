"""Every error the API returns is JSON ``{"code", "message"}`` with the HTTP status of its cause.

An unexpected exception becomes a JSON 500 in ``UnhandledErrors``, a pure ASGI middleware that does *not* re-raise:
Starlette's outermost ``ServerErrorMiddleware`` (where an ``exception_handler(Exception)`` would run) sends the
500 and then re-raises, and uvicorn answers an exception escaping the app after the response started by closing
the socket — so the client's next request on the same keep-alive connection was reset.
"""

from __future__ import annotations

import logging
import sqlite3

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from service.api.body_limit import BodyRefused
from service.errors import WirebriefError

log = logging.getLogger("wirebrief.api")

HTTP_CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 413: "too_large", 415: "unsupported_media"}


def error_response(status: int, code: str, message: str, **extra) -> JSONResponse:
    return JSONResponse({"code": code, "message": message, **extra}, status_code=status)


def describe_validation(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "body"
        parts.append(f"{where}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "the request body is not valid"


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(WirebriefError)
    async def _wirebrief(_request: Request, exc: WirebriefError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message)

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(422, "invalid_input", describe_validation(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = HTTP_CODES.get(exc.status_code, "http_error")
        return error_response(exc.status_code, code, str(exc.detail))

    @app.exception_handler(sqlite3.Error)
    async def _store_failed(_request: Request, exc: sqlite3.Error) -> JSONResponse:
        log.exception("the store failed")
        return error_response(
            503, "storage_failed", f"the server's store cannot be read or written ({exc}); see /v1/health for the cause"
        )

    @app.exception_handler(BodyRefused)
    async def _body_refused(_request: Request, exc: BodyRefused) -> JSONResponse:
        return error_response(exc.status_code, exc.code, exc.message)

    app.add_middleware(UnhandledErrors)


class UnhandledErrors:
    """Any exception escaping the routes (the Gradio app included) → the JSON 500, logged, and the exception ends
    here, so the server keeps the connection. Only when the response had already started (a stream that failed
    midway) must the connection close: then the exception goes on to uvicorn."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracked_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracked_send)
        except Exception as exc:
            if started:
                raise
            log.exception("unhandled error")
            response = error_response(500, "internal", f"internal error ({type(exc).__name__}); see the server log")
            await response(scope, receive, send)
