"""Choose where a model runs and in which dtype."""

from __future__ import annotations

import os

import torch


def available_cores() -> int:
    """CPU cores this process may run on (its affinity mask on Linux)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def pick_device(requested: str = "auto") -> str:
    """'auto' → 'cuda' when a GPU is visible, else 'cpu'. An explicit 'cuda' without a GPU is an error."""
    if requested == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if requested == "cuda" and not torch.cuda.is_available():
        raise RuntimeError("WIREBRIEF_DEVICE=cuda but no CUDA device is visible; use 'auto' or 'cpu'")
    return requested


def pick_dtype(requested: str, device: str) -> torch.dtype:
    """'auto' → float32 on CPU (fastest there), bfloat16 on CUDA when supported, else float16."""
    if requested == "auto":
        if device == "cuda":
            return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
        return torch.float32
    return {"float32": torch.float32, "float16": torch.float16, "bfloat16": torch.bfloat16}[requested]
