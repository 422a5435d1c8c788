"""Glossary view: the newsroom glossary in effect (shipped + user), and an editor for the user part.

Entries are edited in a table (or with the add / remove form), checked with *Validate*, and *Save and apply*
writes the user file and hands the merged glossary to the running pipeline: the next translation uses it. The
rules, the file and the apply step are ``service.glossary_edit`` (the same as ``PUT /v1/glossary``); this module
only converts between the table and a ``GlossaryDoc`` and renders.
"""

from __future__ import annotations

from html import escape

import gradio as gr

from service import glossary_edit
from service.app.context import AppContext
from service.errors import InputError, WirebriefError
from service.facts.text import fold
from service.glossary_edit import GlossaryDoc, GlossaryState, GlossaryTerm

HEADERS = ["Kind", "French forms (separated by |)", "English"]
KINDS = ("term", "keep")
KEEP_NOTE = "(kept verbatim)"


# --- table <-> doc (pure; unit-tested) ----------------------------------------------------------------------------
def doc_to_rows(doc: GlossaryDoc) -> list[list[str]]:
    rows = [["term", " | ".join(t.fr), t.en] for t in doc.terms]
    return rows + [["keep", k, KEEP_NOTE] for k in doc.keep]


def _forms(text: str) -> list[str]:
    return [f.strip() for f in str(text or "").split("|") if f.strip()]


def _blank(row: list) -> bool:
    return not any(str(c or "").strip() for c in row)


def rows_to_doc(rows: list[list] | None) -> GlossaryDoc:
    """The table as a GlossaryDoc (blank rows skipped); a row with an unknown kind is an ``InputError``."""
    terms, keep = [], []
    for n, row in enumerate(rows or [], 1):
        row = list(row) + [""] * (3 - len(row))
        if _blank(row):
            continue
        kind = str(row[0] or "").strip().lower() or ("keep" if str(row[2]).strip() == KEEP_NOTE else "term")
        if kind not in KINDS:
            raise InputError(f"row {n}: kind is {row[0]!r}; write 'term' (FR→EN) or 'keep' (do not translate)")
        if kind == "keep":
            keep += _forms(row[1]) or [""]  # an empty keep row is reported by validate()
        else:
            terms.append(GlossaryTerm(fr=_forms(row[1]), en=str(row[2] or "")))
    return GlossaryDoc(terms=terms, keep=keep)


def upsert(rows: list[list] | None, french: str, english: str, keep: bool) -> list[list[str]]:
    """Add an entry, or replace the rows that share one of its French forms (matching ignores case and accents)."""
    forms = _forms(french)
    if not forms:
        raise InputError("give at least one French form (several: separate them with |)")
    if not keep and not english.strip():
        raise InputError(f"give the English for {forms[0]!r}, or tick 'do not translate'")
    new = ["keep", " | ".join(forms), KEEP_NOTE] if keep else ["term", " | ".join(forms), english.strip()]
    wanted = {fold(f) for f in forms}
    out: list[list[str]] = []
    placed = False
    for row in rows or []:
        row = [str(c or "") for c in list(row) + [""] * (3 - len(row))]
        if _blank(row):
            continue
        if wanted & {fold(f) for f in _forms(row[1])}:
            if not placed:
                out.append(new)
                placed = True
            continue
        out.append(row)
    return out if placed else out + [new]


def remove(rows: list[list] | None, french: str) -> tuple[list[list[str]], int]:
    """The rows without those holding one of these French forms, and how many were removed."""
    wanted = {fold(f) for f in _forms(french)}
    out = [[str(c or "") for c in row] for row in rows or [] if not _blank(row)]
    kept = [row for row in out if not wanted & {fold(f) for f in _forms(row[1])}]
    return kept, len(out) - len(kept)


def render_status(state: GlossaryState) -> str:
    user = len(state.user)
    where = escape(state.user_path) + ("" if state.user_file_exists else " (not written yet)")
    applied = (
        f'in effect: <b>{state.entries}</b> entries, hash <code>{escape(state.hash)}</code>'
        if state.hash
        else "the models are still loading: the glossary is applied once they are ready"
    )
    return (
        f'<div class="wb-glossary-status"><span>{applied}</span>'
        f"<span>shipped: {len(state.shipped)} · yours: {user}</span>"
        f"<span>your file: <code>{where}</code></span></div>"
    )


def render_message(text: str, ok: bool) -> str:
    cls = "wb-ok" if ok else "wb-error"
    return f'<div class="wb-glossary-message"><span class="{cls}">{escape(text)}</span></div>'


