"""An uploaded dispatch file → text for the Dispatch view, through the same reader the REST upload uses
(``service.dispatch_files``: a slot, the parser budget, WIREBRIEF_MAX_CHARS)."""

from __future__ import annotations

from pathlib import Path

from service.errors import LimitExceeded
from service.settings import Settings

UPLOAD_TYPES = [".txt", ".md", ".docx", ".html", ".htm"]


def read_upload(path: str | Path, settings: Settings, runtime=None) -> tuple[str, list[str]]:
    """(text, notes) of an uploaded file; ``InputError`` for a type, size or encoding it cannot take.
    ``runtime``: read in one of its slots (admission control shared with translations)."""
    from service.dispatch_files import read_dispatch_file

    path = Path(path)
    size = path.stat().st_size
    if size > settings.max_file_bytes:
        raise LimitExceeded("WIREBRIEF_MAX_FILE_BYTES", settings.max_file_bytes, size, f"the size of {path.name} in bytes")
    return read_dispatch_file(settings, path.name, path.read_bytes(), runtime)
