"""`python -m service` / `python -m service serve`: the app + REST API under uvicorn on WIREBRIEF_HOST:PORT."""

from __future__ import annotations

import logging

from service.settings import Settings, get_settings


def run_server(settings: Settings | None = None) -> None:
    import uvicorn

    from service.api import create_app

    settings = settings or get_settings()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = create_app(settings)
    print(f"wirebrief: http://{settings.host}:{settings.port}/  (API docs at /docs; models load in the background)")
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="info", timeout_graceful_shutdown=5)
