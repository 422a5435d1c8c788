"""The banner at the top of the page: models loading / failed (with the reason) / ready."""

from __future__ import annotations

from html import escape

import gradio as gr

from service.app.context import AppContext
from service.plain_checks import model_label

POLL_SECONDS = 1.5


def render_status(ctx: AppContext) -> str:
    health = ctx.runtime.health()
    if health.state == "ready":
        models = ", ".join(f"{m.role}: {model_label(m)}" for m in health.models)
        return f'<div class="wb-status wb-ready" data-state="ready">Models ready — {escape(models)}</div>'
    if health.state == "loading":
        return '<div class="wb-status wb-loading" data-state="loading">Models are loading… requests will work once they are ready.</div>'
    return (
        '<div class="wb-status wb-failed" data-state="error"><b>Translation is not available:</b> the models could '
        "not be loaded. Tell the person who runs this service."
        f'<details class="wb-tech"><summary>Details</summary>{escape(health.reason)}</details></div>'
    )


def build(ctx: AppContext) -> None:
    banner = gr.HTML(render_status(ctx), elem_id="wb-status", js_on_load=None)
    timer = gr.Timer(POLL_SECONDS, active=True)

    def poll():
        state = ctx.runtime.health().state
        return render_status(ctx), gr.Timer(active=state == "loading")

    timer.tick(
        poll, outputs=[banner, timer], api_visibility="private", show_progress="hidden", concurrency_limit=None
    )
