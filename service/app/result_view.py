"""The components that show one Result (used by the Dispatch and History tabs): language line, side-by-side
sentences with warnings, summaries with copy buttons, the English text with a copy button, three downloads, and
the Result JSON. ``show(result)`` returns the update for all of them; ``streaming(...)`` the partial one."""

from __future__ import annotations

import gradio as gr

from service.app.context import AppContext
from service.app.exports import write_downloads
from service.app.sbs import EMPTY, render_result, render_side_by_side
from service.app.views import render_meta, render_summaries
from service.result import LanguageInfo, Paragraph, Result


class ResultView:
    def __init__(self, ctx: AppContext, prefix: str):
        self.ctx = ctx
        self.meta = gr.HTML("", elem_id=f"{prefix}-meta", js_on_load=None)
        with gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=480):
                self.sbs = gr.HTML(EMPTY, elem_id=f"{prefix}-sbs", js_on_load=None)
            with gr.Column(scale=1, min_width=260):
                self.summaries = gr.HTML("", elem_id=f"{prefix}-summaries", js_on_load=None)
        self.translation = gr.Textbox(
            label="English translation",
            lines=6,
            max_lines=30,
            interactive=False,
            buttons=["copy"],
            elem_id=f"{prefix}-translation",
        )
        with gr.Row():
            self.download_md = gr.DownloadButton("Markdown", visible=False, size="sm", elem_id=f"{prefix}-dl-md")
            self.download_docx = gr.DownloadButton("DOCX", visible=False, size="sm", elem_id=f"{prefix}-dl-docx")
            self.download_json = gr.DownloadButton("JSON", visible=False, size="sm", elem_id=f"{prefix}-dl-json")
        with gr.Accordion("Result JSON", open=False):
            self.json = gr.JSON(elem_id=f"{prefix}-json")

    @property
    def outputs(self) -> list:
        return [
            self.meta,
            self.sbs,
            self.summaries,
            self.translation,
            self.download_md,
            self.download_docx,
            self.download_json,
            self.json,
        ]

    def show(self, result: Result) -> dict:
        paths = write_downloads(result, self.ctx.workdir)
        return {
            self.meta: render_meta(result, self.ctx.settings.min_language_confidence),
            self.sbs: render_result(result),
            self.summaries: render_summaries(result),
            self.translation: result.translation,
            self.download_md: gr.DownloadButton(value=str(paths["md"]), visible=True),
            self.download_docx: gr.DownloadButton(value=str(paths["docx"]), visible=True),
            self.download_json: gr.DownloadButton(value=str(paths["json"]), visible=True),
            self.json: result.model_dump(mode="json"),
        }

    def streaming(self, paragraphs: list[Paragraph], total: int, language: LanguageInfo | None = None) -> dict:
        """The view while a run is in progress: the paragraphs translated so far."""
        return {
            self.sbs: render_side_by_side(paragraphs, (), language, total_paragraphs=total),
            self.translation: "\n\n".join(p.translation for p in paragraphs),
        }

    def clear(self) -> dict:
        hidden = gr.DownloadButton(value=None, visible=False)
        return {
            self.meta: "",
            self.sbs: EMPTY,
            self.summaries: "",
            self.translation: "",
            self.download_md: hidden,
            self.download_docx: hidden,
            self.download_json: hidden,
            self.json: None,
        }
