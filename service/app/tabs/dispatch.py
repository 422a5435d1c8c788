"""Dispatch view: paste or upload one dispatch, translate it with progress by stage and paragraph-by-paragraph
streaming, then read it side by side with summaries, warnings, copy buttons and downloads."""

from __future__ import annotations

import logging
import threading
import time

import gradio as gr

from service.app.compare_link import CompareLink
from service.app.context import AppContext
from service.app.result_view import ResultView
from service.app.uploads import UPLOAD_TYPES, read_upload
from service.app.messages import plain_message, render_reader_error
from service.app.views import render_progress, translation_eta
from service.errors import WirebriefError
from service.events import Glance, ParagraphReady, Progress, SummaryReady
from service.result import Paragraph, Result, Summary

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


def char_counter(limit: int) -> str:
    """Filled in by static/wirebrief.js as the reader types (the server checks the same limit)."""
    return (
        f'<div class="wb-char-count" id="wb-char-count" data-limit="{limit}" aria-live="polite">'
        f"0 / {limit:,} characters</div>"
    )


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
                gr.HTML(char_counter(ctx.settings.max_chars), elem_id="wb-dispatch-count", js_on_load=None)
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
        view = ResultView(ctx, prefix="wb-dispatch", controls=True)
        link = CompareLink(ctx)
        progress, stop, resume = view.progress, view.stop, view.resume
        last_request = gr.State(None)
        stops: dict[str, threading.Event] = ctx.shared.setdefault("dispatch_stops", {})

        def on_upload(path: str | None):
            if not path:
                return gr.skip(), ""
            try:
                content, notes = read_upload(path, ctx.settings, ctx.runtime)
            except WirebriefError as exc:
                return gr.skip(), f"**Could not read the file:** {plain_message(exc)}"
            note = "Loaded the file" + (f" — {'; '.join(notes)}." if notes else ".")
            return content, note

        upload.upload(on_upload, inputs=upload, outputs=[text, upload_note], api_visibility="private")

        def idle() -> dict:
            """The controls after a run. Built per event: a ``gr.Button(...)`` made while the page is being built
            would be a new button on the page (it was: a stray "Run" under the tabs)."""
            return {run: gr.Button(interactive=True), stop: gr.Button(visible=False)}

        def execute(request_args: tuple, session: str):
            """One run: the controls locked while it runs, Stop wired to it, the result (or what is done) shown."""
            dispatch, wanted, lang, method = request_args
            stop_event = threading.Event()
            try:
                items = ctx.runtime.stream(
                    dispatch, summaries=wanted or [], source_language=lang or None, summarizer=method,
                    partial=True, stop=stop_event,
                )
            except WirebriefError as exc:
                yield {progress: render_reader_error(exc), resume: gr.Button(visible=False), **idle(), **view.clear(),
                       **link.clear()}
                return
            stops[session] = stop_event
            busy = {run: gr.Button(interactive=False), stop: gr.Button(visible=True, interactive=True),
                    resume: gr.Button(visible=False)}
            yield {progress: render_progress(None), last_request: request_args, **busy, **view.clear(), **link.clear()}
            paragraphs: dict[int, Paragraph] = {}
            glance: Glance | None = None
            summaries: dict[str, Summary] = {}
            total_paragraphs = 0
            last_event: Progress | None = None
            last_yield = 0.0
            started = time.perf_counter()
            translating_since: float | None = None
            try:
                for item in items:
                    now = time.perf_counter()
                    if isinstance(item, Result):
                        took = now - started
                        info = item.extra.get("incomplete")
                        if item.extra.get("cache", {}).get("hit"):
                            note = "served from history"
                        else:
                            note = f"{took:.1f} s" + (" — not finished" if info else "")
                        update = {progress: render_progress(None, note, done=True), **idle(), **view.show(item),
                                  **link.show(item)}
                        update[resume] = gr.Button(visible=bool(info))
                        yield update
                        return
                    if isinstance(item, ParagraphReady):
                        paragraphs[item.paragraph.index] = item.paragraph
                        total_paragraphs = item.total_paragraphs
                        ordered = [paragraphs[i] for i in sorted(paragraphs)]
                        eta = translation_eta(last_event, translating_since, now) if last_event else None
                        yield {
                            progress: render_progress(last_event, eta=eta),
                            **view.streaming(
                                ordered, item.total_paragraphs, wants_summaries=bool(wanted), glance=glance,
                                summaries=summaries,
                            ),
                        }
                        last_yield = now
                    elif isinstance(item, (Glance, SummaryReady)):
                        # the gist as it comes: the wire lede at once, then each summary the moment it is ready
                        if isinstance(item, Glance):
                            glance = item
                        else:
                            summaries[item.summary.preset] = item.summary
                        ordered = [paragraphs[i] for i in sorted(paragraphs)]
                        update = view.glance_update(ordered, total_paragraphs, bool(wanted), glance, summaries)
                        if last_event is not None and isinstance(item, SummaryReady):
                            update[progress] = render_progress(Progress("summarizing", item.done, item.total))
                        yield update
                        last_yield = now
                    elif isinstance(item, Progress):
                        if item.stage == "translating" and translating_since is None:
                            translating_since = now
                        last_event = item
                        if now - last_yield >= MIN_UPDATE_SECONDS:
                            last_yield = now
                            yield {progress: render_progress(item, eta=translation_eta(item, translating_since, now))}
            except WirebriefError as exc:
                yield {progress: render_reader_error(exc), **idle()}
            except Exception as exc:  # shown, not swallowed: the page must never wait forever
                log.exception("dispatch run failed")
                yield {
                    progress: render_reader_error(
                        plain="Something went wrong on the server and the dispatch was not translated. Try again; "
                        "if it happens again, tell the person who runs this service.",
                        detail=f"{type(exc).__name__}: {exc} (full trace in the server log)",
                    ),
                    **idle(),
                }
            finally:  # the page went away (Gradio closes the generator): stop the work nobody waits for
                items.cancel()
                if stops.get(session) is stop_event:
                    del stops[session]

        def on_run(dispatch: str, wanted: list[str], lang: str, method: str, request: gr.Request):
            yield from execute((dispatch, list(wanted or []), lang, method), _session(request))

        def on_continue(previous: tuple | None, request: gr.Request):
            if not previous:
                yield {resume: gr.Button(visible=False)}
                return
            yield from execute(tuple(previous), _session(request))

        def on_stop(request: gr.Request):
            event = stops.get(_session(request))
            if event is not None:
                event.set()
            return gr.Button(interactive=False)

        outputs = [progress, run, stop, resume, last_request, *view.outputs, *link.outputs]
        ran = run.click(
            on_run,
            inputs=[text, presets, language, summarizer],
            outputs=outputs,
            show_progress="hidden",
            api_visibility="private",
            concurrency_limit=ctx.settings.concurrency,
        )
        link.then_offer(ran)
        resumed = resume.click(
            on_continue,
            inputs=[last_request],
            outputs=outputs,
            show_progress="hidden",
            api_visibility="private",
            concurrency_limit=ctx.settings.concurrency,
        )
        link.then_offer(resumed)
        stop.click(on_stop, outputs=[stop], api_visibility="private", show_progress="hidden", concurrency_limit=None)


def _session(request: gr.Request | None) -> str:
    return getattr(request, "session_hash", None) or "anonymous"
