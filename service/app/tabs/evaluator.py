"""Evaluator view: blind A/B rating of two systems' outputs for the same item.

A rater enters an id and gets the next pair they have not rated: the source and two outputs in random order,
labelled only "Output 1" and "Output 2" (systems hidden). Each output gets adequacy, fluency and faithfulness
(1–5) and error tags; *Save* stores the rating in SQLite (``eval.ratings``; ``python -m eval ratings`` aggregates)
and opens the next pair. Pairs come from two eval runs of the same suite, or from one dispatch summarized live by
two summarizers ("Add pairs"); ``python -m eval ratings-pairs RUN_A RUN_B`` makes them from the command line.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import gradio as gr

from eval.ratings import DIMENSIONS, ERROR_TAGS, BlindPair, RatingError, next_pair, pairs_from_runs, save_rating
from eval.ratings.sources import list_runs, live_summary_pair, rating_progress, run_folder
from service.app.context import AppContext
from service.errors import WirebriefError

SCALE = ["1", "2", "3", "4", "5"]
LIVE_SUMMARIZERS = ["model", "extractive-lead", "extractive-centrality"]
PRESETS = ["headline", "lede", "bullets", "paragraph"]


# --- view builders (pure; unit-tested) ----------------------------------------------------------------------------
def render_pair(pair: BlindPair | None, rater: str = "") -> str:
    """The item's source and the two outputs, escaped, in the order the rater must see them; no system names."""
    if pair is None:
        who = f" for {escape(rater)}" if rater else ""
        return f'<div class="wb-eval-empty">No pair left to rate{who}. Add pairs below, or come back later.</div>'
    outputs = "".join(
        f'<div class="wb-eval-output" data-position="{pos}"><h4>Output {pos}</h4>'
        f'<div class="wb-eval-text">{escape(text)}</div></div>'
        for pos, _hidden, text in pair.shown
    )
    return (
        f'<div class="wb-eval-pair" data-pair="{escape(pair.pair_id)}">'
        f'<div class="wb-eval-source"><h4>Source <small>item {escape(pair.item_id)}</small></h4>'
        f'<div class="wb-eval-text">{escape(pair.source) or "<i>(no source stored)</i>"}</div></div>'
        f'<div class="wb-eval-outputs">{outputs}</div></div>'
    )


def collect_ratings(values: list) -> dict[int, dict]:
    """The rating widgets' values, in order (for output 1 then 2: one per dimension, then the tag list), as
    ``save_rating`` takes them; a missing score is a ``RatingError`` naming the output and the dimension."""
    per = len(DIMENSIONS) + 1
    out: dict[int, dict] = {}
    for position in (1, 2):
        chunk = values[(position - 1) * per : position * per]
        scores: dict = {}
        for dim, value in zip(DIMENSIONS, chunk):
            if value in (None, ""):
                raise RatingError(f"rate the {dim} of output {position} (1–5)")
            scores[dim] = int(value)
        scores["error_tags"] = list(chunk[-1] or [])
        out[position] = scores
    return out


def render_progress(total: int, done: int, rater: str) -> str:
    if not rater:
        return '<div class="wb-eval-progress">Enter your rater id to start.</div>'
    return (
        f'<div class="wb-eval-progress">{total} pairs stored · <b>{escape(rater)}</b> rated {done} · '
        f"{max(total - done, 0)} left</div>"
    )


def pairable_runs(runs: list) -> dict[str, list]:
    """Runs grouped by suite, only suites with at least two runs (a blind pair needs two systems on one suite)."""
    by_suite: dict[str, list] = {}
    for run in runs:
        by_suite.setdefault(run.suite, []).append(run)
    return {suite: found for suite, found in by_suite.items() if len(found) >= 2}


def render_runs(runs: list, folder: Path) -> str:
    groups = pairable_runs(runs)
    if not groups:
        have = f"{len(runs)} run{'s' if len(runs) != 1 else ''}" if runs else "no run"
        return (
            f'<div class="wb-eval-runs wb-eval-empty">No two runs of the same suite to pair ({have} found in '
            f"<code>{escape(str(folder))}</code>). Two runs of one suite with different systems make pairs.</div>"
        )
    items = "".join(
        f"<li><b>{escape(suite)}</b>: " + ", ".join(escape(f"{r.path.name} ({r.system})") for r in found) + "</li>"
        for suite, found in groups.items()
    )
    return f'<div class="wb-eval-runs"><b>Runs you can pair</b> (same suite):<ul>{items}</ul></div>'


