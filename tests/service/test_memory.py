"""Freed heap pages go back to the OS between a request's stages (glibc's malloc_trim)."""

from __future__ import annotations

import subprocess
import sys

import pytest

import service.pipeline.core as core
from service.memory import _malloc_trim
from service.settings import PROJECT_ROOT

_SCRIPT = """
import sys
from service.memory import release_free_memory

def rss_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024

chunks = [bytearray(1000) for _ in range(150_000)]  # ~150 MB in small blocks: the heap, not mmap
keep = bytearray(1000)  # a live block above them, so free() alone cannot shrink the heap from the top
del chunks
before = rss_mb()
released = release_free_memory()
print(released, before - rss_mb())
"""


@pytest.mark.skipif(_malloc_trim() is None, reason="malloc_trim is glibc's; this C library has none")
def test_freed_small_blocks_are_handed_back_to_the_os():
    out = subprocess.run([sys.executable, "-c", _SCRIPT], cwd=PROJECT_ROOT, capture_output=True, text=True,
                         check=True, timeout=60)
    released, dropped_mb = out.stdout.split()
    assert released == "True"
    assert float(dropped_mb) > 50  # most of the ~150 MB freed


def test_a_run_releases_memory_after_translating_and_at_the_end(pipeline, monkeypatch):
    calls = []
    real_finish = pipeline.finish

    def finish(state, listener):
        calls.append("finish")
        return real_finish(state, listener)

    monkeypatch.setattr(core, "release_free_memory", lambda: calls.append("release") or True)
    monkeypatch.setattr(pipeline, "finish", finish)
    pipeline.run("Le ministre a annoncé mardi sa démission.", summaries=[])
    assert calls == ["release", "finish", "release"]
