"""The brief flow end to end: scripted answers (known text) through the real chat template, and the tiny random
chat model (whose answers never parse) for the retry-then-clear-failure path."""

import pytest

from prompts import load_template
from service.brief.service import BriefService
from service.errors import InputError, ModelUnavailable
from service.result import Result
from service.settings import Settings

from .brief_fixtures import DISPATCH_EN, GOOD_BRIEF, ScriptedGenerator


def _service(tiny_chat, answers, **kwargs):
    gen = ScriptedGenerator(tiny_chat, answers)
    return BriefService(gen, **kwargs), gen


def test_brief_records_template_version_and_hash(tiny_chat):
    service, gen = _service(tiny_chat, [GOOD_BRIEF])
    brief = service.generate(DISPATCH_EN, template="brief")
    tpl = load_template("brief", 1)
    assert brief.status == "ok" and brief.attempts == 1
    assert (brief.template.name, brief.template.version, brief.template.hash) == ("brief", 1, tpl.content_hash)
    assert brief.model is not None and brief.model.role == "brief"
    assert [s.key for s in brief.sections] == [s.key for s in tpl.sections]
    assert brief.section("dateline").items == ["BRUSSELS"]
    assert brief.flags == [], brief.flags
    # The prompt that went to the model held the dispatch inside its fence.
    user = gen.calls[0][1]["content"]
    assert "NATO currently has 500 personnel in Iraq." in user


def test_unsupported_facts_are_flagged_per_item(tiny_chat):
    invented = (
        GOOD_BRIEF.replace("NATO currently has 500 personnel", "NATO currently has 900 personnel")
        .replace("SAID BY: NATO secretary general Jens Stoltenberg", "SAID BY: NATO secretary general Mark Rutte")
        .replace("remains worrying", "is hopeless")
    )
    service, _ = _service(tiny_chat, [invented])
    brief = service.generate(DISPATCH_EN)
    by_place = {(f.section, f.item, f.type) for f in brief.flags}
    assert ("bullets", 1, "number") in by_place
    assert ("quote", 0, "quote") in by_place
    assert any(f.section == "attribution" and "Rutte" in f.text for f in brief.flags)
    assert not any(f.section == "headline" for f in brief.flags)


def test_one_retry_after_a_parse_failure(tiny_chat):
    service, gen = _service(tiny_chat, ["I cannot help with that.", GOOD_BRIEF])
    brief = service.generate(DISPATCH_EN, template="brief")
    assert brief.status == "ok" and brief.attempts == 2 and len(brief.raw_outputs) == 2
    retry = gen.calls[1]
    assert [m["role"] for m in retry] == ["system", "user", "assistant", "user"]
    assert retry[2]["content"] == "I cannot help with that."
    assert "could not be used: it has none of the labelled lines" in retry[3]["content"]
    assert any("asked once more" in n for n in brief.notes)


def test_two_parse_failures_give_a_clear_failed_brief(tiny_chat):
    service, gen = _service(tiny_chat, ["nonsense", "HEADLINE: <placeholder text here>"])
    brief = service.generate(DISPATCH_EN, template="headline")
    assert brief.status == "failed" and brief.attempts == 2 and brief.sections == []
    assert "did not follow the headline v1 format after 2 attempts" in brief.failure
    assert "placeholders" in brief.failure and len(gen.calls) == 2


def test_random_tiny_model_is_retried_then_fails_clearly(tiny_chat):
    """Random weights never write the format: the real generate path must retry once and then fail clearly."""
    service = BriefService(tiny_chat, max_new_tokens=12)
    brief = service.generate(DISPATCH_EN, template="headline")
    assert brief.status == "failed" and brief.attempts == 2 and len(brief.raw_outputs) == 2
    assert "after 2 attempts" in brief.failure and "cut at 12 tokens" in brief.failure
    assert brief.template.hash == load_template("headline").content_hash


def test_for_result_stores_the_brief_and_round_trips(tiny_chat):
    service, gen = _service(tiny_chat, [GOOD_BRIEF], with_source=True)
    from service.result import LanguageInfo, Paragraph, Sentence

    result = Result(
        language=LanguageInfo(code="fr", name="French", confidence=1.0),
        translated=True,
        paragraphs=[Paragraph(index=0, sentences=[Sentence(index=0, source="L'Otan a 500 personnels.", translation=DISPATCH_EN)])],
    )
    brief = service.for_result(result, template="brief")
    assert result.briefs["brief"] is brief and brief.input == "translation+source"
    assert "FRENCH ORIGINAL" in gen.calls[0][1]["content"] and "L'Otan a 500 personnels." in gen.calls[0][1]["content"]
    again = Result.model_validate_json(result.to_json())
    assert again.briefs["brief"].template == brief.template
    assert again.briefs["brief"].section("headline").items == brief.section("headline").items


def test_bad_requests_are_input_errors(tiny_chat):
    service, _ = _service(tiny_chat, [GOOD_BRIEF])
    with pytest.raises(InputError, match="unknown prompt template 'memo'"):
        service.generate(DISPATCH_EN, template="memo")
    with pytest.raises(InputError, match="no English text"):
        service.generate("   ", template="brief")


def test_startup_degrades_when_the_model_is_missing(tmp_path):
    settings = Settings(briefs="on", brief_model="qwen2.5-1.5b-instruct", hf_cache_dir=tmp_path, allow_download=False)
    service = BriefService.from_settings(settings)
    assert not service.available
    assert "Qwen/Qwen2.5-1.5B-Instruct" in service.reason and "python -m models fetch" in service.reason
    with pytest.raises(ModelUnavailable, match="briefs are unavailable"):
        service.generate(DISPATCH_EN)
    off = BriefService.from_settings(Settings(briefs="off"))
    assert not off.available and "WIREBRIEF_BRIEFS=off" in off.reason


def test_startup_loads_the_configured_chat_model(tiny_settings):
    service = BriefService.from_settings(tiny_settings)
    from pathlib import Path

    assert service.available and service.models_used()[0].path == str(Path(tiny_settings.brief_model).resolve())


def test_time_limit_is_a_clear_error(tiny_chat):
    from service.errors import GenerationTimeout

    service = BriefService(tiny_chat, max_time=1e-9)
    with pytest.raises(GenerationTimeout, match="WIREBRIEF_BRIEF_MAX_TIME"):
        service.generate(DISPATCH_EN, template="headline")
