"""Start-up work run beside the model loading: one daemon thread per helper to load, joined by ``warm_up()``."""

from __future__ import annotations

import logging
import threading
from typing import Callable


def load_in_background(load: Callable[[], object], name: str, what: str, log: logging.Logger) -> threading.Thread:
    """Run ``load`` in a daemon thread called ``name`` and return the thread. A failure is logged ("loading
    {what} failed") and not raised here: the caller's later, synchronous call raises it again."""

    def work() -> None:
        try:
            load()
        except Exception:
            log.exception("loading %s failed", what)

    thread = threading.Thread(target=work, name=name, daemon=True)
    thread.start()
    return thread
