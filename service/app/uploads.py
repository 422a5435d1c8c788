"""An uploaded dispatch file → text for the Dispatch view, through the same readers the batch inputs use."""

from __future__ import annotations

from pathlib import Path

from service.errors import LimitExceeded
from service.settings import Settings

UPLOAD_TYPES = [".txt", ".md", ".docx", ".html", ".htm"]


def read_upload(path: str | Path, settings: Settings) -> tuple[str, list[str]]:
    """(text, notes) of an uploaded file; ``InputError`` for a type, size or encoding it cannot take."""
    from service.batch.readers import read_document

    path = Path(path)
    size = path.stat().st_size
    if size > settings.max_file_bytes:
        raise LimitExceeded("WIREBRIEF_MAX_FILE_BYTES", settings.max_file_bytes, size, f"the size of {path.name} in bytes")
    read = read_document(path.name, path.read_bytes(), settings.max_docx_expanded_bytes)
    return read.text, list(read.notes)
