"""Brief view: pick a template, generate an editors' brief of a dispatch (or of a stored Result), edit it in place
(one labelled line per field, the form the model writes), see the facts the source does not support, save the
edits with the Result, and export Markdown or DOCX. The work is done by service.brief; this module only wires it."""

from __future__ import annotations

import html
import logging
import re

import gradio as gr

from prompts import available, load_template
from service.api.routes.brief import brief_for, edit_for
from service.app.context import AppContext
from service.app.messages import plain_message
from service.brief.edit import from_labelled, to_labelled
from service.brief.export import to_docx, to_markdown
from service.brief.requests import BriefRequest, EditRequest
from service.errors import WirebriefError
from service.result import Brief

log = logging.getLogger("wirebrief.app")


def template_choices() -> list[tuple[str, str]]:
    return [(f"{name} — {load_template(name).description}", name) for name in available()]


def render_status(brief: Brief, result_id: str) -> str:
    ref = brief.template
    model = f" · model {brief.model.name}" if brief.model else ""
    head = f"**{ref.name} v{ref.version}** (hash `{ref.hash}`){model} · result `{result_id}`"
    if brief.edited:
        head += " · edited"
    if brief.status == "failed":
        return f"{head}\n\n**No brief:** {brief.failure}"
    notes = "".join(f"\n- {n}" for n in brief.notes)
    return head + (f"\n\nNotes:{notes}" if notes else "")


def render_flags(brief: Brief) -> str:
    if brief.status != "ok":
        return ""
    if not brief.flags:
        return '<div class="wb-brief-flags" id="wb-brief-noflags">No unsupported facts found.</div>'
    titles = {s.key: s.title for s in brief.sections}
    items = "".join(
        f"<li><b>{html.escape(titles.get(f.section, f.section))}</b>: {html.escape(f.detail)}</li>" for f in brief.flags
    )
    return f'<div class="wb-brief-flags"><b>To check ({len(brief.flags)})</b><ul>{items}</ul></div>'


def _downloads(ctx: AppContext, brief: Brief, result_id: str):
    stem = re.sub(r"[^A-Za-z0-9_-]", "", f"brief-{brief.template.name}-{result_id[:12]}") or "brief"
    md, docx = ctx.workdir / f"{stem}.md", ctx.workdir / f"{stem}.docx"
    md.write_text(to_markdown(brief), encoding="utf-8")
    docx.write_bytes(to_docx(brief))
    return gr.DownloadButton(value=str(md), visible=True), gr.DownloadButton(value=str(docx), visible=True)


def availability(ctx: AppContext) -> str:
    """Said before the reader fills the form in: briefs switched off, or their model missing."""
    if ctx.runtime.settings.briefs == "off":
        return ('<div class="wb-feature-off" role="status"><b>Briefs are switched off on this server.</b> '
                "The form below will not work until the person who runs the service switches them on.</div>")
    try:
        briefs = ctx.runtime.pipeline.briefs
    except WirebriefError:
        return ""  # still loading: the status banner says so
    if briefs is None or not briefs.available:
        return ('<div class="wb-feature-off" role="status"><b>Briefs are not available right now:</b> the model '
                "that writes them is not loaded on this server.</div>")
    return ""


def build(ctx: AppContext) -> None:
    with gr.Tab("Brief", id="brief") as tab:
        notice = gr.HTML(availability(ctx), elem_id="wb-brief-notice", js_on_load=None)
        tab.select(lambda: availability(ctx), outputs=notice, api_visibility="private")
        with gr.Row():
            with gr.Column(scale=3):
                text = gr.Textbox(label="Dispatch", lines=6, max_lines=16, elem_id="wb-brief-text",
                                  placeholder="Paste a dispatch — or leave empty and give a result id from History")
                result_id = gr.Textbox(label="Result id", placeholder="brief a stored result", elem_id="wb-brief-id")
            with gr.Column(scale=1, min_width=240):
                template = gr.Dropdown(template_choices(), value="brief", label="Template", elem_id="wb-brief-template")
                with_source = gr.Checkbox(ctx.settings.brief_with_source, label="Give the model the French source too",
                                          elem_id="wb-brief-source")
                generate = gr.Button("Generate brief", variant="primary", elem_id="wb-brief-generate")
        status = gr.Markdown("", elem_id="wb-brief-status")
        with gr.Row(equal_height=False):
            with gr.Column(scale=3):
                editor = gr.Textbox(label="Brief — edit in place, one labelled line per field", lines=12,
                                    max_lines=30, interactive=True, elem_id="wb-brief-editor")
                save = gr.Button("Save edits", size="sm", elem_id="wb-brief-save")
            with gr.Column(scale=2):
                flags = gr.HTML("", elem_id="wb-brief-flags", js_on_load=None)
        preview = gr.Markdown("", elem_id="wb-brief-preview")
        with gr.Row():
            dl_md = gr.DownloadButton("Markdown", visible=False, size="sm", elem_id="wb-brief-dl-md")
            dl_docx = gr.DownloadButton("DOCX", visible=False, size="sm", elem_id="wb-brief-dl-docx")
        current = gr.State({"result_id": "", "template": ""})
        outputs = [status, editor, flags, preview, dl_md, dl_docx, result_id, current]

        def show(brief: Brief, rid: str):
            md, docx = _downloads(ctx, brief, rid)
            return (render_status(brief, rid), to_labelled(brief) if brief.status == "ok" else "", render_flags(brief),
                    to_markdown(brief), md, docx, rid, {"result_id": rid, "template": brief.template.name})

        def error(message: str, keep=gr.skip()):
            return (f"**Error:** {message}", keep, keep, keep, keep, keep, keep, keep)

        def on_generate(dispatch: str, rid: str, name: str, source: bool):
            rid, dispatch = (rid or "").strip(), dispatch or ""
            try:
                body = BriefRequest(result_id=rid, template=name, with_source=source) if rid and not dispatch.strip() \
                    else BriefRequest(text=dispatch, template=name, with_source=source)
                answer = brief_for(ctx.runtime, body)
            except WirebriefError as exc:
                return error(plain_message(exc))
            except Exception:  # shown, not swallowed (the trace is in the server log)
                log.exception("brief failed")
                return error("something went wrong on the server and no brief was written; try again")
            return show(answer.brief, answer.result_id)

        def on_save(edited: str, state: dict):
            rid, name = state.get("result_id"), state.get("template")
            if not rid or not name:
                return error("generate a brief first")
            try:
                result = ctx.runtime.result(rid)
                brief = result.briefs.get(name) if result else None
                if brief is None:
                    return error(f"result {rid} has no {name!r} brief")
                answer = edit_for(ctx.runtime, EditRequest(result_id=rid, template=name,
                                                           sections=from_labelled(edited, brief)))
            except WirebriefError as exc:
                return error(exc.message)
            return show(answer.brief, answer.result_id)

        generate.click(on_generate, inputs=[text, result_id, template, with_source], outputs=outputs,
                       api_visibility="private", concurrency_limit=ctx.settings.concurrency)
        save.click(on_save, inputs=[editor, current], outputs=outputs, api_visibility="private")
