"""What every tab's ``build(ctx)`` receives: the running service, the settings, and a folder for downloads."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from service.runtime import Runtime
from service.settings import Settings

if TYPE_CHECKING:
    from service.app.batch_jobs import BatchService


@dataclass
class AppContext:
    runtime: Runtime
    settings: Settings
    workdir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="wirebrief-app-")))
    """Downloads are written here (under the system temp dir, where Gradio may serve files from)."""
    batch: "BatchService | None" = None
    """Batch jobs (None when service/batch is not installed)."""
    shared: dict[str, Any] = field(default_factory=dict)
    """Components or callbacks one tab offers others (e.g. 'tabs': the gr.Tabs, to switch tab)."""
