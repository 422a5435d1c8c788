"""Build the FastAPI app: error handlers, the /v1 routers, and the Gradio UI mounted at /.

The models start loading when the server starts (FastAPI lifespan → ``Runtime.start``, a background thread),
so the server answers at once: /v1/health says 503 "loading" until they are ready.
"""

from __future__ import annotations

import importlib.util
import tempfile
from contextlib import asynccontextmanager
from pathlib import Path

import anyio.to_thread
from fastapi import FastAPI

from service.api.body_limit import BodyLimitMiddleware
from service.api.errors import install_error_handlers
from service.api.routes import ROUTERS, fallback_router
from service.runtime import Runtime
from service.edge import install_edge
from service.security import check_exposure
from service.settings import Settings, get_settings

# Threads for everything but the queued requests (health, history, uploads, the UI's own events).
SPARE_THREADS = 32


def size_thread_pool(settings: Settings) -> None:
    """Sync endpoints (FastAPI and Gradio) run in anyio's default thread pool (40 threads). Requests waiting for a
    model slot hold a thread, so the pool must hold every admitted request, or requests past 40 would wait for a
    thread — unbounded, out of sight of WIREBRIEF_QUEUE_SIZE — instead of getting the 429 the limit promises."""
    limiter = anyio.to_thread.current_default_thread_limiter()
    limiter.total_tokens = max(limiter.total_tokens, settings.concurrency + settings.queue_size + SPARE_THREADS)


def batch_service(runtime: Runtime, settings: Settings, workdir: Path):
    """The batch jobs service (not started yet); None without service/batch."""
    if importlib.util.find_spec("service.batch") is None:
        return None
    from service.app.batch_jobs import BatchService

    return BatchService(runtime, settings, workdir)

API_VERSION = "1"


def create_app(
    settings: Settings | None = None,
    *,
    runtime: Runtime | None = None,
    ui: bool = True,
    start_loading: bool = True,
) -> FastAPI:
    settings = settings or get_settings()
    check_exposure(settings)  # before anything starts: no server on a public address without credentials
    runtime = runtime or Runtime(settings)
    workdir = Path(tempfile.mkdtemp(prefix="wirebrief-app-"))  # 0700, generated name: downloads, batch exports
    batch = batch_service(runtime, settings, workdir)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        size_thread_pool(settings)
        if start_loading:
            runtime.start()
        if batch is not None:
            batch.start()
        yield

    app = FastAPI(
        title="wirebrief",
        summary="French wire dispatches → faithful English translations, summaries and briefs.",
        version=API_VERSION,
        lifespan=lifespan,
        docs_url="/docs",
        openapi_url="/openapi.json",
    )
    app.state.runtime = runtime
    app.state.settings = settings
    app.state.batch = batch
    install_error_handlers(app)
    app.add_middleware(BodyLimitMiddleware, settings=settings)  # counts every body as it arrives
    install_edge(app, settings)  # Host/Origin allow-lists, CSRF, CORS, credentials, sign-in rate limit
    for router in ROUTERS:
        app.include_router(router)
    # Unknown /v1 paths answer JSON 404 here rather than falling through to the UI mounted at /.
    app.include_router(fallback_router)
    if ui:
        from service.app import mount_ui

        mount_ui(app, runtime, settings, batch=batch, workdir=workdir)
    return app
