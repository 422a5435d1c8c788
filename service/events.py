"""Events a pipeline run emits while it works: stage progress and paragraphs as soon as they are translated.
The app turns them into a progress bar and a streaming view; the API into a stream; the CLI ignores them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Union

from service.result import Paragraph, Summary


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


@dataclass(frozen=True)
class Glance:
    """"At a glance", before any summary is generated: the translated first paragraph of the dispatch (wire copy
    opens with its key facts). Replaced by the generated summaries as they arrive."""

    text: str
    label: str = "At a glance: the dispatch's first paragraph, translated (generated summaries follow)"
    source: str = "first-paragraph"


@dataclass(frozen=True)
class SummaryReady:
    """One preset's summary, as soon as it is ready (``done`` of ``total`` presets)."""

    summary: Summary
    done: int
    total: int


Event = Union[Progress, ParagraphReady, Glance, SummaryReady]
Listener = Callable[[Event], None]


def ignore(_event: Event) -> None:
    return None
