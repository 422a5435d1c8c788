"""Batch view: upload many files (or one CSV/JSONL with a text column, chosen here when ambiguous), follow the
progress over documents, read the results table, download everything as a ZIP. Jobs live in the SQLite job
store: the list below shows earlier jobs (also after a restart, which resumes unfinished ones)."""

from __future__ import annotations

import datetime as dt
import time
from html import escape

import gradio as gr

from service.app.context import AppContext
from service.app.messages import plain_message, render_reader_error
from service.app.result_view import ResultView
from service.app.tabs.dispatch import PRESET_CHOICES, SUMMARIZER_CHOICES
from service.errors import WirebriefError

FILE_TYPES = [".txt", ".md", ".docx", ".html", ".htm", ".csv", ".jsonl"]
RESULT_HEADERS = ["#", "Document", "First line", "Language", "Headline", "Warnings", "Status"]
JOB_HEADERS = ["Created", "Files", "Documents", "Done", "Errors", "Status", "Job id"]
POLL_SECONDS = 0.5


def clip(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def progress_html(done: int, errors: int, total: int, state: str, note: str = "") -> str:
    finished = done + errors
    return (
        f'<div class="wb-progress wb-batch-progress" data-state="{escape(state)}">'
        f'<progress value="{finished}" max="{max(total, 1)}"></progress>'
        f'<span class="wb-progress-message">{finished}/{total} documents ({done} done, {errors} errors) — '
        f"{escape(state)}</span><span>{escape(note)}</span></div>"
    )


def build(ctx: AppContext) -> None:
    service = ctx.batch
    with gr.Tab("Batch", id="batch") as tab:
        if service is None:
            gr.Markdown("Batch jobs are not available in this installation (service/batch is missing).")
            return
        with gr.Row():
            with gr.Column(scale=3):
                files = gr.File(
                    label="Files (.txt, .md, .docx, .html), or one CSV/JSONL with a text column",
                    file_count="multiple",
                    file_types=FILE_TYPES,
                    type="filepath",
                    elem_id="wb-batch-files",
                )
                column = gr.Dropdown(
                    choices=[], value=None, label="Text column", visible=False, allow_custom_value=False,
                    elem_id="wb-batch-column",
                )
                column_note = gr.Markdown("", elem_id="wb-batch-column-note")
            with gr.Column(scale=1, min_width=240):
                presets = gr.CheckboxGroup(
                    PRESET_CHOICES, value=["headline"], label="Summaries", elem_id="wb-batch-presets"
                )
                summarizer = gr.Dropdown(SUMMARIZER_CHOICES, value="model", label="Summarizer")
                start = gr.Button("Start batch", variant="primary", elem_id="wb-batch-start")
        job_id = gr.State("")
        progress = gr.HTML("", elem_id="wb-batch-progress", js_on_load=None)
        results = gr.Dataframe(
            headers=RESULT_HEADERS, value=[], type="array", interactive=False, wrap=True, max_height=420,
            column_widths=["4%", "14%", "30%", "7%", "30%", "7%", "8%"], elem_id="wb-batch-results",
        )
        download = gr.DownloadButton("Download ZIP (Markdown + CSV + JSONL)", visible=False, elem_id="wb-batch-zip")
        doc_note = gr.Markdown("Select a finished document in the table to read it side by side.", elem_id="wb-batch-doc-note")
        view = ResultView(ctx, prefix="wb-batch-doc")
        with gr.Accordion("Earlier jobs", open=True):
            jobs = gr.Dataframe(
                headers=JOB_HEADERS, value=[], type="array", interactive=False, wrap=True, max_height=260,
                column_widths=["13%", "30%", "9%", "7%", "7%", "10%", "24%"], elem_id="wb-batch-jobs",
            )

        def job_rows():
            rows = []
            for job in service.jobs():
                when = dt.datetime.fromtimestamp(job.created_at).strftime("%Y-%m-%d %H:%M")
                rows.append([when, job.label, job.total, job.done, job.errors, service.state(job.id), job.id])
            return rows

        def result_rows(jid: str):
            return [
                [d.position + 1, f"{d.name} · id {d.source_id}" if d.source_id else d.name, d.first_line, d.language, clip(d.headline),
                 "" if d.warnings is None else d.warnings, d.status if not d.error else f"{d.status}: {d.error}"]
                for d in service.documents(jid)
            ]

        def cleared() -> dict:
            """A new set of files: the previous job's progress, table, ZIP and open document go."""
            return {
                job_id: "", progress: "", results: [], download: gr.DownloadButton(value=None, visible=False),
                **view.clear(),
            }

        def on_files(paths):
            fresh = cleared()
            if not paths:
                return {column: gr.Dropdown(visible=False, choices=[], value=None), column_note: "", **fresh}
            column_update, note = choose_column(paths)
            return {column: column_update, column_note: note, **fresh}

        def choose_column(paths):
            try:
                found = service.text_columns(paths)
            except WirebriefError as exc:
                return gr.Dropdown(visible=False, choices=[], value=None), f"**Cannot read the table:** {plain_message(exc)}"
            if found is None:
                return gr.Dropdown(visible=False, choices=[], value=None), ""
            columns, candidates = found
            if len(candidates) == 1:
                return gr.Dropdown(visible=True, choices=columns, value=candidates[0]), ""
            note = (
                f"Several columns could hold the text ({', '.join(candidates)}): choose one."
                if candidates
                else "No column is named like a text column: choose the one that holds the dispatches."
            )
            return gr.Dropdown(visible=True, choices=columns, value=None), note

        def watch(jid: str):
            """Yield progress until the job is finished (or stops), then the table and the ZIP."""
            while True:
                info = service.job(jid)
                state = service.state(jid)
                if state in ("queued", "running"):
                    yield {
                        progress: progress_html(info.done, info.errors, info.total, state),
                        results: result_rows(jid),
                    }
                    time.sleep(POLL_SECONDS)
                    continue
                note = service.failures.get(jid, "")
                zip_path = service.export_zip(jid)
                service.record_in_history(jid)  # each document can be reopened from History (with its row's id)
                yield {
                    progress: progress_html(info.done, info.errors, info.total, state, note),
                    results: result_rows(jid),
                    download: gr.DownloadButton(value=str(zip_path), visible=True),
                    jobs: job_rows(),
                }
                return

        def on_start(paths, text_column, wanted, method):
            try:
                jid = service.submit(
                    paths or [], text_column=text_column, summaries=wanted or [], summarizer=method
                )
            except WirebriefError as exc:
                yield {progress: render_reader_error(exc)}
                return
            yield {job_id: jid, download: gr.DownloadButton(visible=False), jobs: job_rows(), results: [], **view.clear()}
            yield from watch(jid)

        def on_job_select(evt: gr.SelectData):
            row = evt.row_value or []
            jid = row[-1] if row else ""
            if not jid:
                return
            yield {job_id: jid, download: gr.DownloadButton(visible=False)}
            yield from watch(jid)

        def on_document(jid: str, evt: gr.SelectData):
            row = evt.row_value or []
            position = int(row[0]) - 1 if row and str(row[0]).isdigit() else -1
            result = service.results(jid).get(position) if jid else None
            if result is None:
                return {doc_note: "This document has no result to show (not finished, or it failed).", **view.clear()}
            return {doc_note: f"Document {position + 1}: {row[1]}", **view.show(result)}

        outputs = [job_id, progress, results, download, jobs, *view.outputs]
        files.change(
            on_files, inputs=files, outputs=[column, column_note, job_id, progress, results, download, *view.outputs],
            api_visibility="private",
        )
        results.select(on_document, inputs=job_id, outputs=[doc_note, *view.outputs], api_visibility="private")
        # Watching only polls the job store (the work runs in the batch worker): it must not hold one of the
        # queue's slots, which the Dispatch view needs, for the length of a job.
        start.click(
            on_start, inputs=[files, column, presets, summarizer], outputs=outputs, show_progress="hidden",
            api_visibility="private", concurrency_limit=None,
        )
        jobs.select(
            on_job_select, outputs=outputs, show_progress="hidden", api_visibility="private", concurrency_limit=None
        )
        tab.select(job_rows, outputs=jobs, api_visibility="private")
