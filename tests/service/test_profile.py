"""A local model directory of a registered model runs on the same default CPU profile as its registry name
(CTranslate2 int8), matched by a recorded name or by architecture and published dimensions."""

import json
import shutil

import pytest

from models.registry import get, resolve
from models.tiny import DISTILBART_CNN_12_6, OPUS_MT_FR_EN, OPUS_MT_TC_BIG_FR_EN
from service.profile import registered_match, summary_options, translation_options
from service.settings import Settings

CPU = Settings(device="cpu")


def _config_dir(path, model_type, dims, **extra):
    path.mkdir(parents=True)
    (path / "config.json").write_text(json.dumps({"model_type": model_type, **dims, **extra}))
    return str(path)


@pytest.mark.parametrize("name,dims", [("opus-mt-fr-en", OPUS_MT_FR_EN), ("opus-mt-tc-big-fr-en", OPUS_MT_TC_BIG_FR_EN)])
def test_local_translation_model_of_a_registered_architecture_gets_its_profile(tmp_path, name, dims):
    spec = resolve(_config_dir(tmp_path / "my-checkpoint", "marian", {**dims, "vocab_size": 1234}), "translation")
    registered = translation_options(CPU, get(name))
    assert registered.describe() == "ctranslate2 int8"
    assert translation_options(CPU, spec) == registered
    assert registered_match(spec).architecture == "marian"


def test_local_summarizer_of_a_registered_architecture_gets_its_profile(tmp_path):
    spec = resolve(_config_dir(tmp_path / "summarizer", "bart", DISTILBART_CNN_12_6), "summarization")
    assert summary_options(CPU, spec) == summary_options(CPU, get("distilbart-cnn-12-6"))
    assert summary_options(CPU, spec).describe() == "ctranslate2 int8"


def test_recorded_names_match(tmp_path):
    cache = tmp_path / "models--Helsinki-NLP--opus-mt-fr-en" / "snapshots" / "abc"
    assert registered_match(resolve(_config_dir(cache, "marian", {"d_model": 16}), "translation")).name == "opus-mt-fr-en"
    named = _config_dir(tmp_path / "x", "marian", {"d_model": 16}, _name_or_path="Helsinki-NLP/opus-mt-tc-big-fr-en")
    assert registered_match(resolve(named, "translation")).name == "opus-mt-tc-big-fr-en"


def test_unregistered_shapes_keep_transformers(tmp_path):
    odd = resolve(_config_dir(tmp_path / "odd", "marian", {**OPUS_MT_FR_EN, "d_model": 384}), "translation")
    assert registered_match(odd) is None
    assert translation_options(CPU, odd).describe() == "transformers"
    wrong_task = resolve(_config_dir(tmp_path / "bart", "bart", DISTILBART_CNN_12_6), "translation")
    assert registered_match(wrong_task) is None


def test_pipeline_loads_a_recorded_local_copy_on_ctranslate2_int8(tiny_settings, tiny_models, tmp_path):
    from service.pipeline import Pipeline

    copy = tmp_path / "opus-copy"
    shutil.copytree(tiny_models["marian"], copy)
    config = json.loads((copy / "config.json").read_text())
    (copy / "config.json").write_text(json.dumps({**config, "_name_or_path": "Helsinki-NLP/opus-mt-fr-en"}))
    settings = tiny_settings.model_copy(update={"translation_model": str(copy), "summary_model": "extractive",
                                                "device": "cpu", "ct2_dir": tmp_path / "ct2"})
    pipeline = Pipeline.from_settings(settings)
    try:
        result = pipeline.run("Le président est arrivé à Paris lundi.", summaries=[], source_language="fr")
    finally:
        pipeline.close()
    [used] = [m for m in result.models if m.role == "translation"]
    assert (used.backend, used.dtype) == ("ctranslate2", "int8")
    assert result.paragraphs[0].sentences[0].translation
