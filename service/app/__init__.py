"""The Gradio app: tabs from ``service/app/tabs`` (one module each), a status banner, named API endpoints, mounted on
the FastAPI app at / by ``mount_ui``. Holds no logic the API/CLI also need: it calls ``Runtime`` and renders."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import gradio as gr

from service.app.context import AppContext

STATIC = Path(__file__).parent / "static"


def build_blocks(ctx: AppContext) -> gr.Blocks:
    from service.app import api_endpoints, status
    from service.app.tabs import tab_modules

    with gr.Blocks(title="wirebrief", analytics_enabled=False) as blocks:
        gr.Markdown("## wirebrief — French wire copy in English", elem_id="wb-title")
        status.build(ctx)
        with gr.Tabs() as tabs:
            ctx.shared["tabs"] = tabs
            for module in tab_modules():
                module.build(ctx)
        api_endpoints.register(ctx)
    return blocks


def batch_service(runtime, settings, workdir):
    """The batch jobs service, started (worker + resume of unfinished jobs); None without service/batch."""
    if importlib.util.find_spec("service.batch") is None:
        return None
    from service.app.batch_jobs import BatchService

    service = BatchService(runtime, settings, workdir)
    service.start()
    return service


def mount_ui(app, runtime, settings) -> gr.Blocks:
    ctx = AppContext(runtime=runtime, settings=settings)
    ctx.batch = batch_service(runtime, settings, ctx.workdir)
    blocks = build_blocks(ctx)
    blocks.queue(default_concurrency_limit=settings.concurrency, max_size=settings.queue_size)
    script = (STATIC / "wirebrief.js").read_text(encoding="utf-8")
    gr.mount_gradio_app(
        app,
        blocks,
        path="/",
        server_name=settings.host,
        server_port=settings.port,
        footer_links=["api"],
        run_history=False,
        max_file_size=settings.max_file_bytes,
        ssr_mode=False,
        mcp_server=False,
        css_paths=[STATIC / "wirebrief.css"],
        head=f"<script>{script}</script>",
    )
    return blocks
