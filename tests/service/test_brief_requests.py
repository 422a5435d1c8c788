"""POST /v1/brief's logic without the web layer: text or result_id in, brief + template version + flags out, the
Result saved with its brief; editors' edits saved too."""

import pytest
from pydantic import ValidationError

from service.brief.requests import BriefRequest, EditRequest, handle_brief, handle_edit
from service.errors import NotFound as NotFoundError
from service.brief.service import BriefService
from service.errors import InputError

from .brief_fixtures import GOOD_BRIEF, ScriptedGenerator
from .test_brief_pipeline import FRENCH


class Store(dict):
    def save(self, result):
        self[result.id] = result.model_copy(deep=True)


@pytest.fixture
def scripted_pipeline(pipeline, tiny_chat):
    from dataclasses import replace

    gen = ScriptedGenerator(tiny_chat, [GOOD_BRIEF, GOOD_BRIEF])
    return replace(pipeline, briefs=BriefService(gen))


def test_request_needs_exactly_one_input():
    with pytest.raises(ValidationError, match="exactly one"):
        BriefRequest(template="brief")
    with pytest.raises(ValidationError, match="exactly one"):
        BriefRequest(text="x", result_id="y")
    with pytest.raises(ValidationError):
        BriefRequest(text="x", colour="red")


def test_text_request_translates_briefs_and_saves(scripted_pipeline):
    store = Store()
    translate = lambda text: scripted_pipeline.run(text, summaries=[])  # noqa: E731
    answer = handle_brief(BriefRequest(text=FRENCH), pipeline=scripted_pipeline, translate=translate,
                          lookup=store.get, save=store.save)
    assert answer.status == "ok" and answer.template.name == "brief" and answer.template.version == 1
    assert answer.markdown.startswith("# NATO allies agree")
    saved = store[answer.result_id]
    assert saved.briefs["brief"].template == answer.template
    assert answer.flags == saved.briefs["brief"].flags
    # A stored result can be briefed again by id; the brief model runs inside the caller's admission slot.
    slots = []

    from contextlib import contextmanager

    @contextmanager
    def slot():
        slots.append("in")
        yield
        slots.append("out")

    store[answer.result_id].extra["cache"] = {"hit": True}
    again = handle_brief(BriefRequest(result_id=answer.result_id, template="brief"), pipeline=scripted_pipeline,
                         translate=translate, lookup=store.get, save=store.save, slot=slot)
    assert again.result_id == answer.result_id and slots == ["in", "out"]
    assert "cache" not in store[answer.result_id].extra


def test_unknown_result_id_is_not_found(scripted_pipeline):
    with pytest.raises(NotFoundError):
        handle_brief(BriefRequest(result_id="nope"), pipeline=scripted_pipeline, translate=None, lookup={}.get,
                     save=lambda r: None)


def test_edits_are_saved_with_the_result(scripted_pipeline):
    store = Store()
    translate = lambda text: scripted_pipeline.run(text, summaries=[])  # noqa: E731
    answer = handle_brief(BriefRequest(text=FRENCH), pipeline=scripted_pipeline, translate=translate,
                          lookup=store.get, save=store.save)
    edited = handle_edit(EditRequest(result_id=answer.result_id, sections={"headline": "NATO grows its Iraq mission"}),
                         lookup=store.get, save=store.save)
    stored = store[answer.result_id].briefs["brief"]
    assert edited.brief.edited and stored.edited
    assert stored.section("headline").items == ["NATO grows its Iraq mission"]
    assert stored.generated is not None
    with pytest.raises(InputError, match="no 'plain' brief"):
        handle_edit(EditRequest(result_id=answer.result_id, template="plain", sections={}), lookup=store.get,
                    save=store.save)
