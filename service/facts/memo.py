"""A bounded memo of the per-paragraph fact checks, so that a *Continue* (the same request again after a partial
result) or an updated dispatch checks only the paragraphs it has not checked before.

The checks of a paragraph depend only on its (source, translation) sentence pairs, its position, the glossary and
the target-names setting; the memo keys on all of them. The pipeline owns one memo (models are loaded once, so is
this) and clears it when the glossary changes.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any, Hashable

DEFAULT_PARAGRAPHS = 4096
"""Paragraphs kept (a few hundred bytes each): a day of long dispatches on one server."""


class ParagraphChecks:
    """LRU of ``key -> (issues, found)`` with a count of the sentences checked afresh by the last ``check_result``
    call that used it (what the pipeline's time budget learns from)."""

    def __init__(self, size: int = DEFAULT_PARAGRAPHS) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, tuple[list, list[dict[str, Any]]]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0
        self.last_checked = 0
        """Sentences checked afresh by the last ``check_result`` call with this memo."""

    def get(self, key: Hashable) -> tuple[list, list[dict[str, Any]]] | None:
        with self._lock:
            value = self._items.get(key)
            if value is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return value

    def put(self, key: Hashable, value: tuple[list, list[dict[str, Any]]]) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)
