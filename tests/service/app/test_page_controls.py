"""The page as built, before any run: every visible button is one the page means to show (a ``gr.Button(...)`` made
while the page is being built — e.g. an update dict prepared outside an event handler — lands on the page with
Gradio's default label "Run"), and the empty "at a glance" box says what it is for."""

from __future__ import annotations

import gradio as gr
import pytest

from service.app import build_blocks
from service.app.context import AppContext
from service.runtime import Runtime


@pytest.fixture(scope="module")
def blocks(tiny_settings, tmp_path_factory):
    settings = tiny_settings.model_copy(update={"db_path": tmp_path_factory.mktemp("page") / "wb.sqlite3"})
    runtime = Runtime(settings, pipeline_factory=lambda _s: None)
    try:
        yield build_blocks(AppContext(runtime=runtime, settings=settings))
    finally:
        runtime.close()


def test_no_button_with_gradios_default_label(blocks):
    buttons = [b for b in blocks.blocks.values() if isinstance(b, gr.Button)]
    assert any(b.value == "Translate" for b in buttons)  # the page's own buttons are there
    default = [b for b in buttons if b.value == "Run" and b.visible is not False]
    assert not default, f"{len(default)} button(s) with Gradio's default label 'Run' on the page"


def test_the_glance_box_says_what_it_is_for_before_the_first_result(blocks):
    glance = next(b for b in blocks.blocks.values() if getattr(b, "elem_id", None) == "wb-dispatch-glance")
    assert "At a glance" in glance.value
