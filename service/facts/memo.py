"""What the fact check found in one (source, translation) sentence pair, kept so that a re-sent or updated
dispatch only checks the sentences it has not seen (as the sentence cache only translates those).

The check of a pair depends on nothing else in the dispatch; ``context`` carries what it does depend on besides
the two texts (the glossary, the target-names setting). Entries hold positions-free copies; ``check_result``
places them at their paragraph and sentence."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from .model import FactIssue

Entry = tuple[tuple[FactIssue, ...], tuple[dict[str, Any], ...]]


class SentenceFactsMemo:
    """LRU of (context, source, translation) → (issues, found facts) of that sentence."""

    def __init__(self, max_entries: int = 50_000):
        self.max_entries = max_entries
        self._entries: OrderedDict[tuple[str, str, str], Entry] = OrderedDict()
        self._lock = threading.Lock()
        self.last_checked = 0
        """Sentences the last ``check_result`` with this memo checked afresh (what a partial request's time
        reserve for the checks learns from)."""

    def get(self, key: tuple[str, str, str]) -> Entry | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key: tuple[str, str, str], issues: list[FactIssue], found: list[dict[str, Any]]) -> None:
        entry = (tuple(i.model_copy() for i in issues), tuple(dict(f) for f in found))
        with self._lock:
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        """Forget every entry (the benchmark times cold checks with it)."""
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)