# --- the tab ---------------------------------------------------------------------------------------------------
def build(ctx: AppContext) -> None:
    with gr.Tab("Glossary", id="glossary") as tab:
        gr.Markdown(
            "The newsroom glossary enforced in every French translation and checked by the fact checker. "
            "**Term**: the French forms → the one English rendering. **Keep**: copied verbatim (names, brands). "
            "Your entries replace shipped ones with the same French form. Matching ignores case and accents.",
            elem_id="wb-glossary-help",
        )
        status = gr.HTML("", elem_id="wb-glossary-status")
        with gr.Row(equal_height=True):
            french = gr.Textbox(label="French form(s)", placeholder="l'Otan | Otan", scale=3, elem_id="wb-glossary-fr")
            english = gr.Textbox(label="English", placeholder="NATO", scale=3, elem_id="wb-glossary-en")
            keep = gr.Checkbox(label="Do not translate", scale=1, elem_id="wb-glossary-keep")
            with gr.Column(scale=1, min_width=140):
                add = gr.Button("Add or update", size="sm", elem_id="wb-glossary-add")
                drop = gr.Button("Remove", size="sm", elem_id="wb-glossary-remove")
        table = gr.Dataframe(
            headers=HEADERS,
            value=[],
            type="array",
            column_count=(3, "fixed"),
            interactive=True,
            wrap=True,
            label="Your entries (edit cells, add rows; kind: term or keep)",
            elem_id="wb-glossary-user",
        )
        with gr.Row():
            check = gr.Button("Validate", size="sm", elem_id="wb-glossary-validate")
            save = gr.Button("Save and apply", variant="primary", size="sm", elem_id="wb-glossary-save")
            reload = gr.Button("Discard changes", size="sm", elem_id="wb-glossary-reload")
        message = gr.HTML("", elem_id="wb-glossary-message")
        with gr.Accordion("Shipped glossary (read-only: override an entry by adding the same French form)", open=False):
            shipped = gr.Dataframe(headers=HEADERS, value=[], type="array", interactive=False, wrap=True,
                                   max_height=360, elem_id="wb-glossary-shipped")
        loaded = gr.State(False)

        def current():
            state = glossary_edit.state(ctx.runtime)
            return state, doc_to_rows(state.user), doc_to_rows(state.shipped)

        def on_select(was_loaded: bool):
            try:
                state, rows, shipped_rows = current()
            except WirebriefError as exc:
                return {message: render_message(exc.message, False)}
            update = {status: render_status(state), shipped: shipped_rows, loaded: True}
            if not was_loaded:  # never overwrite edits in progress when coming back to the tab
                update[table] = rows
            return update

        def on_add(rows, fr, en, kept):
            try:
                return {table: upsert(rows, fr, en, kept), french: "", english: "", keep: False,
                        message: render_message("Added (not saved yet).", True)}
            except WirebriefError as exc:
                return {message: render_message(exc.message, False)}

        def on_remove(rows, fr):
            out, n = remove(rows, fr)
            text = f"Removed {n} entr{'y' if n == 1 else 'ies'} (not saved yet)." if n else f"No entry has the form {fr!r}."
            return {table: out, message: render_message(text, bool(n))}

        def on_validate(rows):
            try:
                doc = glossary_edit.validate(rows_to_doc(rows), ctx.settings)
            except WirebriefError as exc:
                return {message: render_message(exc.message, False)}
            return {message: render_message(f"Valid: {len(doc)} entries of yours.", True)}

        def on_save(rows):
            try:
                state = glossary_edit.save(ctx.runtime, rows_to_doc(rows))
            except WirebriefError as exc:
                return {message: render_message(f"Not saved: {exc.message}", False)}
            return {
                table: doc_to_rows(state.user),
                status: render_status(state),
                message: render_message(
                    f"Saved to {state.user_path} and applied: the next translation uses it (hash {state.hash}).", True
                ),
            }

        def on_reload():
            update = on_select(False)
            update[message] = render_message("Reloaded the saved glossary.", True)
            return update

        private = {"api_visibility": "private"}
        everything = [status, shipped, table, loaded, message]
        tab.select(on_select, inputs=loaded, outputs=everything, **private)
        add.click(on_add, inputs=[table, french, english, keep], outputs=[table, french, english, keep, message], **private)
        drop.click(on_remove, inputs=[table, french], outputs=[table, message], **private)
        check.click(on_validate, inputs=table, outputs=message, **private)
        save.click(on_save, inputs=table, outputs=[table, status, message], **private)
        reload.click(on_reload, outputs=everything, **private)
