"""One uploaded dispatch file → its text, the same way for the REST route (``POST /v1/documents/read``) and the
app's uploads (the Dispatch view, gradio_client's ``/read_file``).

Reading a document costs CPU, so it waits for a slot like a translation (``Runtime.slot``: 429 'overloaded' when
WIREBRIEF_QUEUE_SIZE requests already wait); it runs under the parser budget (depth, elements, time:
``service.batch.budget``); and the text it gives is held to WIREBRIEF_MAX_CHARS like a pasted dispatch — a 3 MB
.docx can expand to 20 million characters.
"""

from __future__ import annotations

from contextlib import nullcontext

from service.errors import LimitExceeded


def read_dispatch_file(settings, name: str, data: bytes, runtime=None) -> tuple[str, list[str]]:
    """(text, notes) of one uploaded file; ``InputError``/``LimitExceeded`` naming the cause or the setting.
    ``runtime``: whose slots to wait for (None: the caller has its own admission control)."""
    from service.batch.budget import ParseBudget
    from service.batch.readers import read_document

    with runtime.slot() if runtime is not None else nullcontext():
        read = read_document(name, data, settings.max_docx_expanded_bytes, ParseBudget.from_settings(settings))
    if len(read.text) > settings.max_chars:
        raise LimitExceeded("WIREBRIEF_MAX_CHARS", settings.max_chars, len(read.text), f"the text of {name} in characters")
    return read.text, list(read.notes)