def _message(text: str, ok: bool) -> str:
    return f'<div class="wb-eval-message"><span class="{"wb-ok" if ok else "wb-error"}">{escape(text)}</span></div>'


# --- the tab ---------------------------------------------------------------------------------------------------
def build(ctx: AppContext) -> None:
    db = ctx.settings.db_path

    def run_choices(suite: str | None = None) -> list[tuple[str, str]]:
        groups = pairable_runs(list_runs(ctx.settings.results_dir))
        return [(r.label, str(r.path)) for name, runs in groups.items() if suite in (None, name) for r in runs]

    with gr.Tab("Evaluator", id="evaluator") as tab:
        gr.Markdown(
            "Blind A/B rating: the two outputs come from two systems, in random order; which is which is hidden. "
            "Rate each output 1 (worst) – 5 (best). **Adequacy**: the meaning of the source is conveyed. "
            "**Fluency**: good English. **Faithfulness**: nothing added or changed (numbers, names, quotes).",
            elem_id="wb-eval-help",
        )
        with gr.Row(equal_height=False):
            rater = gr.Textbox(label="Rater id", placeholder="your initials or e-mail", scale=3, elem_id="wb-eval-rater")
            with gr.Column(scale=1, min_width=160):
                start = gr.Button("Next pair", variant="primary", elem_id="wb-eval-next")
        progress = gr.HTML(render_progress(0, 0, ""), elem_id="wb-eval-progress")
        pair_view = gr.HTML("", elem_id="wb-eval-pair")
        pair_id = gr.State("")
        widgets: list = []
        with gr.Row(equal_height=False):
            for position in (1, 2):
                with gr.Column(elem_id=f"wb-eval-form-{position}", elem_classes=["wb-eval-form"]):
                    gr.Markdown(f"**Output {position}**")
                    for dim in DIMENSIONS:
                        widgets.append(
                            gr.Radio(SCALE, label=dim.capitalize(), elem_id=f"wb-eval-{position}-{dim}")
                        )
                    widgets.append(gr.CheckboxGroup(list(ERROR_TAGS), label="Errors", elem_id=f"wb-eval-{position}-tags"))
        save = gr.Button("Save rating", variant="primary", elem_id="wb-eval-save")
        message = gr.HTML("", elem_id="wb-eval-message")

        with gr.Accordion("Add pairs", open=False, elem_id="wb-eval-add"):
            gr.Markdown(
                "**From two eval runs** of the same suite (`python -m eval run SUITE`, results folders under "
                f"`{ctx.settings.results_dir}`; or type the name of a folder there)."
            )
            runs_view = gr.HTML(render_runs(list_runs(ctx.settings.results_dir), ctx.settings.results_dir), elem_id="wb-eval-runs")
            with gr.Row():
                run_a = gr.Dropdown(run_choices(), label="Run A", allow_custom_value=True, elem_id="wb-eval-run-a")
                run_b = gr.Dropdown(run_choices(), label="Run B", allow_custom_value=True, elem_id="wb-eval-run-b")
                count = gr.Number(20, label="Segments", precision=0, minimum=1, elem_id="wb-eval-n")
            with gr.Row():
                refresh_runs = gr.Button("Refresh the list", size="sm", elem_id="wb-eval-refresh")
                from_runs = gr.Button("Make pairs from the runs", size="sm", elem_id="wb-eval-from-runs")
            gr.Markdown("**One dispatch, two summarizers**, run now on the loaded models.")
            dispatch = gr.Textbox(label="Dispatch", lines=4, elem_id="wb-eval-dispatch")
            with gr.Row():
                preset = gr.Dropdown(PRESETS, value="lede", label="Summary", elem_id="wb-eval-preset")
                sum_a = gr.Dropdown(LIVE_SUMMARIZERS, value="model", label="System A", elem_id="wb-eval-sum-a")
                sum_b = gr.Dropdown(LIVE_SUMMARIZERS, value="extractive-lead", label="System B", elem_id="wb-eval-sum-b")
            from_dispatch = gr.Button("Make a pair from the dispatch", size="sm", elem_id="wb-eval-from-dispatch")
            add_message = gr.HTML("", elem_id="wb-eval-add-message")

        cleared = [gr.update(value=None) for _ in DIMENSIONS] + [gr.update(value=[])]

        def show_next(who: str, note: str = "", ok: bool = True):
            who = (who or "").strip()
            if not who:
                return [render_progress(0, 0, ""), "", "", _message("Enter your rater id first.", False), *cleared, *cleared]
            pair = next_pair(who, db_path=db)
            total, done = rating_progress(who, db_path=db)
            return [
                render_progress(total, done, who),
                render_pair(pair, who),
                pair.pair_id if pair else "",
                _message(note, ok) if note else "",
                *cleared,
                *cleared,
            ]

        def on_save(who: str, current: str, *values):
            who = (who or "").strip()
            if not current:
                return [gr.skip(), gr.skip(), gr.skip(), _message("No pair open: press Next pair.", False)] + [gr.skip()] * len(widgets)
            try:
                save_rating(current, who, collect_ratings(list(values)), db_path=db)
            except RatingError as exc:
                return [gr.skip(), gr.skip(), gr.skip(), _message(str(exc), False)] + [gr.skip()] * len(widgets)
            return show_next(who, f"Saved your rating of pair {current}.")

        def on_from_runs(a: str, b: str, n: float):
            if not a or not b:
                return _message("Choose run A and run B.", False), gr.skip(), gr.skip()
            try:
                a, b = (run_folder(path, ctx.settings.results_dir) for path in (a, b))
                pairs = pairs_from_runs(a, b, n=int(n or 1), db_path=db)
            except (RatingError, OSError, KeyError, ValueError) as exc:
                return _message(f"Could not pair these runs: {exc}", False), gr.skip(), gr.skip()
            return _message(f"{len(pairs)} blind pairs stored; press Next pair.", True), gr.skip(), gr.skip()

        def on_from_dispatch(text: str, which: str, a: str, b: str):
            try:
                pair = live_summary_pair(ctx.runtime, text, which, (a, b), db_path=db)
            except (RatingError, WirebriefError) as exc:
                text = exc.message if isinstance(exc, WirebriefError) else str(exc)
                return _message(f"No pair made: {text}", False)
            return _message(f"Pair {pair.pair_id} stored ({which}); press Next pair.", True)

        def on_refresh():
            choices = run_choices()
            runs = render_runs(list_runs(ctx.settings.results_dir), ctx.settings.results_dir)
            return gr.update(choices=choices), gr.update(choices=choices), runs

        def on_run_a(a: str):
            """Run B: only runs of run A's suite (the others cannot be paired with it)."""
            suite = next((r.suite for r in list_runs(ctx.settings.results_dir) if str(r.path) == a), None)
            return gr.update(choices=run_choices(suite))

        private = {"api_visibility": "private"}
        shown = [progress, pair_view, pair_id, message, *widgets]
        start.click(show_next, inputs=rater, outputs=shown, **private)
        rater.submit(show_next, inputs=rater, outputs=shown, **private)
        save.click(on_save, inputs=[rater, pair_id, *widgets], outputs=shown, **private)
        from_runs.click(on_from_runs, inputs=[run_a, run_b, count], outputs=[add_message, run_a, run_b], **private)
        from_dispatch.click(on_from_dispatch, inputs=[dispatch, preset, sum_a, sum_b], outputs=add_message,
                            concurrency_limit=ctx.settings.concurrency, **private)
        refresh_runs.click(on_refresh, outputs=[run_a, run_b, runs_view], **private)
        tab.select(on_refresh, outputs=[run_a, run_b, runs_view], **private)
        run_a.input(on_run_a, inputs=run_a, outputs=run_b, **private)
        # An error goes away as soon as the reader changes what it was about. Cleared in the browser, at once: a
        # clear sent to the server could come back after a quicker "Make pairs" and wipe its answer.
        for widget in [run_a, run_b, count, dispatch, preset, sum_a, sum_b]:
            widget.input(None, outputs=add_message, js="() => ''", **private)
        rater.change(lambda: "", outputs=message, **private)  # only the rater edits it
        for widget in widgets:  # user input only: Next pair / Save reset them without clearing their message
            widget.input(lambda: "", outputs=message, **private)

