"""Shared by the API tests."""

from __future__ import annotations

import threading


class HeldSlot:
    """Holds the server's only processing slot (concurrency 1) as a long request would."""

    def __init__(self, runtime):
        self.runtime, self.release, self.held = runtime, threading.Event(), threading.Event()

    def __enter__(self):
        def hold():
            with self.runtime.slot():
                self.held.set()
                self.release.wait(60)

        self.thread = threading.Thread(target=hold, daemon=True)
        self.thread.start()
        assert self.held.wait(10)
        return self

    def __exit__(self, *exc):
        self.release.set()
        self.thread.join(10)
