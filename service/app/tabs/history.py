"""History view: the stored Results, newest first; select one (or paste its id) to reopen it."""

from __future__ import annotations

import datetime as dt

import gradio as gr

from service.app.context import AppContext
from service.app.result_view import ResultView

HEADERS = ["When", "Language", "First line", "Headline", "Warnings", "Id"]
LIMIT = 200


def history_rows(ctx: AppContext) -> list[list]:
    rows = []
    for row in ctx.runtime.store.recent(LIMIT):
        when = dt.datetime.fromtimestamp(row.created_at).strftime("%Y-%m-%d %H:%M")
        headline = row.headline if len(row.headline) <= 100 else row.headline[:99] + "…"
        rows.append([when, row.language, row.first_line, headline, row.warnings, row.id])
    return rows


def build(ctx: AppContext) -> None:
    with gr.Tab("History", id="history") as tab:
        with gr.Row():
            refresh = gr.Button("Refresh", size="sm", scale=0, elem_id="wb-history-refresh")
            result_id = gr.Textbox(label="Result id", placeholder="paste an id to open it", scale=3, elem_id="wb-history-id")
            open_button = gr.Button("Open", size="sm", scale=0, elem_id="wb-history-open")
        table = gr.Dataframe(
            headers=HEADERS,
            value=[],
            type="array",
            interactive=False,
            wrap=True,
            max_height=320,
            column_widths=["12%", "8%", "30%", "25%", "7%", "18%"],
            elem_id="wb-history-table",
        )
        message = gr.Markdown("")
        view = ResultView(ctx, prefix="wb-history")

        def refresh_table():
            return history_rows(ctx)

        def open_result(rid: str):
            rid = (rid or "").strip()
            result = ctx.runtime.result(rid) if rid else None
            if result is None:
                return {message: f"No stored result with id `{rid}`." if rid else "", **view.clear()}
            return {message: "", **view.show(result)}

        def on_select(evt: gr.SelectData):
            row = evt.row_value or []
            rid = row[-1] if row else ""
            return {result_id: rid, **open_result(rid)}

        refresh.click(refresh_table, outputs=table, api_visibility="private")
        tab.select(refresh_table, outputs=table, api_visibility="private")
        open_button.click(open_result, inputs=result_id, outputs=[message, *view.outputs], api_visibility="private")
        result_id.submit(open_result, inputs=result_id, outputs=[message, *view.outputs], api_visibility="private")
        table.select(on_select, outputs=[result_id, message, *view.outputs], api_visibility="private")
