"""The components that show one Result (used by the Dispatch and History tabs).

First, the "at a glance" box the page scrolls to after Translate (static/wirebrief.js): progress with the time
left (Dispatch only), headline and lede (or the wire lede until the summaries come), the checks counted, Stop /
Continue (Dispatch only) and the downloads. Below it the side-by-side view streams, with the summaries and the one
list of checks beside it, then the English text with a copy button and the Result JSON. ``show(result)`` returns
the update for all of them; ``streaming(...)`` the partial one."""

from __future__ import annotations

import gradio as gr

from service.app.context import AppContext
from service.app.exports import write_downloads
from service.app.glance import render_flag_list, render_glance, render_glance_streaming
from service.app.sbs import EMPTY, render_result, render_side_by_side
from service.app.views import render_meta, render_summaries
from service.errors import WirebriefError
from service.events import Glance
from service.result import LanguageInfo, Paragraph, Result, Summary


GLANCE_EMPTY = ('<div class="wb-glance-empty">At a glance: the headline, the lede, the checks and the downloads '
                'appear here.</div>')
"""What the "at a glance" box says before its first result (an empty framed box reads as a broken page)."""


class ResultView:
    def __init__(self, ctx: AppContext, prefix: str, controls: bool = False):
        self.ctx = ctx
        self.prefix = prefix
        with gr.Column(elem_id=f"{prefix}-glance-box", elem_classes=["wb-glance-box"]):
            self.progress = gr.HTML("", elem_id=f"{prefix}-progress", js_on_load=None) if controls else None
            self.glance = gr.HTML(GLANCE_EMPTY, elem_id=f"{prefix}-glance", js_on_load=None)
            with gr.Row(elem_classes=["wb-glance-actions"]):
                self.stop = gr.Button("Stop", visible=False, variant="stop", size="sm", elem_id=f"{prefix}-stop", scale=0) if controls else None
                self.resume = (
                    gr.Button("Continue", visible=False, variant="primary", size="sm", elem_id=f"{prefix}-continue", scale=0)
                    if controls
                    else None
                )
                self.download_md = gr.DownloadButton("Markdown", visible=False, size="sm", elem_id=f"{prefix}-dl-md", scale=0)
                self.download_docx = gr.DownloadButton("Word (DOCX)", visible=False, size="sm", elem_id=f"{prefix}-dl-docx", scale=0)
                self.download_json = gr.DownloadButton("JSON", visible=False, size="sm", elem_id=f"{prefix}-dl-json", scale=0)
        self.meta = gr.HTML("", elem_id=f"{prefix}-meta", js_on_load=None)
        with gr.Row(equal_height=False, elem_classes=["wb-result-row"]):
            with gr.Column(scale=3, min_width=300):
                self.sbs = gr.HTML(EMPTY, elem_id=f"{prefix}-sbs", js_on_load=None)
            with gr.Column(scale=1, min_width=260):
                self.summaries = gr.HTML("", elem_id=f"{prefix}-summaries", js_on_load=None)
                self.flags = gr.HTML("", elem_id=f"{prefix}-flags", js_on_load=None)
        self.translation = gr.Textbox(
            label="English translation",
            lines=6,
            max_lines=30,
            interactive=False,
            buttons=["copy"],
            elem_id=f"{prefix}-translation",
        )
        with gr.Accordion("Result JSON (technical)", open=False):
            self.json = gr.JSON(elem_id=f"{prefix}-json")

    @property
    def outputs(self) -> list:
        return [
            self.glance,
            self.meta,
            self.sbs,
            self.summaries,
            self.flags,
            self.translation,
            self.download_md,
            self.download_docx,
            self.download_json,
            self.json,
        ]

    def glossary(self):
        try:
            return self.ctx.runtime.pipeline.glossary
        except WirebriefError:
            return None

    def show(self, result: Result) -> dict:
        glossary = self.glossary()
        paths = write_downloads(result, self.ctx.workdir, glossary)
        partial = " (unfinished)" if "incomplete" in result.extra else ""
        return {
            self.glance: render_glance(result, glossary, self.prefix),
            self.meta: render_meta(result, self.ctx.settings.min_language_confidence),
            self.sbs: render_result(result, glossary),
            self.summaries: render_summaries(result) if result.summaries or not partial else "",
            self.flags: render_flag_list(result, glossary),
            self.translation: result.translation,
            self.download_md: gr.DownloadButton(f"Markdown{partial}", value=str(paths["md"]), visible=True),
            self.download_docx: gr.DownloadButton(f"Word (DOCX){partial}", value=str(paths["docx"]), visible=True),
            self.download_json: gr.DownloadButton(f"JSON{partial}", value=str(paths["json"]), visible=True),
            self.json: result.model_dump(mode="json"),
        }

    def glance_update(
        self,
        paragraphs: list[Paragraph],
        total: int,
        wants_summaries: bool,
        glance: Glance | None,
        summaries: dict[str, Summary],
    ) -> dict:
        """Only the glance box: what a ``Glance`` or ``SummaryReady`` event changes."""
        return {self.glance: render_glance_streaming(paragraphs, total, wants_summaries, glance, summaries)}

    def streaming(
        self,
        paragraphs: list[Paragraph],
        total: int,
        language: LanguageInfo | None = None,
        wants_summaries: bool = True,
        glance: Glance | None = None,
        summaries: dict[str, Summary] | None = None,
    ) -> dict:
        """The view while a run is in progress: the paragraphs translated so far, the first as the wire lede, and
        the summaries generated so far in the glance box."""
        return {
            self.glance: render_glance_streaming(paragraphs, total, wants_summaries, glance, summaries),
            self.sbs: render_side_by_side(paragraphs, (), language, total_paragraphs=total),
            self.translation: "\n\n".join(p.translation for p in paragraphs),
        }

    def clear(self) -> dict:
        hidden = gr.DownloadButton(value=None, visible=False)
        return {
            self.glance: "",
            self.meta: "",
            self.sbs: EMPTY,
            self.summaries: "",
            self.flags: "",
            self.translation: "",
            self.download_md: hidden,
            self.download_docx: hidden,
            self.download_json: hidden,
            self.json: None,
        }
