"""The Dispatch tab's "Compare with…" action: from a translated dispatch to the Compare tab, with that dispatch as
the current version. When it looks like an update of a History entry (same dateline, most sentences kept), the
result says so and the comparison with that entry runs at once; otherwise the reader picks a History entry or
pastes the previous version there. The Dispatch tab owns the button; the Compare tab wires it (``wire``)."""

from __future__ import annotations

import logging
from html import escape

import gradio as gr

from service.app.context import AppContext
from service.result import Result

log = logging.getLogger("wirebrief.app")


class CompareLink:
    """Built inside the Dispatch tab, under the result; offered to the Compare tab as ``ctx.shared['compare_link']``."""

    def __init__(self, ctx: AppContext, prefix: str = "wb-dispatch"):
        self.ctx = ctx
        with gr.Row(equal_height=False, elem_classes=["wb-compare-link"]):
            self.offer = gr.HTML("", elem_id=f"{prefix}-update-offer", js_on_load=None)
            self.button = gr.Button("Compare with…", visible=False, size="sm", scale=0, elem_id=f"{prefix}-compare")
        self.source = gr.State("")
        """The shown result's source text: the current version of the comparison."""
        self.suggested = gr.State("")
        """The History entry it seems to update ('' when none)."""
        ctx.shared["compare_link"] = self

    @property
    def outputs(self) -> list:
        return [self.button, self.source, self.offer, self.suggested]

    def show(self, result: Result) -> dict:
        return {self.button: gr.Button(visible=True), self.source: result.source_text, self.offer: "",
                self.suggested: ""}

    def clear(self) -> dict:
        return {self.button: gr.Button(visible=False), self.source: "", self.offer: "", self.suggested: ""}

    def find_offer(self, source: str):
        """After a run: the History entry this dispatch seems to update, said in the result, or nothing."""
        from service.app.tabs.compare import detect_update

        if not (source or "").strip():
            return "", ""
        try:
            match = detect_update(self.ctx, source)
        except Exception:  # an offer must never break the result
            log.exception("update detection failed")
            match = None
        if match is None:
            return "", ""
        # HTML, every piece escaped: the label is the first line of a dispatch a user pasted.
        return (f'<p class="wb-update-offer">This looks like an update of <strong>{escape(match.label)}</strong> '
                f"({escape(match.describe())}). <strong>Compare with…</strong> shows what changed.</p>", match.id)

    def then_offer(self, event) -> None:
        """Chain the offer after a run event (``run.click(...)``)."""
        event.then(self.find_offer, inputs=[self.source], outputs=[self.offer, self.suggested],
                   api_visibility="private", show_progress="hidden")
