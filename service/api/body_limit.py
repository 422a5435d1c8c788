"""One byte limit per route, enforced while the request body streams in (pure ASGI middleware).

A limit checked after the body is read comes too late: a chunked upload without Content-Length was spooled in
full (183 MiB of temp file for a 300 MB body) and a 400 MB JSON body raised the RSS by 1.15 GB before the 413.
Here every request's body is counted as it arrives, with or without Content-Length: a declared length over the
route's limit is refused unread, and a body that passes the limit stops being read at once — the route (FastAPI,
Starlette's multipart parser, Gradio's upload route) gets ``BodyTooLarge`` from ``receive`` and the client a 413
naming the setting.

The same pass refuses a JSON body whose strings hold a lone UTF-16 surrogate (``"\\ud800"``): valid JSON, but not
Unicode text — it used to fail deep inside as a 500; now it is a 422 saying where, before any route runs.

Routes and their limits (``route_limit``): the single-file upload ``/v1/documents/read``, the batch uploads
(``/v1/batch`` and Gradio's ``/gradio_api/upload``, which takes the batch view's files too), and every other
request (JSON bodies, Gradio's event calls): WIREBRIEF_MAX_JSON_BYTES.
"""

from __future__ import annotations

import json
import re

from starlette.exceptions import HTTPException

from service.limits import MULTIPART_SLACK_BYTES
from service.settings import Settings

SINGLE_FILE_ROUTES = ("/v1/documents/read",)
BATCH_ROUTES = ("/v1/batch", "/gradio_api/upload")


class BodyRefused(HTTPException):
    """Raised from ``receive``: an HTTPException so that FastAPI's body parsing and Gradio's upload route let it
    through unchanged; the API answers it as ``{code, message}`` with its status."""

    code = "invalid_input"

    def __init__(self, status: int, message: str):
        self.message = message
        super().__init__(status_code=status, detail=message)


class BodyTooLarge(BodyRefused):
    code = "limit_exceeded"

    def __init__(self, setting: str, limit: int, actual: int, declared: bool):
        what = "the request body in bytes" + ("" if declared else " (at least)")
        super().__init__(413, f"{what} is {actual:,} but the limit is {limit:,} (setting {setting})")


class InvalidText(BodyRefused):
    def __init__(self, where: str, position: int):
        super().__init__(
            422,
            f"{where} holds an invalid character at position {position}: a lone UTF-16 surrogate (\\ud800–\\udfff), "
            "which is not text; remove it (or copy the text again from its source)",
        )


_SURROGATE = re.compile("[\ud800-\udfff]")


def check_json_text(body: bytes) -> None:
    """``InvalidText`` when a string (key or value) of the JSON ``body`` holds a lone surrogate. A body that is not
    JSON is left to the route, which says so."""
    if b"\\u" not in body and b"\\U" not in body:  # a surrogate can only arrive as a \u escape
        return
    try:
        value = json.loads(body)
    except (ValueError, RecursionError):
        return
    stack: list[tuple[object, str]] = [(value, "the request body")]
    while stack:
        item, where = stack.pop()
        if isinstance(item, str):
            found = _SURROGATE.search(item)
            if found:
                raise InvalidText(where, found.start())
        elif isinstance(item, dict):
            for key, child in item.items():
                stack.append((key, f"a field name in {where}"))
                stack.append((child, f"the field {key!r}" if isinstance(key, str) and not _SURROGATE.search(key) else where))
        elif isinstance(item, list):
            stack.extend((child, f"{where}[{i}]") for i, child in enumerate(item))


def _chunked(scope) -> bool:
    return any(name == b"transfer-encoding" and b"chunked" in value.lower() for name, value in scope.get("headers", ()))


def _is_json(scope) -> bool:
    for name, value in scope.get("headers", ()):
        if name == b"content-type":
            return b"json" in value.lower()
    return False


def route_limit(path: str, settings: Settings) -> tuple[int, str]:
    """(bytes allowed, the setting that says so) for a request to ``path``."""
    if path in SINGLE_FILE_ROUTES:
        return settings.max_file_bytes + MULTIPART_SLACK_BYTES, "WIREBRIEF_MAX_FILE_BYTES"
    if path in BATCH_ROUTES:
        return (
            settings.max_batch_files * (settings.max_file_bytes + MULTIPART_SLACK_BYTES),
            "WIREBRIEF_MAX_FILE_BYTES × WIREBRIEF_MAX_BATCH_FILES",
        )
    return settings.max_json_bytes, "WIREBRIEF_MAX_JSON_BYTES"


def _declared_length(scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _send_json(send, status: int, payload: dict, close: bool = False) -> None:
    body = json.dumps(payload).encode("utf-8")
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    if close:
        headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _send_413(send, error: BodyTooLarge) -> None:
    # The rest of the body is never read, so this connection cannot carry another request.
    await _send_json(send, 413, {"code": "limit_exceeded", "message": error.message}, close=True)


class BodyLimitMiddleware:
    def __init__(self, app, settings: Settings):
        self.app = app
        self.settings = settings

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit, setting = route_limit(scope["path"], self.settings)
        declared = _declared_length(scope)
        if declared is not None and declared > limit:
            await _send_413(send, BodyTooLarge(setting, limit, declared, declared=True))
            return
        received = 0
        started = False
        body_done = declared == 0 or (declared is None and not _chunked(scope))  # a request without a body
        json_body: list[bytes] | None = [] if _is_json(scope) else None

        async def limited_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                nonlocal body_done
                chunk = message.get("body", b"")
                body_done = not message.get("more_body", False)
                received += len(chunk)
                if received > limit:
                    raise BodyTooLarge(setting, limit, received, declared=False)
                if json_body is not None:
                    json_body.append(chunk)
                    if not message.get("more_body", False):
                        check_json_text(b"".join(json_body))
            return message

        async def tracked_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                # A refusal sent before the body was read to its end (ours, Gradio's per-file limit, a 401): the
                # server would otherwise go on draining the unread rest, however long the client sends.
                if not body_done and message.get("status", 200) >= 400:
                    message = {**message, "headers": [*message.get("headers", []), (b"connection", b"close")]}
            await send(message)

        try:
            await self.app(scope, limited_receive, tracked_send)
        except BodyTooLarge as error:
            if started:
                raise
            await _send_413(send, error)
        except InvalidText as error:
            if started:
                raise
            await _send_json(send, 422, {"code": "invalid_input", "message": error.message})
