"""POST /v1/translate → Result; POST /v1/translate/stream → NDJSON events, then the Result.

Stream lines (one JSON object each): ``{"event": "progress", "stage", "done", "total", "message"}``,
``{"event": "paragraph", "total", "paragraph": {...}}`` as each paragraph is translated,
``{"event": "glance", "source": "first-paragraph", "label", "text"}`` once, right after the first paragraph (the
translated wire lede, shown "at a glance" until the summaries arrive),
``{"event": "summary", "preset", "done", "total", "summary": {...}}`` as each preset's summary is ready, and last
``{"event": "result", "result": {...}}`` — or, when the request's time limit came first, ``{"event": "partial",
"incomplete": {...}, "result": {...}}`` with the paragraphs done (send the same request again to finish the rest:
the done sentences come from the sentence cache) — or ``{"event": "error", "code", "message", "status"}`` if the run fails
after the stream started. Errors found before (bad input, models not ready) are ordinary JSON error responses.
"""

from __future__ import annotations

import json
from typing import AsyncIterator

import anyio.to_thread

from fastapi import APIRouter, Depends
from fastapi.responses import StreamingResponse

from service.api.deps import get_runtime
from service.api.schemas import ERROR_RESPONSES, TranslateRequest
from service.errors import WirebriefError
from service.result import Result
from service.runtime import Runtime, event_dict

router = APIRouter(tags=["translate"])

NDJSON = "application/x-ndjson"


def _options(body: TranslateRequest) -> dict:
    return {"summaries": body.summaries, "source_language": body.source_language, "summarizer": body.summarizer}


@router.post("/v1/translate", response_model=Result, responses=ERROR_RESPONSES)
def translate(body: TranslateRequest, runtime: Runtime = Depends(get_runtime)) -> Result:
    """Translate one dispatch and summarize it by the requested presets. Identical requests are served from the
    store (``extra.cache.hit``)."""
    return runtime.translate(body.text, **_options(body))


@router.post(
    "/v1/translate/stream",
    responses={**ERROR_RESPONSES, 200: {"content": {NDJSON: {}}, "description": "Newline-delimited JSON events."}},
)
def translate_stream(body: TranslateRequest, runtime: Runtime = Depends(get_runtime)) -> StreamingResponse:
    """Like /v1/translate, streamed: progress events and each paragraph as soon as it is translated; a partial result
    when the time limit comes first. A client that disconnects cancels the rest of the work (no further batches or
    summaries run for it)."""
    items = runtime.stream(body.text, partial=True, **_options(body))  # raises here for bad input / not ready

    async def lines() -> AsyncIterator[bytes]:
        # Starlette cancels this generator when the client disconnects; the thread waiting for the next item is
        # abandoned (it ends with the work), and ``finally`` cancels the work itself.
        try:
            while True:
                item = await anyio.to_thread.run_sync(next, items, None, abandon_on_cancel=True)
                if item is None:
                    return
                yield (json.dumps(event_dict(item), ensure_ascii=False) + "\n").encode("utf-8")
        except WirebriefError as exc:
            error = {"event": "error", "status": exc.status, **exc.to_dict()}
            yield (json.dumps(error) + "\n").encode("utf-8")
        except Exception as exc:  # the stream has started: report in-band, the status line is already sent
            error = {"event": "error", "status": 500, "code": "internal", "message": f"internal error ({type(exc).__name__})"}
            yield (json.dumps(error) + "\n").encode("utf-8")
        finally:
            items.cancel()

    return StreamingResponse(lines(), media_type=NDJSON, headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})
