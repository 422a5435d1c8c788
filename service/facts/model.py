"""Data shapes of the fact checker: a Fact found in a text, a FactIssue found by comparing two texts, and the
Provenance of one summary item."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

FactType = Literal["number", "date", "money", "name", "quote"]
FACT_TYPES: tuple[str, ...] = ("number", "date", "money", "name", "quote")


class Fact(BaseModel):
    """One fact found in a text, with its language-neutral value.

    ``keys`` are the normalized values the fact can be matched by across languages (a number's value, a date's
    month, a money amount with its currency, a name's accent- and case-folded forms...). ``soft`` facts (approximate
    amounts such as "une dizaine", ordinal words such as "premier") support facts on the other side but are never
    reported missing themselves.
    """

    type: FactType
    text: str = Field(description="The surface form as it appears in the text.")
    start: int
    end: int
    value: str = Field(description="Canonical value, e.g. '1200000', '2021-02', 'EUR 30', 'NATO'.")
    keys: list[str] = Field(default_factory=list, description="Any one of these found on the other side matches.")
    provides: list[str] = Field(
        default_factory=list, description="Keys this fact supports on the other side (its own keys and looser ones)."
    )
    soft: bool = False
    data: dict[str, Any] = Field(default_factory=dict, description="Type-specific details (numeric value, speaker…).")


class FactIssue(BaseModel):
    """A fact that did not survive: missing from the translation or summary, changed, or unsupported."""

    type: FactType
    source: str = Field(description="The fact as written where it was found (source text, or the summary).")
    detail: str = Field(description="What is wrong, in one line.")
    side: Literal["source", "target"] = Field(
        "source",
        description="'source': a fact of the source missing or changed in the output; "
        "'target': a fact of the output (translation or summary) that the source does not support.",
    )
    paragraph: int | None = None
    sentence: int | None = Field(None, description="Sentence index (within its paragraph when paragraph is set).")

    def brief(self) -> dict[str, str]:
        """The JSONL shape of `python -m eval facts --jsonl`."""
        return {"type": self.type, "source": self.source, "detail": self.detail}


class Provenance(BaseModel):
    """Which translated sentences support one summary item, and how well."""

    item: int = Field(description="Index of the summary item (bullet or sentence).")
    text: str
    sentences: list[int] = Field(default_factory=list, description="Supporting translated sentence indices, best first.")
    scores: list[float] = Field(default_factory=list, description="Per supporting sentence: its share of the item's words.")
    support: float = Field(0.0, ge=0.0, le=1.0, description="Share of the item's content words found in the support.")
    supported: bool = False
    issues: list[FactIssue] = Field(default_factory=list, description="Facts of this item the source does not support.")
