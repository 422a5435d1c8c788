"""French names from the spaCy model, kept the way a translator writes them (issue 15)."""

from __future__ import annotations

from service.facts import NameTranslator, check_result, check_translation, extract_facts, load_ner
from service.facts.gazetteer import cldr_exonyms, load_gazetteer


def names(text: str) -> list[str]:
    return [f.text for f in extract_facts(text, "fr") if f.type == "name"]


def name_issues(fr: str, en: str, **kw) -> list[str]:
    return [i.source for i in check_translation(fr, en, **kw) if i.type == "name"]


def test_the_model_finds_names_the_gazetteer_does_not_know():
    found = names("Le maire Jean-Baptiste Kerbrat a reçu Mme Solène Ravanel à Plouguerneau.")
    assert "Jean-Baptiste Kerbrat" in found and "Solène Ravanel" in found and "Plouguerneau" in found


def test_a_swapped_person_is_reported():
    fr = "Le maire Jean-Baptiste Kerbrat a reçu la ministre à Plouguerneau."
    assert name_issues(fr, "Mayor Jean-Baptiste Kerbrat received the minister in Plouguerneau.") == []
    # both sides: the source's name is missing, and the full person name put in its place is not in the source
    assert name_issues(fr, "Mayor Angela Merkel received the minister in Plouguerneau.") == [
        "Jean-Baptiste Kerbrat", "Mayor Angela Merkel"]


def test_sentence_initial_words_are_not_names():
    assert names("Visitez la vieille ville avant midi.") == []
    assert names("Vieilles querelles, nouvelle donne.") == []


def test_demonyms_and_adjectives_of_place_are_not_names():
    fr = "Les Bruxellois ont voté, comme les Parisiens et les autorités marocaines."
    assert names(fr) == []
    assert name_issues(fr, "Brussels residents voted, like people in the capital and Moroccan officials.") == []


def test_country_and_language_names_come_from_cldr():
    territories = cldr_exonyms("territories")
    assert territories["Bhoutan"] == ["Bhutan"] and territories["Pays-Bas"] == ["Netherlands"]
    assert "Burma" in territories["Birmanie"]
    assert cldr_exonyms("languages")["allemand"] == ["German"]
    assert "bhoutan" in load_gazetteer().fr2en  # not in gazetteer.yaml: from CLDR
    fr = "Le président du Bhoutan est arrivé aux Pays-Bas."
    assert name_issues(fr, "The president of Bhutan arrived in the Netherlands.") == []
    # Kenya, a place the source does not name, is reported from the translation's side too
    assert name_issues(fr, "The president of Kenya arrived in the Netherlands.") == ["Bhoutan", "Kenya"]


def test_acronyms_match_their_english_equivalent():
    fr = "L'ASFC a appelé les CRS."
    assert name_issues(fr, "The CBSA called in riot police.") == []
    assert name_issues(fr, "The FBI called in riot police.") == ["ASFC"]


class FakeModel:
    """Translates names the way a model would, counting the calls."""

    def __init__(self, table: dict[str, str], fail: bool = False):
        self.table, self.fail, self.calls = table, fail, []

    def translate(self, sentences: list[str]) -> list[str]:
        self.calls.append(list(sentences))
        if self.fail:
            raise RuntimeError("the model is down")
        return [self.table.get(s, s) for s in sentences]


def test_the_models_own_rendering_of_a_name_counts_as_kept_and_is_asked_once(no_word_lexicon):
    fr = "Le cortège a traversé Sainte-Croix."
    en = "The procession went through Holy Cross."
    assert name_issues(fr, en) == ["Sainte-Croix"]
    model = FakeModel({"Sainte-Croix": "Holy Cross"})
    names_ = NameTranslator(model.translate)
    assert name_issues(fr, en, name_translator=names_) == []
    assert name_issues(fr, en, name_translator=names_) == []
    assert model.calls == [["Sainte-Croix"]]
    # the rendering must be there: a different place is still reported
    assert name_issues(fr, "The procession went through Dover.", name_translator=names_) == ["Sainte-Croix", "Dover"]


def test_a_failing_name_translator_only_loses_that_route(no_word_lexicon):
    model = FakeModel({}, fail=True)
    names_ = NameTranslator(model.translate)
    fr, en = "Le cortège a traversé Sainte-Croix.", "The procession went through Holy Cross."
    assert name_issues(fr, en, name_translator=names_) == ["Sainte-Croix"]
    assert names_("Sainte-Croix") is None


def test_check_result_passes_the_name_translator_on(no_word_lexicon):
    from tests.service.results_factory import make_result

    result = make_result(sources=[["Le cortège a traversé Sainte-Croix."]],
                         translations=[["The procession went through Holy Cross."]])
    assert [i["source"] for i in check_result(result)["translation"]] == ["Sainte-Croix"]
    model = FakeModel({"Sainte-Croix": "Holy Cross"})
    assert check_result(result, name_translator=NameTranslator(model.translate))["translation"] == []


def test_the_ner_is_loaded_once_per_process():
    assert load_ner() is load_ner()


def test_a_fact_check_failure_is_a_warning_on_the_result_not_an_error(pipeline, monkeypatch):
    import service.pipeline.fact_stage as pipeline_module

    def broken(*args, **kwargs):
        raise ZeroDivisionError("float division by zero")

    monkeypatch.setattr(pipeline_module, "check_result", broken)
    result = pipeline.run("Le budget passera de 10 à 0 millions d'euros.", summaries=["headline"],
                          summarizer="extractive-lead")
    assert result.paragraphs and result.paragraphs[0].sentences[0].translation
    assert [w.code for w in result.warnings if w.code == "facts.failed"] == ["facts.failed"]


def test_the_pipeline_hands_the_fact_check_its_model_as_name_translator(pipeline):
    assert isinstance(pipeline.name_translator, NameTranslator)
    assert pipeline.name_translator("Sainte-Croix") is not None  # the tiny model renders something, once


def test_a_swapped_first_name_is_reported_a_dropped_one_is_not():
    fr = "Le président Mohammed Morsi a parlé avec Larry Hagman."
    assert name_issues(fr, "President Sydney Morsi spoke with Larry Hagman.") == ["Mohammed Morsi"]
    assert name_issues(fr, "President Mursi spoke with Mr Hagman.") == []
