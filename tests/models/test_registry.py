from pathlib import Path

import pytest

from models.registry import UnknownModelError, all_specs, get, resolve, route_for


def test_defaults_and_profiles_are_registered():
    assert get("opus-mt-tc-big-fr-en").hub_id == "Helsinki-NLP/opus-mt-tc-big-fr-en"
    assert get("fast").name == "opus-mt-fr-en"
    assert get("distilbart-cnn-12-6").task == "summarization"
    for lang in ["de", "es", "it", "pt", "nl", "ru", "ar", "zh"]:
        assert route_for(lang).hub_id == f"Helsinki-NLP/opus-mt-{lang}-en"
    assert get("opus-mt-mul-en").source_languages == ("*",)


def test_every_spec_has_licence_and_limit():
    for spec in all_specs():
        assert spec.licence and spec.max_input_tokens > 0
        assert spec.revision is None or len(spec.revision) == 40


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
