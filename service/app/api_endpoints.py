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
