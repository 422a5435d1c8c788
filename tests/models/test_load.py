"""Loading goes through the same code for a hub id (offline HF cache) as for a local directory."""

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from models.load import ModelNotAvailableError, clear_cache, load
from models.registry import get, resolve


def _as_hf_cache(model_dir: Path, cache: Path, hub_id: str, commit: str) -> None:
    """Lay a model directory out the way huggingface_hub stores a download: models--org--name/snapshots/<sha>."""
    repo = cache / f"models--{hub_id.replace('/', '--')}"
    shutil.copytree(model_dir, repo / "snapshots" / commit)
    (repo / "refs").mkdir(parents=True)
    (repo / "refs" / "main").write_text(commit)


def test_hub_id_loads_from_offline_cache(tiny_models, tmp_path):
    from transformers import MarianMTModel, MarianTokenizer

    commit = "0123456789abcdef0123456789abcdef01234567"
    _as_hf_cache(tiny_models["marian"], tmp_path, "Helsinki-NLP/opus-mt-fr-en", commit)
    spec = get("opus-mt-fr-en")
    loaded = load(spec, device="cpu", cache_dir=tmp_path)
    assert isinstance(loaded.model, MarianMTModel) and isinstance(loaded.tokenizer, MarianTokenizer)
    pinned = load(replace(spec, revision=commit), device="cpu", cache_dir=tmp_path)
    assert pinned.model.config.d_model == loaded.model.config.d_model
    clear_cache()


def test_missing_model_error_says_what_to_do(tmp_path):
    spec = get("opus-mt-tc-big-fr-en")
    with pytest.raises(ModelNotAvailableError) as info:
        load(spec, device="cpu", cache_dir=tmp_path)
    message = str(info.value)
    assert "opus-mt-tc-big-fr-en" in message and "Helsinki-NLP/opus-mt-tc-big-fr-en" in message
    assert "revision main" in message
    assert "`python -m models fetch opus-mt-tc-big-fr-en`" in message


def test_missing_pinned_revision_is_named(tmp_path):
    spec = get("distilbart-cnn-12-6")
    with pytest.raises(ModelNotAvailableError, match=spec.revision):
        load(spec, device="cpu", cache_dir=tmp_path)


def test_broken_local_directory(tmp_path):
    (tmp_path / "config.json").write_text("{}")
    with pytest.raises(ModelNotAvailableError, match="could not be loaded"):
        load(resolve(str(tmp_path), "translation"), device="cpu")


def test_loaded_once_and_shared(tiny_models):
    spec = resolve(str(tiny_models["bart"]), "summarization")
    assert load(spec, device="cpu") is load(spec, device="cpu")
