"""One parser budget for every document format a client can upload (.html, .docx, .txt/.md, .csv/.jsonl).

A hostile file should cost a bounded, small amount of CPU before it is refused: its nesting depth
(WIREBRIEF_MAX_DOCUMENT_DEPTH), its number of elements — tags, XML elements, lines, rows or JSON values —
(WIREBRIEF_MAX_DOCUMENT_ELEMENTS) and the wall time spent reading it (WIREBRIEF_MAX_PARSE_SECONDS). Every reader
ticks the same budget as it goes; going over raises ``LimitExceeded`` naming the setting and the file, so the user
learns which limit their file hit.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from service.errors import LimitExceeded

DEFAULT_MAX_DEPTH = 256
DEFAULT_MAX_ELEMENTS = 200_000
DEFAULT_MAX_SECONDS = 10.0
# Reading the clock on every element would cost more than the elements; check it every this many ticks.
_CLOCK_EVERY = 256


@dataclass
class ParseBudget:
    max_depth: int = DEFAULT_MAX_DEPTH
    max_elements: int = DEFAULT_MAX_ELEMENTS
    max_seconds: float = DEFAULT_MAX_SECONDS
    name: str = "the document"
    elements: int = 0
    started: float = field(default_factory=time.monotonic)

    @classmethod
    def from_settings(cls, settings, name: str = "the document") -> "ParseBudget":
        return cls(settings.max_document_depth, settings.max_document_elements, settings.max_parse_seconds, name)

    def start(self, name: str) -> "ParseBudget":
        """A fresh budget with the same limits, for one file."""
        return ParseBudget(self.max_depth, self.max_elements, self.max_seconds, name)

    def depth(self, depth: int) -> None:
        if depth > self.max_depth:
            raise LimitExceeded(
                "WIREBRIEF_MAX_DOCUMENT_DEPTH", self.max_depth, depth, f"the nesting depth of {self.name} (at least)"
            )

    def tick(self, count: int = 1) -> None:
        """Count ``count`` more elements; checks the element limit, and the clock every few hundred elements."""
        before = self.elements
        self.elements += count
        if self.elements > self.max_elements:
            raise LimitExceeded(
                "WIREBRIEF_MAX_DOCUMENT_ELEMENTS",
                self.max_elements,
                self.elements,
                f"the number of elements (tags, lines, rows or values) in {self.name} (at least)",
            )
        if before // _CLOCK_EVERY != self.elements // _CLOCK_EVERY:
            self.check_time()

    def check_time(self) -> None:
        spent = time.monotonic() - self.started
        if spent > self.max_seconds:
            raise LimitExceeded(
                "WIREBRIEF_MAX_PARSE_SECONDS", self.max_seconds, round(spent, 1), f"the seconds spent reading {self.name}"
            )


def json_depth(value: object, budget: ParseBudget) -> None:
    """Walk a parsed JSON value without recursion, ticking the budget per value and checking its depth."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        budget.tick()
        budget.depth(depth)
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
