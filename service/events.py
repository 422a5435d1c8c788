"""Events a pipeline run emits while it works: stage progress and paragraphs as soon as they are translated.
The app turns them into a progress bar and a streaming view; the API into a stream; the CLI ignores them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Union

from service.result import Paragraph


@dataclass(frozen=True)
class Progress:
    stage: str
    """'normalizing', 'detecting', 'segmenting', 'translating', 'summarizing'."""
    done: int
    total: int

    @property
    def message(self) -> str:
        if self.stage == "translating":
            return f"translating {self.done}/{self.total} sentences"
        if self.stage == "summarizing":
            return f"summarizing {self.done}/{self.total} presets"
        return self.stage


@dataclass(frozen=True)
class ParagraphReady:
    paragraph: Paragraph
    total_paragraphs: int


Event = Union[Progress, ParagraphReady]
Listener = Callable[[Event], None]


def ignore(_event: Event) -> None:
    return None
