"""Briefs through the pipeline: loaded once at start-up, the 'llm' summarizer, Pipeline.brief, and the
evaluation harness's brief_system."""

import pytest

from prompts import load_template
from service.brief.system import brief_system
from service.errors import ModelUnavailable

from .brief_fixtures import DISPATCH_EN

FRENCH = (
    "BRUXELLES : Les Alliés des Etats-Unis ont accepté vendredi de renforcer la mission de l'Otan en Irak. "
    "L'Otan a actuellement 500 personnels en Irak dans le cadre de sa mission. "
    "La planification sera discutée lors de la prochaine réunion des ministres de la défense en février 2021. "
    "La mission Resolute Support en Afghanistan compte 12.000 personnels, selon le secrétaire général."
)


def test_pipeline_loads_the_brief_model_once(pipeline):
    assert pipeline.briefs is not None and pipeline.briefs.available
    assert pipeline.briefs.models_used()[0].role == "brief"


def test_llm_summarizer_records_prompt_and_model(pipeline):
    result = pipeline.run(FRENCH, summaries=["headline", "bullets"], summarizer="llm")
    for name in ("headline", "bullets"):
        summary = result.summaries[name]
        assert summary.method.startswith("llm")
        assert summary.prompt.name == name and summary.prompt.hash == load_template(name).content_hash
    assert any(m.role == "brief" for m in result.models)
    assert result.options["summarizer"] == "llm"


def test_pipeline_brief_is_stored_in_the_result(pipeline):
    result = pipeline.run(FRENCH, summaries=[])
    brief = pipeline.brief(result, "plain", with_source=True)
    # Random weights: the answer never parses, so this is the clear failure path, recorded with its template.
    assert result.briefs["plain"] is brief and brief.status == "failed" and brief.attempts == 2
    assert brief.input == "translation+source" and brief.template.version == 1


def test_llm_summarizer_unavailable_is_a_clear_error(pipeline):
    from dataclasses import replace

    from service.brief.service import BriefService

    without = replace(pipeline, briefs=BriefService(None, reason="briefs are turned off (setting WIREBRIEF_BRIEFS=off)"))
    with pytest.raises(ModelUnavailable, match="WIREBRIEF_BRIEFS=off"):
        without.validate(FRENCH, ["headline"], "llm")
    without.validate(FRENCH, [], "llm")  # no preset asked: nothing needs the model


def test_brief_system_runs_a_named_template(tiny_settings):
    system = brief_system(tiny_settings, "headline", 1, translate=False)
    out = system.run(DISPATCH_EN)
    brief = system.brief(DISPATCH_EN)
    assert (brief.template.name, brief.template.version) == ("headline", 1)
    assert out == brief.text()  # greedy decoding: run() is that same brief, as plain text
    described = system.describe()
    assert described["prompt_versions"] == {"headline": {"version": 1, "hash": load_template("headline").content_hash}}
    assert described["models"][0]["role"] == "brief" and described["decoding"]["do_sample"] is False
    with pytest.raises(Exception, match="no version 7"):
        brief_system(tiny_settings, "headline", 7, translate=False)


def test_brief_system_translates_french_first(tiny_settings):
    system = brief_system(tiny_settings, "headline", translate=True)
    brief = system.brief(FRENCH)
    assert brief.input == "translation" and brief.attempts == 2
    assert {m["role"] for m in system.describe()["models"]} >= {"translation", "brief"}
