"""Entry points: a Diff from a loaded Pipeline (CLI, bench) or through the Runtime (REST API, app), which adds the
store, admission and the named limits. Both translate the current version through the ordinary pipeline, so
every sentence unchanged since the previous version is served by the sentence cache."""

from __future__ import annotations

import re
import time
from typing import Iterable

from service.errors import InputError, NotFound
from service.result import Result

from .compare import compare
from .model import Diff

RESULT_ID = re.compile(r"^[0-9a-f]{32}$")


def _summarize_with(pipeline, summarizer: str):
    # The pipeline's own summary stage: same presets, methods, short-text passthrough and notes as ordinary
    # summaries.
    return lambda english, preset: pipeline._summarize(english, preset, summarizer)


def diff_with_pipeline(
    pipeline,
    previous: Result,
    current_text: str,
    *,
    summaries: Iterable[str],
    summarizer: str = "model",
    source_language: str | None = None,
) -> Diff:
    """The current version through ``pipeline`` (translation only; the summary is of what is new), then the Diff."""
    presets = pipeline.validate(current_text, list(summaries), summarizer)
    started = time.perf_counter()
    current = pipeline.run(current_text, summaries=[], source_language=source_language, summarizer=summarizer)
    translate_s = time.perf_counter() - started
    diff = compare(previous, current, presets=presets, summarize=_summarize_with(pipeline, summarizer))
    diff.timings = {"translate": translate_s, **diff.timings, "total": time.perf_counter() - started}
    diff.options["summarizer"] = summarizer
    return diff


def previous_result(runtime, previous: str | None, previous_id: str | None, source_language: str | None) -> Result:
    """The previous version's Result: a stored one by id, or the pasted text translated (a store hit when it was
    translated before). ``previous`` that is exactly a stored Result's id is taken as that id."""
    if previous_id is not None and previous is not None:
        raise InputError("give the previous version once: its text (previous) or its id (previous_id), not both")
    if previous_id is None and previous is not None and RESULT_ID.match(previous.strip()):
        if runtime.result(previous.strip()) is not None:
            previous_id = previous.strip()
    if previous_id is not None:
        found = runtime.result(previous_id.strip())
        if found is None:
            raise NotFound(f"no stored result with id {previous_id!r} to compare with; see GET /v1/results")
        return found
    if previous is None or not previous.strip():
        raise InputError(
            "the previous version is missing: give its text (previous) or a stored result id (previous_id)",
            code="empty_input",
        )
    return runtime.translate(previous, summaries=[], source_language=source_language)


def diff_with_runtime(
    runtime,
    current_text: str,
    *,
    previous: str | None = None,
    previous_id: str | None = None,
    summaries: Iterable[str] | None = None,
    summarizer: str = "model",
    source_language: str | None = None,
) -> Diff:
    """What POST /v1/diff and the app's Compare view run."""
    from service.pipeline import DEFAULT_PRESETS

    presets = list(DEFAULT_PRESETS if summaries is None else summaries)
    runtime.check(current_text, presets, summarizer)
    started = time.perf_counter()
    before = previous_result(runtime, previous, previous_id, source_language)
    current = runtime.translate(current_text, summaries=[], source_language=source_language, summarizer=summarizer)
    translate_s = time.perf_counter() - started
    pipeline = runtime.pipeline
    with runtime.slot():
        diff = compare(before, current, presets=pipeline.validate(current_text, presets, summarizer),
                       summarize=_summarize_with(pipeline, summarizer))
    diff.timings = {"translate": translate_s, **diff.timings, "total": time.perf_counter() - started}
    diff.options["summarizer"] = summarizer
    return diff
