"""Errors as the page shows them: what happened and what to do, in the reader's words; the operator's wording
(setting names, endpoints, exception text) only behind a "Details" toggle. Everything escaped."""

from __future__ import annotations

import re
from html import escape

from service.errors import LimitExceeded, WirebriefError

_BY_CODE = {
    "loading": "The translation models are still starting up. Try again in a minute.",
    "model_unavailable": "Translation is not available right now. Try again later, or tell the person who runs "
    "this service.",
    "overloaded": "Many dispatches are being translated right now. Try again in a few seconds.",
    "empty_input": "There is no text to translate yet: paste a dispatch or upload a file.",
    "timeout": "This took longer than the time allowed for one request, and nothing was finished.",
    "briefs_unavailable": "Briefs are not available on this server right now.",
    "unsupported_file": "This kind of file cannot be read. Use a .txt, .md, .docx or .html file.",
    "ambiguous_column": "The spreadsheet has several columns that could hold the text. Choose the text column "
    "and load it again.",
    "missing_column": "No column of the spreadsheet looks like the text. Choose the text column and load it again.",
}
_WHAT = {
    "WIREBRIEF_MAX_CHARS": ("The dispatch is too long", "characters", "Shorten it, or split it into parts."),
    "WIREBRIEF_MAX_FILE_BYTES": ("The file is too large", "bytes", "Use a smaller file."),
    "WIREBRIEF_MAX_BATCH_FILES": ("Too many files at once", "files", "Send fewer files at a time."),
}


def plain_message(exc: WirebriefError) -> str:
    if isinstance(exc, LimitExceeded) and exc.limit_name in _WHAT:
        what, unit, todo = _WHAT[exc.limit_name]
        return f"{what}: {exc.actual:,} {unit}, the limit is {exc.limit:,}. {todo}"
    if exc.code == "unsupported_language":
        language = re.match(r"the text is in ([^(]+) \(", exc.message)
        name = language.group(1).strip() if language else "this language"
        return (
            f"The text looks like {name}, which this server does not translate. Check the text, or choose "
            "the source language yourself."
        )
    return _BY_CODE.get(exc.code, exc.message[:1].upper() + exc.message[1:])


def render_reader_error(exc: WirebriefError | None = None, *, plain: str = "", detail: str = "") -> str:
    """A red box: the plain message, then the operator's detail (the error's own message) behind a toggle."""
    if exc is not None:
        plain = plain or plain_message(exc)
        detail = detail or f"[{exc.code}] {exc.message}"
    tech = f'<details class="wb-tech"><summary>Details</summary><code>{escape(detail)}</code></details>' if detail else ""
    return f'<div class="wb-error-box" role="alert"><p class="wb-error">{escape(plain)}</p>{tech}</div>'
