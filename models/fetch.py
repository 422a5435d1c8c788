"""Download step (separate from loading, as in COMET): put a model's files in the Hugging Face cache so that
loading works offline. Only this module talks to the hub."""

from __future__ import annotations

from pathlib import Path

from .registry import ModelSpec

# PyTorch/safetensors weights, tokenizer and config files; never the TF/Flax/Rust copies.
ALLOW_PATTERNS = [
    "*.json",
    "*.safetensors",
    "pytorch_model*.bin",
    "*.spm",
    "*.model",
    "*.txt",
    "*.tiktoken",
    "tokenizer*",
]


def fetch(spec: ModelSpec, cache_dir: Path | None = None) -> Path:
    """Download ``spec`` at its pinned revision into the HF cache and return the snapshot directory."""
    if spec.local_path:
        return Path(spec.local_path)
    if not spec.hub_id:
        raise ValueError(f"model {spec.name!r} has neither a hub id nor a local path")
    from huggingface_hub import snapshot_download

    path = snapshot_download(
        repo_id=spec.hub_id,
        revision=spec.revision,
        cache_dir=str(cache_dir) if cache_dir else None,
        allow_patterns=ALLOW_PATTERNS,
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
    from huggingface_hub import snapshot_download

    return Path(
        snapshot_download(
            repo_id=spec.hub_id,
            revision=spec.revision,
            cache_dir=str(cache_dir) if cache_dir else None,
            allow_patterns=ALLOW_PATTERNS,
            local_files_only=not allow_download,
        )
    )
