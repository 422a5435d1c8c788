"""The one place that decides which files the app may open for a client: only files inside the app's own upload
folder (where Gradio stores what a browser or ``gradio_client`` uploaded). A client can send any server path in a
Gradio file payload (``{"path": "/etc/passwd", "meta": {"_type": "gradio.FileData"}}``); every handler that reads a
client-given file goes through ``uploaded_file`` first, so such a path is refused before anything is read."""

from __future__ import annotations

import os
from pathlib import Path

from service.errors import InputError, LimitExceeded
from service.settings import Settings

UPLOAD_TYPES = [".txt", ".md", ".docx", ".html", ".htm"]


class NotUploaded(InputError):
    code = "not_uploaded"


def upload_folder() -> Path | None:
    """The folder Gradio stores uploads in (GRADIO_TEMP_DIR, set by ``service.app.private_upload_dir``)."""
    configured = os.environ.get("GRADIO_TEMP_DIR")
    return Path(configured).resolve() if configured else None


def uploaded_file(path: str | Path) -> Path:
    """``path`` resolved, when it names a regular file inside the upload folder; ``NotUploaded`` otherwise (the
    message never echoes the path, so it cannot be used to probe which server files exist)."""
    folder = upload_folder()
    try:
        resolved = Path(path).resolve(strict=True)
    except (OSError, RuntimeError, ValueError):
        resolved = None
    if folder is None or resolved is None or not resolved.is_relative_to(folder) or not resolved.is_file():
        raise NotUploaded("that file was not uploaded to this app: upload it again with the upload box")
    return resolved


def read_upload(path: str | Path, settings: Settings, runtime=None) -> tuple[str, list[str]]:
    """(text, notes) of an uploaded file; ``InputError`` for a file that was not uploaded here, or a type, size or
    encoding the app cannot take. Read through the same reader the REST upload uses (``service.dispatch_files``:
    the parser budget, WIREBRIEF_MAX_CHARS); ``runtime``: read in one of its slots (admission control shared with
    translations)."""
    from service.dispatch_files import read_dispatch_file

    path = uploaded_file(path)
    size = path.stat().st_size
    if size > settings.max_file_bytes:
        raise LimitExceeded("WIREBRIEF_MAX_FILE_BYTES", settings.max_file_bytes, size, f"the size of {path.name} in bytes")
    return read_dispatch_file(settings, path.name, path.read_bytes(), runtime)
