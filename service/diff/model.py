"""The Diff shape: what changed between two versions of a dispatch, typed like ``service.result``.

A Diff holds the current version's Result, every sentence of both versions aligned (``changes``), the facts
that appeared, disappeared or differ (``facts``, the top of the view) and a "what's new" summary of the added and
changed sentences only.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from service.result import Result, Summary

DIFF_SCHEMA_VERSION = 1

ChangeStatus = Literal["added", "removed", "changed", "moved", "same"]
STATUSES: tuple[str, ...] = ("added", "removed", "changed", "moved", "same")


class SentenceRef(BaseModel):
    """One sentence of one version, with its English."""

    index: int = Field(description="Position in that version's Result.sentences(), from 0.")
    paragraph: int = Field(description="Paragraph index in that version, from 0.")
    sentence: int = Field(description="Sentence index within its paragraph, from 0.")
    source: str = Field(description="The sentence as written (French).")
    translation: str = Field(description="Its English translation.")


class SentenceChange(BaseModel):
    """One aligned unit: a sentence (or a run of merged/split sentences) of one version and its counterpart."""

    status: ChangeStatus = Field(
        description="'same': identical and in place; 'changed': reworded in place; 'moved': out of its former order "
        "(see 'edited'); 'added': only in the current version; 'removed': only in the previous one."
    )
    previous: list[SentenceRef] = Field(
        default_factory=list, description="The previous version's sentence(s); several when they were merged."
    )
    current: list[SentenceRef] = Field(
        default_factory=list, description="The current version's sentence(s); several when one was split."
    )
    similarity: float = Field(
        0.0, ge=0.0, le=1.0, description="Word-level similarity of the two sides' French (1 = identical)."
    )
    edited: bool = Field(False, description="The wording differs (a moved sentence may be edited too).")
    minor: bool = Field(
        False, description="Only a small edit (a few characters, no fact changed): a typo fix, not news."
    )
    facts: list[int] = Field(default_factory=list, description="Indices into Diff.facts of the fact changes here.")


class FactChange(BaseModel):
    """A number, date, amount, name or quotation that appears, disappears or differs between the versions."""

    type: str = Field(description="'number', 'date', 'money', 'name', 'quote'.")
    change: Literal["added", "removed", "changed"] = Field(
        description="'changed': a fact of the same type was replaced in the same sentence (12 → 17); 'added' / "
        "'removed': found in one version only."
    )
    previous: str | None = Field(None, description="The fact as written in the previous version (French).")
    current: str | None = Field(None, description="The fact as written in the current version (French).")
    detail: str = Field(description="One English line, e.g. 'number changed: 12 → 17'.")
    previous_sentences: list[SentenceRef] = Field(
        default_factory=list, description="Where it was, in both languages."
    )
    current_sentences: list[SentenceRef] = Field(default_factory=list, description="Where it is, in both languages.")


class WhatsNew(BaseModel):
    """The short English summary of what the update adds (added and changed sentences only)."""

    status: Literal["summarized", "nothing_substantive"] = Field(
        description="'nothing_substantive' when no sentence was added or changed beyond minor edits."
    )
    message: str = Field(description="One line for the reader: what the summary covers, or why there is none.")
    sentences: list[int] = Field(
        default_factory=list, description="The current version's sentence indices the summary was made from."
    )
    summaries: dict[str, Summary] = Field(default_factory=dict, description="By preset, as ordinary summaries.")
    provenance: dict[str, list[dict[str, Any]]] = Field(
        default_factory=dict,
        description="By preset: service.facts Provenance of each item; sentence indices are positions in the "
        "current Result.sentences().",
    )
    issues: dict[str, list[dict[str, Any]]] = Field(
        default_factory=dict, description="By preset: facts of the summary the sentences do not support."
    )


class Diff(BaseModel):
    schema_version: int = Field(DIFF_SCHEMA_VERSION, description="Bumped whenever a field of the Diff changes meaning.")
    previous_id: str = Field(description="Id of the previous version's Result (GET /v1/results/{id}).")
    current: Result = Field(description="The current version, translated through the same pipeline.")
    facts: list[FactChange] = Field(default_factory=list, description="Fact changes: the top of the view.")
    changes: list[SentenceChange] = Field(
        default_factory=list,
        description="Every sentence of both versions, in the current version's reading order; removed sentences "
        "stand where they were.",
    )
    whats_new: WhatsNew = Field(
        description="The what's-new summary of the added and changed sentences, or why there is none."
    )
    counts: dict[str, int] = Field(default_factory=dict, description="Aligned units by status.")
    reused: int = Field(0, description="Current sentences served from the sentence cache (not re-translated).")
    timings: dict[str, float] = Field(default_factory=dict, description="Seconds per stage.")
    options: dict[str, Any] = Field(default_factory=dict, description="Alignment thresholds, presets, summarizer.")

    @property
    def substantive(self) -> bool:
        return self.whats_new.status == "summarized" or bool(self.facts)

    def to_json(self, **kwargs: Any) -> str:
        return self.model_dump_json(indent=kwargs.pop("indent", 2), **kwargs)
