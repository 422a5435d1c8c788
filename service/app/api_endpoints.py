"""Named Gradio endpoints for ``gradio_client``: ``json.loads(Client(url).predict(text, api_name="/translate"))``.

They return the Result as a JSON *string*, not a dict: gradio_client treats any dict with a string "path" key as a
file to download, and ``Result.models[].path`` is such a key, so a dict would make the client fail on local
models. ``Result.model_validate_json(output)`` rebuilds the Result."""

from __future__ import annotations

import gradio as gr

from service.app.context import AppContext
from service.errors import WirebriefError


def register(ctx: AppContext) -> None:
    def translate(
        text: str,
        summaries: list[str] | None = None,
        source_language: str | None = None,
        summarizer: str = "model",
    ) -> str:
        """Translate one dispatch and summarize it; returns the Result as a JSON string (same as POST /v1/translate).
        summaries: presets among headline, lede, bullets, paragraph (None = all four, [] = none)."""
        try:
            result = ctx.runtime.translate(
                text, summaries=summaries, source_language=source_language or None, summarizer=summarizer
            )
        except WirebriefError as exc:
            raise gr.Error(f"[{exc.code}] {exc.message}") from None
        return result.model_dump_json()

    def get_result(result_id: str) -> str:
        """A stored Result by id, as a JSON string."""
        result = ctx.runtime.result(result_id)
        if result is None:
            raise gr.Error(f"[not_found] no stored result with id {result_id!r}")
        return result.model_dump_json()

    gr.api(translate, api_name="translate", concurrency_limit=ctx.settings.concurrency)
    gr.api(get_result, api_name="result")
    register_uploads(ctx)


def register_uploads(ctx: AppContext) -> None:
    """``/read_file`` (one file → JSON {name, text, notes}) and ``/batch`` (files → JSON {job_id, total, done,
    errors}) for ``gradio_client`` (``handle_file``). Gradio stores each upload under the app's private upload
    folder (``service.app.private_upload_dir``) and refuses files over twice WIREBRIEF_MAX_FILE_BYTES itself; the
    app's limits (naming their setting) are checked here before any work. Hidden components: these endpoints
    have no place on the page, which has its own upload boxes."""
    import json

    from service.app.uploads import read_upload
    from service.limits import safe_label

    def read_file(path: str | None) -> str:
        """One uploaded dispatch file (.txt, .md, .docx, .html) → its text, as JSON {name, text, notes}."""
        if not path:
            raise gr.Error("[empty_input] upload a file")
        try:
            text, notes = read_upload(path, ctx.settings, ctx.runtime)
        except WirebriefError as exc:
            raise gr.Error(f"[{exc.code}] {exc.message}") from None
        return json.dumps({"name": safe_label(path.rsplit("/", 1)[-1]), "text": text, "notes": notes})

    def submit_batch(paths: list[str] | None, text_column: str = "", summaries: str = "", summarizer: str = "model") -> str:
        """Files (or one CSV/JSONL) → a batch job running in the background, as JSON {job_id, total, done, errors}."""
        if ctx.batch is None:
            raise gr.Error("[unavailable] batch jobs are not available in this server")
        try:
            job_id = ctx.batch.submit(
                list(paths or []),
                text_column=text_column or None,
                summaries=[s.strip() for s in (summaries or "").split(",") if s.strip()],
                summarizer=summarizer or "model",
            )
            info = ctx.batch.job(job_id)
        except WirebriefError as exc:
            raise gr.Error(f"[{exc.code}] {exc.message}") from None
        return json.dumps(
            {"job_id": job_id, "state": ctx.batch.state(job_id), "total": info.total, "done": info.done,
             "errors": info.errors}
        )

    with gr.Column(visible=False):
        one = gr.File(file_count="single", type="filepath", label="file")
        many = gr.File(file_count="multiple", type="filepath", label="files")
        column = gr.Textbox(label="text_column")
        presets = gr.Textbox(label="summaries")
        method = gr.Textbox(label="summarizer")
        out_read = gr.Textbox(label="document")
        out_batch = gr.Textbox(label="job")
        read_button = gr.Button("read")
        batch_button = gr.Button("batch")
    read_button.click(read_file, inputs=one, outputs=out_read, api_name="read_file", concurrency_limit=ctx.settings.concurrency)
    batch_button.click(
        submit_batch, inputs=[many, column, presets, method], outputs=out_batch, api_name="batch", concurrency_limit=None
    )
