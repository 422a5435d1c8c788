"""Reproducibility signature of a run: what was scored, by what, with what."""

from __future__ import annotations

import platform
import subprocess
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

LIBRARIES = (
    "sacrebleu",
    "rouge-score",
    "lingua-language-detector",
    "pysbd",
    "numpy",
    "matplotlib",
    "torch",
    "transformers",
    "tokenizers",
    "sentencepiece",
    "ctranslate2",
    "unbabel-comet",
)


def library_versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for lib in LIBRARIES:
        try:
            out[lib] = version(lib)
        except PackageNotFoundError:
            pass
    return out


def git_state(root: Path | None = None) -> dict[str, Any]:
    root = root or Path(__file__).resolve().parents[1]
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, timeout=10, check=True
        ).stdout.strip()
        dirty = bool(
            subprocess.run(
                ["git", "status", "--porcelain", "--untracked-files=no"],
                cwd=root,
                capture_output=True,
                text=True,
                timeout=10,
            ).stdout.strip()
        )
        return {"commit": commit, "dirty": dirty}
    except (OSError, subprocess.SubprocessError):
        return {"commit": None, "dirty": None}


def one_line(sig: dict[str, Any]) -> str:
    """A compact, sacrebleu-like line: suite|system|data hash|n|seed|library versions."""
    ds = sig["dataset"]
    src_hash = ds["files"].get("source", {}).get("sha256", "")[:12]
    ref_hash = ds["files"].get("reference", {}).get("sha256", "")[:12]
    models = ",".join(f"{m.get('hub_id') or m.get('name')}@{m.get('revision') or 'main'}" for m in sig["system"]["models"])
    parts = [
        f"suite:{sig['suite']}",
        f"system:{sig['system'].get('name', sig['system']['type'])}",
        f"src:{src_hash}",
        f"ref:{ref_hash}",
        f"n:{ds['selected']}/{ds['size']}",
        f"seed:{ds['seed']}",
    ]
    if models:
        parts.append(f"models:{models}")
    libs = sig["libraries"]
    parts.append(f"sacrebleu:{libs.get('sacrebleu')}")
    parts.append(f"rouge-score:{libs.get('rouge-score')}")
    return "|".join(parts)
