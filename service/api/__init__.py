"""The REST API (FastAPI) with the Gradio app mounted on it: one server, one Runtime (models + store).

``create_app()`` builds it; ``service.server.run_server()`` serves it with uvicorn. Routes live one module per
resource in ``service/api/routes/`` (listed in ``routes/__init__.py``); the UI in ``service/app``.
"""

from service.api.factory import create_app

__all__ = ["create_app"]
