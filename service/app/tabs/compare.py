"""Compare view: what changed between two versions of a dispatch. Paste the current version (or pick it from
History), pick the previous one from History or paste it, and get fact changes on top, what's new, both versions
side by side in English and French, and the update note as Markdown or DOCX. A pasted dispatch that looks like an
update of a History entry (same dateline, high overlap) is detected and the comparison offered. The work is done
by service.diff; this module only wires it."""

from __future__ import annotations

import datetime as dt
import logging
import re

import gradio as gr

from service.app.context import AppContext
from service.diff import Diff, diff_with_runtime, to_docx, to_markdown
from service.diff.detect import Candidate, find_previous_version
from service.diff.html import render_diff
from service.errors import WirebriefError

log = logging.getLogger("wirebrief.app")

HISTORY_CHOICES = 100
"""History entries offered in the pickers."""
DETECT_CANDIDATES = 20
"""Most recent History entries a pasted dispatch is checked against (each is loaded and segmented)."""


def history_choices(ctx: AppContext) -> list[tuple[str, str]]:
    out = []
    for row in ctx.runtime.store.recent(HISTORY_CHOICES):
        when = dt.datetime.fromtimestamp(row.created_at).strftime("%m-%d %H:%M")
        first = row.first_line if len(row.first_line) <= 70 else row.first_line[:69] + "…"
        out.append((f"{when} · {first}", row.id))
    return out


def detect_update(ctx: AppContext, text: str):
    """The History entry ``text`` seems to update, or None."""
    if not (text or "").strip():
        return None
    candidates = []
    for row in ctx.runtime.store.recent(DETECT_CANDIDATES):
        result = ctx.runtime.result(row.id)
        if result is not None:
            candidates.append(Candidate(id=row.id, text=result.source_text, label=row.first_line))
    return find_previous_version(text, candidates)


def _downloads(ctx: AppContext, diff: Diff):
    stem = re.sub(r"[^A-Za-z0-9_-]", "", f"update-{diff.current.id[:10]}-vs-{diff.previous_id[:10]}") or "update"
    md, docx = ctx.workdir / f"{stem}.md", ctx.workdir / f"{stem}.docx"
    md.write_text(to_markdown(diff), encoding="utf-8")
    docx.write_bytes(to_docx(diff))
    return gr.DownloadButton(value=str(md), visible=True), gr.DownloadButton(value=str(docx), visible=True)


def build(ctx: AppContext) -> None:
    with gr.Tab("Compare", id="compare") as tab:
        with gr.Row(equal_height=False):
            with gr.Column(scale=1, min_width=300):
                current_text = gr.Textbox(label="Current version", lines=6, max_lines=14, elem_id="wb-compare-current",
                                          placeholder="Paste the new version of the dispatch")
                current_pick = gr.Dropdown([], value=None, label="…or the current version from History",
                                           allow_custom_value=False, elem_id="wb-compare-current-pick")
            with gr.Column(scale=1, min_width=300):
                previous_pick = gr.Dropdown([], value=None, label="Compare with… (a History entry)",
                                            allow_custom_value=False, elem_id="wb-compare-previous-pick")
                previous_text = gr.Textbox(label="…or paste the previous version", lines=4, max_lines=14,
                                           elem_id="wb-compare-previous")
        suggestion = gr.Markdown("", elem_id="wb-compare-suggestion")
        with gr.Row():
            use_suggestion = gr.Button("Compare with it", visible=False, size="sm", elem_id="wb-compare-suggested")
            run = gr.Button("Compare", variant="primary", elem_id="wb-compare-run")
        message = gr.Markdown("", elem_id="wb-compare-message")
        view = gr.HTML("", elem_id="wb-compare-view")
        with gr.Row():
            dl_md = gr.DownloadButton("Update note (Markdown)", visible=False, size="sm", elem_id="wb-compare-dl-md")
            dl_docx = gr.DownloadButton("Update note (DOCX)", visible=False, size="sm", elem_id="wb-compare-dl-docx")
        suggested = gr.State("")
        outputs = [message, view, dl_md, dl_docx]

        def refresh():
            choices = history_choices(ctx)
            return gr.Dropdown(choices=choices), gr.Dropdown(choices=choices)

        def on_current(text: str):
            try:
                match = detect_update(ctx, text)
            except Exception:  # a suggestion must never break pasting
                log.exception("update detection failed")
                match = None
            if match is None:
                return "", gr.Button(visible=False), ""
            line = (f"This looks like an update of **{md_text(match.label)}** ({match.describe()}): "
                    "compare it with that version?")
            return line, gr.Button(visible=True), match.id

        def compare(current: str, current_id: str | None, previous: str, previous_id: str | None):
            try:
                if not (current or "").strip() and current_id:
                    stored = ctx.runtime.result(current_id)
                    current = stored.source_text if stored else ""
                paste = (previous or "").strip()
                diff = diff_with_runtime(ctx.runtime, current or "", previous=paste or None,
                                         previous_id=None if paste else (previous_id or None))
            except WirebriefError as exc:
                return (f"**Error:** {exc.message}", gr.skip(), gr.skip(), gr.skip())
            except Exception as exc:  # shown, not swallowed
                log.exception("compare failed")
                return (f"**Error:** internal error ({type(exc).__name__}); see the server log", gr.skip(), gr.skip(),
                        gr.skip())
            md, docx = _downloads(ctx, diff)
            return "", render_diff(diff), md, docx

        def compare_suggested(current: str, rid: str):
            return (gr.Dropdown(value=rid), "", *compare(current, None, "", rid))

        tab.select(refresh, outputs=[current_pick, previous_pick], api_visibility="private")
        current_text.change(on_current, inputs=current_text, outputs=[suggestion, use_suggestion, suggested],
                            api_visibility="private", trigger_mode="always_last")
        run.click(compare, inputs=[current_text, current_pick, previous_text, previous_pick], outputs=outputs,
                  api_visibility="private", concurrency_limit=ctx.settings.concurrency)
        use_suggestion.click(compare_suggested, inputs=[current_text, suggested],
                             outputs=[previous_pick, previous_text, *outputs], api_visibility="private",
                             concurrency_limit=ctx.settings.concurrency)

        link = ctx.shared.get("compare_link")  # the Dispatch tab's "Compare with…" on its result
        if link is None or "tabs" not in ctx.shared:
            return

        def from_dispatch(source: str, suggested_id: str):
            choices = history_choices(ctx)
            hint = ("" if suggested_id else
                    "Pick the previous version in **Compare with…** (History) or paste it, then press **Compare**.")
            hidden = gr.DownloadButton(value=None, visible=False)
            return (gr.Tabs(selected="compare"), source, gr.Dropdown(choices=choices, value=None),
                    gr.Dropdown(choices=choices, value=suggested_id or None), "", hint, "", hidden, hidden)

        def compare_offered(current: str, suggested_id: str):
            if not suggested_id:
                return (gr.skip(),) * len(outputs)
            return compare(current, None, "", suggested_id)

        link.button.click(
            from_dispatch, inputs=[link.source, link.suggested],
            outputs=[ctx.shared["tabs"], current_text, current_pick, previous_pick, previous_text, *outputs],
            api_visibility="private",
        ).then(compare_offered, inputs=[current_text, link.suggested], outputs=outputs, api_visibility="private",
               concurrency_limit=ctx.settings.concurrency)


def md_text(text: str) -> str:
    """A first line shown in Markdown as text."""
    return re.sub(r"([\\`*_{}\[\]<>()#+!|~-])", r"\\\1", text)
