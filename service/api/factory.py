"""Build the FastAPI app: error handlers, the /v1 routers, and the Gradio UI mounted at /.

The models start loading when the server starts (FastAPI lifespan → ``Runtime.start``, a background thread),
so the server answers at once: /v1/health says 503 "loading" until they are ready.
"""

from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import FastAPI

from service.api.errors import install_error_handlers
from service.api.routes import ROUTERS, fallback_router
from service.runtime import Runtime
from service.settings import Settings, get_settings

API_VERSION = "1"


def create_app(
    settings: Settings | None = None,
    *,
    runtime: Runtime | None = None,
    ui: bool = True,
    start_loading: bool = True,
) -> FastAPI:
    settings = settings or get_settings()
    runtime = runtime or Runtime(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        if start_loading:
            runtime.start()
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
    install_error_handlers(app)
    for router in ROUTERS:
        app.include_router(router)
    # Unknown /v1 paths answer JSON 404 here rather than falling through to the UI mounted at /.
    app.include_router(fallback_router)
    if ui:
        from service.app import mount_ui

        mount_ui(app, runtime, settings)
    return app
