"""Loading goes through the same code for a hub id (offline HF cache) as for a local directory, loads the pinned
snapshot, and records the commit it actually loaded."""

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from models.load import ModelNotAvailableError, clear_cache, load
from models.registry import get, resolve
from service.result import ModelUsed

COMMIT_A = "0123456789abcdef0123456789abcdef01234567"
COMMIT_B = "fedcba9876543210fedcba9876543210fedcba98"


def _as_hf_cache(model_dir: Path, cache: Path, hub_id: str, commit: str, main: bool = True) -> Path:
    """Lay a model directory out the way huggingface_hub stores a download: models--org--name/snapshots/<sha>."""
    repo = cache / f"models--{hub_id.replace('/', '--')}"
    shutil.copytree(model_dir, repo / "snapshots" / commit)
    if main:
        (repo / "refs").mkdir(parents=True, exist_ok=True)
        (repo / "refs" / "main").write_text(commit)
    return repo / "snapshots" / commit


def _perturbed_copy(model_dir: Path, out: Path, *, safetensors: bool = True) -> Path:
    """The same architecture with other weights (a 'newer revision'), saved as safetensors or as pytorch_model.bin."""
    import torch
    from transformers import MarianMTModel, MarianTokenizer

    model = MarianMTModel.from_pretrained(model_dir)
    with torch.no_grad():
        model.model.shared.weight.mul_(-1.0)
    model.save_pretrained(out)
    MarianTokenizer.from_pretrained(model_dir).save_pretrained(out)
    if not safetensors:  # transformers 5 writes only safetensors: write the PyTorch pickle older repos hold
        from safetensors.torch import load_file

        torch.save(load_file(out / "model.safetensors"), out / "pytorch_model.bin")
        (out / "model.safetensors").unlink()
    return out


def test_pinned_revision_loads_that_snapshot_and_records_it(tiny_models, tmp_path):
    cache = tmp_path / "cache"
    _as_hf_cache(tiny_models["marian"], cache, "Helsinki-NLP/opus-mt-fr-en", COMMIT_A, main=False)
    newer = _perturbed_copy(tiny_models["marian"], tmp_path / "newer")
    _as_hf_cache(newer, cache, "Helsinki-NLP/opus-mt-fr-en", COMMIT_B)  # main → B
    spec = get("opus-mt-fr-en")
    pinned = load(replace(spec, revision=COMMIT_A), device="cpu", cache_dir=cache)
    following_main = load(replace(spec, revision=None), device="cpu", cache_dir=cache)
    assert pinned.revision == COMMIT_A and following_main.revision == COMMIT_B
    a = pinned.model.model.shared.weight
    b = following_main.model.model.shared.weight
    assert bool((a == -b).all()) and not bool((a == b).all())  # two different snapshots were read
    used_a = ModelUsed.from_loaded(pinned, "translation")
    used_b = ModelUsed.from_loaded(following_main, "translation")
    assert used_a.revision == COMMIT_A and used_b.revision == COMMIT_B
    from service.pipeline import result_key

    assert result_key("x", [used_a], {}) != result_key("x", [used_b], {})
    clear_cache()


def test_registry_pin_is_not_what_the_result_records_when_another_commit_loads(tiny_models, tmp_path):
    """A local directory records its own fingerprint, an HF snapshot its directory name — never spec.revision."""
    cache = tmp_path / "cache"
    _as_hf_cache(tiny_models["marian"], cache, "Helsinki-NLP/opus-mt-fr-en", COMMIT_A)
    spec = replace(get("opus-mt-fr-en"), revision=None)
    loaded = load(spec, device="cpu", cache_dir=cache)
    assert ModelUsed.from_loaded(loaded, "translation").revision == COMMIT_A
    local = load(resolve(str(tiny_models["marian"]), "translation"), device="cpu")
    assert local.revision.startswith("local-") and len(local.revision) > len("local-")
    clear_cache()


@pytest.mark.parametrize("backend", ["transformers", "ctranslate2"])
def test_bin_only_checkpoint_loads_on_both_backends(tiny_models, tmp_path, backend):
    """Older OPUS-MT repos hold only pytorch_model.bin: fetch downloads it (models/fetch.py) and both engines load it."""
    bin_dir = _perturbed_copy(tiny_models["marian"], tmp_path / "bin", safetensors=False)
    assert (bin_dir / "pytorch_model.bin").exists() and not (bin_dir / "model.safetensors").exists()
    cache = tmp_path / "cache"
    _as_hf_cache(bin_dir, cache, "Helsinki-NLP/opus-mt-de-en", COMMIT_B)
    spec = replace(get("opus-mt-de-en"), revision=COMMIT_B)
    loaded = load(spec, device="cpu", cache_dir=cache, backend=backend, ct2_dir=tmp_path / "ct2")
    assert loaded.revision == COMMIT_B and loaded.backend == backend
    from service.translate.ct2 import CT2Translator
    from service.translate.decoding import DecodingConfig
    from service.translate.hf import HFTranslator

    engine = CT2Translator if backend == "ctranslate2" else HFTranslator
    out = engine(loaded, DecodingConfig(num_beams=1, max_new_tokens=6)).translate(["Le ministre est à Paris."])
    reference = HFTranslator(
        load(resolve(str(bin_dir), "translation"), device="cpu"), DecodingConfig(num_beams=1, max_new_tokens=6)
    ).translate(["Le ministre est à Paris."])
    assert out == reference  # the .bin weights, not some other copy, produced it
    clear_cache()


def test_missing_model_error_says_what_to_do(tmp_path):
    spec = get("opus-mt-tc-big-fr-en")
    with pytest.raises(ModelNotAvailableError) as info:
        load(spec, device="cpu", cache_dir=tmp_path)
    message = str(info.value)
    assert "opus-mt-tc-big-fr-en" in message and "Helsinki-NLP/opus-mt-tc-big-fr-en" in message
    assert f"revision {spec.revision}" in message  # the pinned commit it looked for, not "main"
    assert "`python -m models fetch opus-mt-tc-big-fr-en`" in message


def test_missing_model_error_crosses_a_process_boundary_intact(tmp_path):
    """Ray and multiprocessing pickle a worker's exception: the user must still read the fix, not a pickling error."""
    import pickle

    spec = get("opus-mt-tc-big-fr-en")
    with pytest.raises(ModelNotAvailableError) as info:
        load(spec, device="cpu", cache_dir=tmp_path)
    copy = pickle.loads(pickle.dumps(info.value))
    assert isinstance(copy, ModelNotAvailableError)
    assert str(copy) == str(info.value) and copy.spec == spec


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
