"""Dispatch view: paste or upload one dispatch, translate it with progress by stage and paragraph-by-paragraph
streaming, then read it side by side with summaries, warnings, copy buttons and downloads."""

from __future__ import annotations

import logging
import time

import gradio as gr

from service.app.context import AppContext
from service.app.result_view import ResultView
from service.app.uploads import UPLOAD_TYPES, read_upload
from service.app.views import render_error, render_progress
from service.errors import WirebriefError
from service.events import ParagraphReady, Progress
from service.result import Paragraph, Result

PRESET_CHOICES = [
    ("Headline", "headline"),
    ("Lede", "lede"),
    ("Bullets", "bullets"),
    ("Paragraph", "paragraph"),
]
SUMMARIZER_CHOICES = [
    ("Model", "model"),
    ("Extractive: lead", "extractive-lead"),
    ("Extractive: central sentences", "extractive-centrality"),
]
log = logging.getLogger("wirebrief.app")
# Progress events can arrive hundreds of times a second on short sentences; the page needs a few per second.
MIN_UPDATE_SECONDS = 0.2


def language_choices(ctx: AppContext) -> list[tuple[str, str]]:
    choices = [("Detect automatically", ""), ("French", "fr"), ("English (no translation)", "en")]
    return choices + [(code, code) for code in ctx.settings.routes if code not in ("fr", "en", "mul")]


def build(ctx: AppContext) -> None:
    with gr.Tab("Dispatch", id="dispatch"):
        with gr.Row():
            with gr.Column(scale=3):
                text = gr.Textbox(
                    label="Dispatch",
                    lines=10,
                    max_lines=24,
                    placeholder="Paste a wire dispatch (French or another supported language)…",
                    elem_id="wb-dispatch-text",
                )
                upload = gr.File(
                    label="…or upload a file (.txt, .md, .docx, .html)",
                    file_types=UPLOAD_TYPES,
                    type="filepath",
                    height=130,
                    elem_id="wb-dispatch-upload",
                )
                upload_note = gr.Markdown("", elem_id="wb-dispatch-upload-note")
            with gr.Column(scale=1, min_width=240):
                presets = gr.CheckboxGroup(
                    PRESET_CHOICES, value=[v for _, v in PRESET_CHOICES], label="Summaries", elem_id="wb-presets"
                )
                language = gr.Dropdown(language_choices(ctx), value="", label="Source language", elem_id="wb-language")
                summarizer = gr.Dropdown(SUMMARIZER_CHOICES, value="model", label="Summarizer", elem_id="wb-summarizer")
                run = gr.Button("Translate", variant="primary", elem_id="wb-run")
        progress = gr.HTML("", elem_id="wb-dispatch-progress", js_on_load=None)
        view = ResultView(ctx, prefix="wb-dispatch")

        def on_upload(path: str | None):
            if not path:
                return gr.skip(), ""
            try:
                content, notes = read_upload(path, ctx.settings, ctx.runtime)
            except WirebriefError as exc:
                return gr.skip(), f"**Could not read the file:** {exc.message}"
            note = "Loaded the file" + (f" — {'; '.join(notes)}." if notes else ".")
            return content, note

        upload.upload(on_upload, inputs=upload, outputs=[text, upload_note], api_visibility="private")

        def on_run(dispatch: str, wanted: list[str], lang: str, method: str):
            try:
                items = ctx.runtime.stream(dispatch, summaries=wanted or [], source_language=lang or None, summarizer=method)
            except WirebriefError as exc:
                yield {progress: render_error(exc.message), **view.clear()}
                return
            yield {progress: render_progress(None), **view.clear()}
            paragraphs: dict[int, Paragraph] = {}
            total = 0
            last_event: Progress | None = None
            last_yield = 0.0
            started = time.perf_counter()
            try:
                for item in items:
                    if isinstance(item, Result):
                        took = time.perf_counter() - started
                        note = "served from history" if item.extra.get("cache", {}).get("hit") else f"{took:.1f} s"
                        yield {progress: render_progress(None, note, done=True), **view.show(item)}
                        return
                    if isinstance(item, ParagraphReady):
                        paragraphs[item.paragraph.index] = item.paragraph
                        total = item.total_paragraphs
                        ordered = [paragraphs[i] for i in sorted(paragraphs)]
                        yield {progress: render_progress(last_event), **view.streaming(ordered, total)}
                        last_yield = time.perf_counter()
                    elif isinstance(item, Progress):
                        last_event = item
                        if time.perf_counter() - last_yield >= MIN_UPDATE_SECONDS:
                            last_yield = time.perf_counter()
                            yield {progress: render_progress(item)}
            except WirebriefError as exc:
                yield {progress: render_error(exc.message)}
            except Exception as exc:  # shown, not swallowed: the page must never wait forever
                log.exception("dispatch run failed")
                yield {progress: render_error(f"internal error ({type(exc).__name__}: {exc}); see the server log")}
            finally:  # the page went away (Gradio closes the generator): stop the work nobody waits for
                items.cancel()

        run.click(
            on_run,
            inputs=[text, presets, language, summarizer],
            outputs=[progress, *view.outputs],
            show_progress="hidden",
            api_visibility="private",
            concurrency_limit=ctx.settings.concurrency,
        )
