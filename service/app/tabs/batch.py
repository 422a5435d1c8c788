"""Batch view (placeholder until service/batch lands on main)."""

from __future__ import annotations

import gradio as gr

from service.app.context import AppContext


def build(ctx: AppContext) -> None:
    with gr.Tab("Batch", id="batch"):
        gr.Markdown("Batch jobs: coming with service/batch.")
