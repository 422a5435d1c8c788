"""`models fetch` downloads only the files the loader reads: safetensors when the repo has them, else .bin."""

import pytest

from models.fetch import fetch, files_to_fetch, weight_files
from models.registry import get

MODERN = ["config.json", "generation_config.json", "model.safetensors", "pytorch_model.bin", "tf_model.h5",
          "flax_model.msgpack", "rust_model.ot", "source.spm", "target.spm", "vocab.json", "tokenizer_config.json",
          "README.md", ".gitattributes"]
OLD = ["config.json", "pytorch_model.bin", "tf_model.h5", "source.spm", "target.spm", "vocab.json",
       "tokenizer_config.json", "README.md"]
SHARDED = ["config.json", "model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors",
           "model.safetensors.index.json", "tokenizer.json", "merges.txt"]


def test_safetensors_preferred_and_nothing_else_downloaded():
    assert weight_files(MODERN) == ["model.safetensors"]
    assert sorted(files_to_fetch(MODERN)) == sorted(
        ["config.json", "generation_config.json", "model.safetensors", "source.spm", "target.spm", "vocab.json",
         "tokenizer_config.json"]
    )


def test_bin_when_no_safetensors():
    assert weight_files(OLD) == ["pytorch_model.bin"]
    assert "tf_model.h5" not in files_to_fetch(OLD) and "pytorch_model.bin" in files_to_fetch(OLD)


def test_sharded_weights_with_their_index():
    assert weight_files(SHARDED) == SHARDED[1:4]


def test_no_weights_is_an_error():
    with pytest.raises(ValueError, match="neither"):
        weight_files(["config.json"])


def test_fetch_passes_the_pinned_revision_and_file_list(monkeypatch, tmp_path):
    import huggingface_hub

    calls = {}
    monkeypatch.setattr(huggingface_hub.HfApi, "list_repo_files", lambda self, repo, revision=None: OLD)

    def fake_snapshot_download(**kwargs):
        calls.update(kwargs)
        return str(tmp_path / "snap")

    monkeypatch.setattr(huggingface_hub, "snapshot_download", fake_snapshot_download)
    spec = get("opus-mt-de-en")
    fetch(spec, tmp_path)
    assert calls["revision"] == spec.revision and calls["repo_id"] == spec.hub_id
    assert "pytorch_model.bin" in calls["allow_patterns"] and "tf_model.h5" not in calls["allow_patterns"]


def test_fetch_of_a_pin_the_hub_no_longer_has_says_what_to_do(monkeypatch):
    """A pinned commit that is gone (history rewritten) must not end in a bare traceback: the command names the
    model and says how to re-pin it."""
    import huggingface_hub
    from typer.testing import CliRunner

    import models.fetch
    from models.__main__ import app

    class RevisionNotFoundError(Exception):  # huggingface_hub's class name, raised without a network
        pass

    def gone(spec, cache_dir=None):
        raise RevisionNotFoundError(f"{spec.revision} not found")

    monkeypatch.setattr(models.fetch, "fetch", gone)
    assert huggingface_hub  # imported only to fail early where the hub client is missing
    result = CliRunner().invoke(app, ["fetch", "opus-mt-ar-en"])
    assert result.exit_code != 0
    output = result.output + (result.stderr if result.stderr_bytes is not None else "")
    assert f"FAILED opus-mt-ar-en (Helsinki-NLP/opus-mt-ar-en@{get('opus-mt-ar-en').revision})" in output
    assert "python -m models fetch Helsinki-NLP/opus-mt-ar-en@main" in output and "pin the commit" in output
