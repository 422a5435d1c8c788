"""Load step: tokenizer + model from a local directory or the offline HF cache, onto a device, once.

Loading never downloads unless ``allow_download`` is set; a missing model raises ``ModelNotAvailableError`` whose
message names the model and revision and gives the exact command that fetches it.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .device import pick_device, pick_dtype
from .fetch import fetch_command
from .registry import ModelSpec


class ModelNotAvailableError(RuntimeError):
    """Weights are not on this machine and may not be downloaded now."""

    def __init__(self, spec: ModelSpec, detail: str, cache_dir: Path | None = None):
        where = f"the Hugging Face cache ({cache_dir})" if cache_dir else "the Hugging Face cache (HF_HOME)"
        if spec.local_path:
            msg = (
                f"Model directory {spec.local_path!r} could not be loaded: {detail}. "
                "It must hold config.json, the weights and the tokenizer files."
            )
        else:
            msg = (
                f"Model {spec.name!r} ({spec.hub_id} at revision {spec.revision or 'main'}) is not in {where}: "
                f"{detail}. Fetch it once on a machine with internet access: `{fetch_command(spec)}` "
                f"(copy the cache over if this machine is offline), or point the setting at a local directory "
                f"that holds the model."
            )
        super().__init__(msg)
        self.spec = spec


@dataclass
class LoadedModel:
    spec: ModelSpec
    tokenizer: Any
    model: Any
    device: str
    dtype: str
    load_seconds: float


_CACHE: dict[tuple, LoadedModel] = {}
_LOCK = threading.Lock()


def load(
    spec: ModelSpec,
    *,
    device: str = "auto",
    dtype: str = "auto",
    cache_dir: Path | None = None,
    allow_download: bool = False,
) -> LoadedModel:
    """Load (or return the already loaded) model for ``spec``. Thread-safe; each model is loaded once."""
    key = (spec, device, dtype, str(cache_dir), allow_download)
    with _LOCK:
        if key in _CACHE:
            return _CACHE[key]
        loaded = _load_uncached(spec, device, dtype, cache_dir, allow_download)
        _CACHE[key] = loaded
        return loaded


def clear_cache() -> None:
    with _LOCK:
        _CACHE.clear()


def _load_uncached(
    spec: ModelSpec, device: str, dtype: str, cache_dir: Path | None, allow_download: bool
) -> LoadedModel:
    import torch
    from transformers import AutoModelForCausalLM, AutoModelForSeq2SeqLM, AutoTokenizer

    started = time.perf_counter()
    device_name = pick_device(device)
    torch_dtype = pick_dtype(dtype, device_name)
    source = spec.local_path or spec.hub_id
    if source is None:
        raise ModelNotAvailableError(spec, "no hub id or local path", cache_dir)
    kwargs: dict[str, Any] = {}
    if not spec.local_path:
        kwargs = {
            "revision": spec.revision,
            "cache_dir": str(cache_dir) if cache_dir else None,
            "local_files_only": not allow_download,
        }
    model_cls = AutoModelForCausalLM if spec.task == "chat" else AutoModelForSeq2SeqLM
    try:
        tokenizer = AutoTokenizer.from_pretrained(source, **kwargs)
        model = model_cls.from_pretrained(source, dtype=torch_dtype, **kwargs)
    except (OSError, ValueError) as exc:
        raise ModelNotAvailableError(spec, _first_line(exc), cache_dir) from exc
    model.to(device_name)
    model.eval()
    return LoadedModel(
        spec=spec,
        tokenizer=tokenizer,
        model=model,
        device=device_name,
        dtype=str(torch_dtype).removeprefix("torch."),
        load_seconds=time.perf_counter() - started,
    )


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
