import re
from pathlib import Path

import pytest

from models.registry import ModelSpec, UnknownModelError, all_specs, get, register, resolve, route_for


def test_defaults_and_profiles_are_registered():
    assert get("opus-mt-tc-big-fr-en").hub_id == "Helsinki-NLP/opus-mt-tc-big-fr-en"
    assert get("fast").name == "opus-mt-fr-en"
    assert get("distilbart-cnn-12-6").task == "summarization"
    for lang in ["de", "es", "it", "nl", "ru", "ar", "zh"]:
        assert route_for(lang).hub_id == f"Helsinki-NLP/opus-mt-{lang}-en"
    # No Helsinki-NLP/opus-mt-pt-en exists on the hub: Portuguese goes through the Romance model.
    assert route_for("pt").hub_id == "Helsinki-NLP/opus-mt-roa-en"
    assert get("opus-mt-mul-en").source_languages == ("*",)


def test_every_entry_is_pinned_to_a_full_commit_with_its_source():
    for spec in all_specs():
        assert spec.licence and spec.max_input_tokens > 0
        assert spec.revision is not None and re.fullmatch(r"[0-9a-f]{40}", spec.revision), (spec.name, spec.revision)
        assert len(spec.revision_source) > 20, spec.name


def test_the_default_translation_models_carry_the_commits_confirmed_in_the_docs():
    # Confirmed from the hub's own commit pages/histories (docs/architecture.md): a change here must change the docs.
    assert get("opus-mt-tc-big-fr-en").revision == "5fa3b3c9fa3bcd65fbf31206c3ec7419c9d9cd7d"
    assert get("opus-mt-ar-en").revision == "9c5efffe6f69dcb65d7156f40dfa27b54be34258"
    assert get("opus-mt-mul-en").revision == "bc0ba94fb12f8b8cf88bd8a925b15ccd5fb94340"
    table = (Path(__file__).parents[2] / "docs" / "architecture.md").read_text(encoding="utf-8")
    for spec in all_specs():
        if not spec.name.startswith("qwen"):  # the docs abbreviate the three Qwen commits on one row
            assert spec.revision in table, spec.name


@pytest.mark.parametrize("revision", [None, "main", "5fa3b3c", "v1.0"])
def test_register_refuses_an_entry_that_is_not_pinned_to_a_full_commit(revision):
    spec = ModelSpec(name="unpinned-test-model", task="translation", hub_id="someone/model", revision=revision,
                     licence="mit", revision_source="somewhere")
    with pytest.raises(ValueError, match="full 40-hex commit"):
        register(spec)
    assert "unpinned-test-model" not in {s.name for s in all_specs()}


def test_register_refuses_a_pin_without_its_source():
    spec = ModelSpec(name="sourceless-test-model", task="translation", hub_id="someone/model", revision="a" * 40,
                     licence="mit")
    with pytest.raises(ValueError, match="revision_source"):
        register(spec)


def test_licences_follow_the_model_cards():
    assert get("opus-mt-zh-en").licence == "cc-by-4.0"
    assert get("opus-mt-tc-big-fr-en").licence == "cc-by-4.0"
    assert get("opus-mt-fr-en").licence == "apache-2.0"
    assert get("qwen2.5-3b-instruct").licence == "qwen-research"


def test_resolve_hub_id_keeps_registered_metadata(tmp_path: Path):
    spec = resolve("Helsinki-NLP/opus-mt-fr-en@abc", "translation")
    assert spec.name == "opus-mt-fr-en" and spec.revision == "abc" and spec.licence == "apache-2.0"
    other = resolve("someone/some-model", "translation")
    assert other.hub_id == "someone/some-model" and other.revision is None


def test_resolve_local_directory(tmp_path: Path):
    spec = resolve(str(tmp_path), "summarization")
    assert spec.local_path == str(tmp_path.resolve()) and spec.hub_id is None


def test_resolve_rejects_wrong_task_and_nonsense():
    with pytest.raises(UnknownModelError, match="summarization model, not a translation"):
        resolve("distilbart-cnn-12-6", "translation")
    with pytest.raises(UnknownModelError, match="neither a registered model"):
        resolve("no-such-thing", "translation")
