"""A cold pipeline for the bench: what a process that never saw the dispatch would have."""

from __future__ import annotations


def cold(pipeline) -> None:
    """Forget everything the pipeline keeps per sentence: translations (every route's sentence cache), names'
    renderings and fact checks. Every timed whole-pipeline run starts from here, or a later repeat would skip the
    work an earlier one memoized."""
    for stack in pipeline.stacks.values():
        stack.cache.clear()
    if pipeline.name_translator is not None:
        pipeline.name_translator.clear()
    pipeline.fact_memo.clear()
