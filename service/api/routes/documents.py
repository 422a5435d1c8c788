"""Uploads over REST: ``POST /v1/documents/read`` (one file → its text, as the Dispatch view's upload) and
``POST /v1/batch`` (files → a batch job, as the Batch view), ``GET /v1/batch/{job_id}`` (its progress).

Limits are checked where the bytes arrive, before any work is queued: the request body against
WIREBRIEF_MAX_FILE_BYTES (× WIREBRIEF_MAX_BATCH_FILES) while it streams in (``service.api.body_limit``), the
number of files, then each file as it is read (refused as soon as it passes the limit). Reading a document costs
CPU, so it waits for a slot like a translation (``Runtime.slot``: 429 when WIREBRIEF_QUEUE_SIZE requests already
wait), under the parser budget (``service.batch.budget``), and the text it gives is held to WIREBRIEF_MAX_CHARS. A client's file name is only a label
(``service.limits.safe_label``): nothing is ever opened or fetched by a name or URL a client sends.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException

from service.api.deps import get_runtime
from service.api.schemas import ERROR_RESPONSES
from service.errors import InputError, ModelUnavailable, NotFound
from service.dispatch_files import read_dispatch_file
from service.limits import check_file_count, read_limited, safe_label
from service.runtime import Runtime

router = APIRouter(tags=["documents"])

MULTIPART = {"requestBody": {"content": {"multipart/form-data": {"schema": {"type": "object"}}}}}


async def _form(request: Request, files: int):
    """The multipart form (its byte limit is enforced as it streams in, by ``BodyLimitMiddleware``)."""
    try:
        return await request.form(max_files=files + 1, max_fields=20)
    except HTTPException:  # BodyTooLarge (413) from the body limit
        raise
    except Exception as exc:  # starlette's MultiPartException / malformed bodies
        raise InputError(f"not a valid multipart/form-data upload ({exc})", code="invalid_input") from None


def _uploads(form, field: str) -> list[UploadFile]:
    values = form.getlist(field)
    if any(not isinstance(v, UploadFile) for v in values):
        raise InputError(f"the {field!r} field must be a file upload, not text", code="invalid_input")
    return values


@router.post("/v1/documents/read", responses=ERROR_RESPONSES, openapi_extra=MULTIPART)
async def read_document_upload(request: Request, runtime: Runtime = Depends(get_runtime)):
    """One uploaded file (field ``file``: .txt, .md, .docx, .html) → ``{name, text, notes}``."""
    settings = request.app.state.settings
    form = await _form(request, 1)
    uploads = _uploads(form, "file")
    if len(uploads) != 1:
        raise InputError(f"send exactly one file in the 'file' field (got {len(uploads)})", code="invalid_input")
    upload = uploads[0]
    name = safe_label(upload.filename)
    data = await run_in_threadpool(read_limited, upload.file, name, settings)
    text, notes = await run_in_threadpool(read_dispatch_file, settings, name, data, runtime)
    return {"name": name, "text": text, "notes": notes}


@router.post("/v1/batch", responses=ERROR_RESPONSES, openapi_extra=MULTIPART)
async def submit_batch(request: Request, runtime: Runtime = Depends(get_runtime)):
    """Files (field ``files``, repeated; or one CSV/JSONL with a text column) → a batch job. Optional form fields:
    ``text_column``, ``id_column`` (the rows' own ids; detected when named id/slug/…), ``summaries``
    (comma-separated presets), ``summarizer``. Returns ``{job_id, total, done,
    errors}``; the job runs in the background (``GET /v1/batch/{job_id}``)."""
    settings = request.app.state.settings
    batch = request.app.state.batch
    if batch is None:
        raise ModelUnavailable("batch jobs are not available in this server", code="unavailable")
    runtime.pipeline  # 503 with the reason before reading anything
    form = await _form(request, settings.max_batch_files)
    uploads = _uploads(form, "files")
    check_file_count(len(uploads), settings)
    files = []
    for upload in uploads:
        name = safe_label(upload.filename)
        files.append((name, await run_in_threadpool(read_limited, upload.file, name, settings)))
    summaries = [s.strip() for s in str(form.get("summaries") or "").split(",") if s.strip()]
    job_id = await run_in_threadpool(
        lambda: batch.submit_files(
            files,
            text_column=str(form.get("text_column") or "") or None,
            id_column=str(form.get("id_column") or "") or None,
            summaries=summaries,
            summarizer=str(form.get("summarizer") or "model"),
        )
    )
    return _job_body(batch, job_id)


@router.get("/v1/batch/{job_id}", responses=ERROR_RESPONSES)
def batch_status(job_id: str, request: Request):
    """A batch job's progress: ``{job_id, state, total, done, errors}``."""
    batch = request.app.state.batch
    if batch is None:
        raise ModelUnavailable("batch jobs are not available in this server", code="unavailable")
    return _job_body(batch, job_id)


def _job_body(batch, job_id: str) -> dict:
    try:
        info = batch.job(job_id)
    except (KeyError, LookupError, NotFound):
        raise NotFound(f"no batch job with id {job_id!r}") from None
    if info is None:
        raise NotFound(f"no batch job with id {job_id!r}")
    return {
        "job_id": job_id,
        "state": batch.state(job_id),
        "total": info.total,
        "done": info.done,
        "errors": info.errors,
    }
