"""What ``POST /v1/brief`` and the app's Brief view do, without the web layers: take ``{text | result_id,
template}``, get the Result (translate the text, or reopen the stored one), brief it, store it, and answer with the
brief, its template version and flags. The caller passes its own ways to translate, look up and save Results (the
runtime's), so this module knows nothing of the server."""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from typing import Callable

from pydantic import BaseModel, ConfigDict, Field, model_validator

from service.errors import InputError, NotFound
from service.result import Brief, FactFlag, PromptRef, Result

from .edit import apply_edits
from .export import to_markdown


class BriefRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, description="A dispatch to translate and brief.")
    result_id: str | None = Field(None, description="A stored Result to brief (its translation).")
    template: str = Field("brief", description="Prompt template: brief, headline, bullets, plain, lede, paragraph.")
    version: int | None = Field(None, ge=1, description="Template version (default: the latest).")
    with_source: bool | None = Field(None, description="Give the model the French source too (default: setting).")

    @model_validator(mode="after")
    def _one_input(self) -> "BriefRequest":
        if (self.text is None) == (self.result_id is None):
            raise ValueError("give exactly one of 'text' or 'result_id'")
        return self


class BriefResponse(BaseModel):
    result_id: str
    template: PromptRef
    status: str
    brief: Brief
    flags: list[FactFlag]
    markdown: str


class EditRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    result_id: str
    template: str = "brief"
    sections: dict[str, str | list[str]] = Field(description="Section key → new text (or list of items).")


def respond(result: Result, brief: Brief) -> BriefResponse:
    return BriefResponse(
        result_id=result.id,
        template=brief.template,
        status=brief.status,
        brief=brief,
        flags=brief.flags,
        markdown=to_markdown(brief),
    )


def handle_brief(
    body: BriefRequest,
    *,
    pipeline,
    translate: Callable[[str], Result],
    lookup: Callable[[str], Result | None],
    save: Callable[[Result], None],
    slot: Callable[[], AbstractContextManager] = nullcontext,
) -> BriefResponse:
    """Brief a dispatch or a stored Result; the Result (with ``briefs[template]``) is saved before answering.
    ``slot`` is the runtime's admission control, held only while the brief model runs (``translate`` takes its
    own)."""
    if body.result_id is not None:
        result = lookup(body.result_id)
        if result is None:
            raise NotFound(f"no stored result with id {body.result_id!r}")
    else:
        result = translate(body.text or "")
    with slot():
        brief = pipeline.brief(result, body.template, version=body.version, with_source=body.with_source)
    result.extra.pop("cache", None)  # how this request found the Result, not part of it
    save(result)
    return respond(result, brief)


def handle_edit(
    body: EditRequest, *, lookup: Callable[[str], Result | None], save: Callable[[Result], None]
) -> BriefResponse:
    """Apply an editor's changes to a stored brief, re-check it, save the Result."""
    result = lookup(body.result_id)
    if result is None:
        raise NotFound(f"no stored result with id {body.result_id!r}")
    brief = result.briefs.get(body.template)
    if brief is None:
        raise InputError(
            f"result {body.result_id} has no {body.template!r} brief yet; briefs: {', '.join(result.briefs) or 'none'}",
            code="no_brief",
        )
    if brief.status != "ok":
        raise InputError("this brief failed to generate: generate it again before editing", code="no_brief")
    edited = apply_edits(brief, body.sections, result.translation)
    result.briefs[body.template] = edited
    save(result)
    return respond(result, edited)
