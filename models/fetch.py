"""Download step (separate from loading, as in COMET): put a model's files in the Hugging Face cache so that
loading works offline. Only this module talks to the hub.

Only the files the loader reads are downloaded: config, generation config, tokenizer files, and ONE copy of the
weights — safetensors when the repo has them, else the PyTorch ``.bin`` files (older OPUS-MT repos have only
those); never the TF/Flax/Rust/ONNX copies."""

from __future__ import annotations

import re
from pathlib import Path

from .registry import ModelSpec

CONFIG_FILES = ("config.json", "generation_config.json")
TOKENIZER_FILES = (
    "tokenizer_config.json",
    "special_tokens_map.json",
    "added_tokens.json",
    "tokenizer.json",
    "chat_template.jinja",
    "vocab.json",  # Marian's shared vocabulary, BART/Qwen BPE vocabulary
    "merges.txt",
    "source.spm",  # Marian's SentencePiece models
    "target.spm",
)
_SAFETENSORS = re.compile(r"model(-\d+-of-\d+)?\.safetensors")
_BIN = re.compile(r"pytorch_model(-\d+-of-\d+)?\.bin")


def weight_files(repo_files: list[str]) -> list[str]:
    """The weight files the loader uses among a repo's files: every safetensors shard (and its index) when there
    are any, else every PyTorch .bin shard (and its index). Raises ``ValueError`` when there is neither."""
    safetensors = [f for f in repo_files if _SAFETENSORS.fullmatch(f)]
    if safetensors:
        return safetensors + [f for f in repo_files if f == "model.safetensors.index.json"]
    bins = [f for f in repo_files if _BIN.fullmatch(f)]
    if bins:
        return bins + [f for f in repo_files if f == "pytorch_model.bin.index.json"]
    raise ValueError("the repository has neither model*.safetensors nor pytorch_model*.bin weights")


def files_to_fetch(repo_files: list[str]) -> list[str]:
    """Config, tokenizer and weight files of a repo listing that loading reads (see module doc)."""
    wanted = set(CONFIG_FILES) | set(TOKENIZER_FILES)
    return [f for f in repo_files if f in wanted] + weight_files(repo_files)


def fetch(spec: ModelSpec, cache_dir: Path | None = None) -> Path:
    """Download ``spec`` at its pinned revision into the HF cache and return the snapshot directory."""
    if spec.local_path:
        return Path(spec.local_path)
    if not spec.hub_id:
        raise ValueError(f"model {spec.name!r} has neither a hub id nor a local path")
    from huggingface_hub import HfApi, snapshot_download

    repo_files = HfApi().list_repo_files(spec.hub_id, revision=spec.revision)
    path = snapshot_download(
        repo_id=spec.hub_id,
        revision=spec.revision,
        cache_dir=str(cache_dir) if cache_dir else None,
        allow_patterns=files_to_fetch(repo_files),
    )
    return Path(path)


def fetch_command(spec: ModelSpec) -> str:
    """The exact command a user runs to make ``spec`` available offline."""
    return f"python -m models fetch {spec.name}"


def local_snapshot(spec: ModelSpec, cache_dir: Path | None = None, allow_download: bool = False) -> Path:
    """The directory that holds ``spec``'s files on this machine: its local path, or its snapshot in the HF cache
    (downloaded first only when ``allow_download``). Raises ``OSError`` when it is not there."""
    if spec.local_path:
        return Path(spec.local_path)
    if not spec.hub_id:
        raise OSError(f"model {spec.name!r} has neither a hub id nor a local path")
    if allow_download:
        return fetch(spec, cache_dir)
    from huggingface_hub import snapshot_download

    return Path(
        snapshot_download(
            repo_id=spec.hub_id,
            revision=spec.revision,
            cache_dir=str(cache_dir) if cache_dir else None,
            local_files_only=True,
        )
    )
