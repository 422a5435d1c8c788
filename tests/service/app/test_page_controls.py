"""The page as built: every visible button is one the page means to show (a ``gr.Button(...)`` made while the
page is being built — e.g. an update dict prepared outside an event handler — lands on the page with Gradio's
default label "Run")."""

from __future__ import annotations

import gradio as gr

from service.app import build_blocks
from service.app.context import AppContext
from service.runtime import Runtime


def test_no_button_with_gradios_default_label(tiny_settings, tmp_path):
    settings = tiny_settings.model_copy(update={"db_path": tmp_path / "wb.sqlite3"})
    runtime = Runtime(settings, pipeline_factory=lambda _s: None)
    try:
        blocks = build_blocks(AppContext(runtime=runtime, settings=settings))
    finally:
        runtime.close()
    buttons = [b for b in blocks.blocks.values() if isinstance(b, gr.Button)]
    assert any(b.value == "Translate" for b in buttons)  # the page's own buttons are there
    default = [b for b in buttons if b.value == "Run" and b.visible is not False]
    assert not default, f"{len(default)} button(s) with Gradio's default label 'Run' on the page"


def test_the_glance_box_says_what_it_is_for_before_the_first_result(tiny_settings, tmp_path):
    settings = tiny_settings.model_copy(update={"db_path": tmp_path / "wb.sqlite3"})
    runtime = Runtime(settings, pipeline_factory=lambda _s: None)
    try:
        blocks = build_blocks(AppContext(runtime=runtime, settings=settings))
    finally:
        runtime.close()
    glance = next(b for b in blocks.blocks.values() if getattr(b, "elem_id", None) == "wb-dispatch-glance")
    assert "At a glance" in glance.value
