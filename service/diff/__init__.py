"""Wire updates: what changed between two versions of a dispatch, in English, at the cost of the change.

Public API::

    align(old_sentences, new_sentences) -> Alignment        # similarity-based, merges/splits, moves
    compare(previous_result, current_result, presets=, summarize=) -> Diff
    diff_with_pipeline(pipeline, previous_result, current_text, summaries=) -> Diff   # CLI, bench
    diff_with_runtime(runtime, current_text, previous=|previous_id=) -> Diff          # REST API, app
    to_markdown(diff) / to_docx(diff)                       # the update note
    find_previous_version(text, candidates) -> match | None # is this an update of a History entry?
"""

from .align import Alignment, Link, align
from .compare import compare
from .model import Diff, FactChange, SentenceChange, SentenceRef, WhatsNew
from .render import to_docx, to_markdown
from .service import diff_with_pipeline, diff_with_runtime

__all__ = [
    "Alignment",
    "Diff",
    "FactChange",
    "Link",
    "SentenceChange",
    "SentenceRef",
    "WhatsNew",
    "align",
    "compare",
    "diff_with_pipeline",
    "diff_with_runtime",
    "to_docx",
    "to_markdown",
]
