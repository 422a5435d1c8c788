"""service.glossary_edit without a server: validation rules, the YAML round trip, where the user file lives and
that a saved file is what the next start-up loads."""

from __future__ import annotations

import pytest

from service.errors import InputError, LimitExceeded
from service.facts.glossary import default_glossary, glossary_from_settings, user_glossary_path
from service.glossary_edit import GlossaryDoc, GlossaryTerm, parse_doc, read_user, validate, write_user
from service.settings import Settings


@pytest.fixture
def settings(tmp_path):
    default_glossary.cache_clear()
    yield Settings(db_path=tmp_path / "db" / "wirebrief.sqlite3")
    default_glossary.cache_clear()


def test_validate_cleans_whitespace_and_duplicate_forms(settings):
    doc = GlossaryDoc(terms=[GlossaryTerm(fr=["  la  Zorglub ", "la Zorglub", ""], en=" the  Zorglub ")], keep=[" Jean Dupont "])
    cleaned = validate(doc, settings)
    assert cleaned.terms == [GlossaryTerm(fr=["la Zorglub"], en="the Zorglub")]
    assert cleaned.keep == ["Jean Dupont"]


def test_validate_names_the_entry_and_the_rule(settings):
    with pytest.raises(InputError, match=r"term 1 \('Zorglub'\): the English is 201 characters long; the most is 200"):
        validate(GlossaryDoc(terms=[GlossaryTerm(fr=["Zorglub"], en="x" * 201)]), settings)
    with pytest.raises(InputError, match=r"keep 2: the French form 'Élysée' is already in keep 1"):
        validate(GlossaryDoc(keep=["Elysée", "Élysée"]), settings)  # matching ignores accents: a real clash
    small = settings.model_copy(update={"glossary_max_entries": 1})
    with pytest.raises(LimitExceeded, match="WIREBRIEF_GLOSSARY_MAX_ENTRIES"):
        validate(GlossaryDoc(keep=["A", "B"]), small)
    with pytest.raises(InputError, match=r"terms\.0\.en: Field required"):
        parse_doc({"terms": [{"fr": ["X"]}]})


def test_user_file_beside_the_database_is_loaded_at_start_up(settings):
    path = user_glossary_path(settings)
    assert path == settings.db_path.parent / "glossary.yaml"
    assert not any(e.target == "the Zorglub Agency" for e in glossary_from_settings(settings).entries)
    doc = GlossaryDoc(terms=[GlossaryTerm(fr=["Zorglub"], en="the Zorglub Agency")], keep=["Jean Dupont"])
    write_user(doc, path)
    assert read_user(settings) == doc
    default_glossary.cache_clear()
    loaded = glossary_from_settings(settings)
    assert [e.target for e in loaded.entries if "Zorglub" in e.fr] == ["the Zorglub Agency"]
    assert any(e.keep and e.target == "Jean Dupont" for e in loaded.entries)
    assert any(e.target == "NATO" for e in loaded.entries)  # still merged with the shipped default


def test_an_explicit_glossary_path_wins(settings, tmp_path):
    explicit = settings.model_copy(update={"glossary_path": tmp_path / "newsroom.yaml"})
    assert user_glossary_path(explicit) == tmp_path / "newsroom.yaml"
