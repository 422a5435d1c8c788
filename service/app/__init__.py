"""The Gradio app: tabs from ``service/app/tabs`` (one module each), a status banner, named API endpoints, mounted on
the FastAPI app at / by ``mount_ui``. Holds no logic the API/CLI also need: it calls ``Runtime`` and renders."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import gradio as gr

from service.app.context import AppContext

STATIC = Path(__file__).parent / "static"


def build_blocks(ctx: AppContext) -> gr.Blocks:
    from service.app import api_endpoints, status
    from service.app.tabs import tab_modules

    with gr.Blocks(title="wirebrief", analytics_enabled=False) as blocks:
        gr.HTML(
            '<a class="wb-skip" href="#wb-dispatch-glance-box">Skip to the results</a>', elem_id="wb-skip", js_on_load=None
        )
        gr.Markdown("## wirebrief — French wire copy in English", elem_id="wb-title")
        status.build(ctx)
        with gr.Tabs() as tabs:
            ctx.shared["tabs"] = tabs
            for module in tab_modules():
                module.build(ctx)
        api_endpoints.register(ctx)
    return blocks


def private_upload_dir() -> Path:
    """Where Gradio stores uploads: GRADIO_TEMP_DIR when the operator set it, else a private folder made once per
    process (mode 0700, generated name). Gradio reads the variable whenever it builds an app or a component."""
    configured = os.environ.get("GRADIO_TEMP_DIR")
    if configured:
        return Path(configured)
    folder = Path(tempfile.mkdtemp(prefix="wirebrief-uploads-"))
    os.environ["GRADIO_TEMP_DIR"] = str(folder)
    return folder


def upload_backstop_bytes(settings) -> int:
    """Gradio's own per-file limit: twice WIREBRIEF_MAX_FILE_BYTES. Files up to it reach the app, which refuses
    those over the setting with a message naming it; Gradio refuses larger ones at upload, unread."""
    return 2 * settings.max_file_bytes


def mount_ui(app, runtime, settings, *, batch=None, workdir: Path | None = None) -> gr.Blocks:
    from service.security import gradio_auth

    private_upload_dir()
    ctx = AppContext(runtime=runtime, settings=settings)
    if workdir is not None:
        ctx.workdir = workdir
    ctx.batch = batch
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
        max_file_size=upload_backstop_bytes(settings),
        ssr_mode=False,
        mcp_server=False,
        # Only gr.Error messages (ours, which name the cause) reach the page and gradio_client; any other
        # exception shows a generic error — no internals, no stack trace.
        show_error=False,
        auth=gradio_auth(settings),
        auth_message="wirebrief: sign in (WIREBRIEF_AUTH_USERNAME / WIREBRIEF_AUTH_PASSWORD)",
        css_paths=[STATIC / "wirebrief.css"],
        head=f"<script>{script}</script>",
    )
    # Gradio checks that a file payload names a file in its upload folder only once ``has_launched`` is set, which
    # ``launch()`` does and ``mount_gradio_app`` does not: without this any client could make the app read any
    # server file. ``service.app.uploads.uploaded_file`` checks the same again in every handler that opens one.
    blocks.has_launched = True
    app.state.ui_app = mounted_ui_app(app, blocks)  # service.edge checks web-login sessions against it
    return blocks


def mounted_ui_app(app, blocks: gr.Blocks):
    """The Gradio app ``gr.mount_gradio_app`` mounted for ``blocks`` (it holds the login sessions)."""
    from starlette.routing import Mount

    for route in app.routes:
        if isinstance(route, Mount) and getattr(route.app, "blocks", None) is blocks:
            return route.app
    raise RuntimeError("the Gradio app is not mounted")
