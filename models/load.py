"""Load step: tokenizer + model from a local directory or the offline HF cache, onto a device, once.

Loading never downloads unless ``allow_download`` is set; a missing model raises ``ModelNotAvailableError`` whose
message names the model and revision and gives the exact command that fetches it.

Two backends: ``transformers`` (a torch model, optionally int8 dynamic-quantized on CPU: ``quantize="int8"``, see
models/quantize.py) and ``ctranslate2`` (the checkpoint converted once by models/ct2.py, run by
``ctranslate2.Translator``; ``quantize="int8"`` selects its int8 compute type).
"""

from __future__ import annotations

import logging
import re
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import ct2
from .device import available_cores, pick_device, pick_dtype
from .fetch import fetch_command, local_snapshot
from .quantize import QUANTIZE_CHOICES, quantize_dynamic_int8
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

    def __reduce__(self):
        """Pickle by message and spec: the default would call ``__init__`` with the message alone and fail, so the
        error crossing a process (Ray, multiprocessing) arrived as an unreadable "UnserializableException"."""
        return _rebuild_not_available, (str(self), self.spec)


def _rebuild_not_available(message: str, spec: ModelSpec) -> ModelNotAvailableError:
    error = ModelNotAvailableError.__new__(ModelNotAvailableError)
    RuntimeError.__init__(error, message)
    error.spec = spec
    return error


@dataclass
class LoadedModel:
    spec: ModelSpec
    tokenizer: Any
    model: Any
    """A transformers model, or a ``ctranslate2.Translator`` when ``backend == "ctranslate2"``."""
    device: str
    dtype: str
    """torch dtype name ('float32', 'bfloat16', 'int8' when dynamic-quantized) or the CTranslate2 compute type."""
    load_seconds: float
    backend: str = "transformers"
    config: Any = None
    """The Hugging Face model config, for either backend."""
    generation: Any = None
    """The checkpoint's ``GenerationConfig`` (decoder start, forced BOS/EOS ids), for either backend."""
    converted_path: str | None = None
    revision: str | None = None
    """The commit of the snapshot actually loaded (its HF cache snapshot directory name), or ``local-<fingerprint>``
    for a local directory outside the cache — what a Result records, not the registry's expectation."""
    replicas: int = 1
    """CTranslate2 replicas: how many batches can run at once (service/translate/ct2.py splits a batch between them)."""


log = logging.getLogger("wirebrief.models")
_CACHE: dict[tuple, LoadedModel] = {}
_LOCK = threading.Lock()


def load(
    spec: ModelSpec,
    *,
    device: str = "auto",
    dtype: str = "auto",
    cache_dir: Path | None = None,
    allow_download: bool = False,
    quantize: str = "none",
    backend: str = "transformers",
    threads: int = 0,
    ct2_dir: Path | None = None,
    replicas: int = 1,
) -> LoadedModel:
    """Load (or return the already loaded) model for ``spec``. Thread-safe; each model is loaded once.

    ``quantize``: 'none' | 'int8'. ``backend``: 'transformers' | 'ctranslate2' (seq2seq models only).
    ``threads``: CPU threads for CTranslate2 (0 = one per available core), shared by its ``replicas`` (CPU only:
    batches run in parallel on one copy of the weights). ``ct2_dir``: where converted copies live (default: beside
    the HF cache)."""
    if quantize not in QUANTIZE_CHOICES:
        raise ValueError(f"quantize must be one of {', '.join(QUANTIZE_CHOICES)}, not {quantize!r}")
    if backend not in ct2.BACKENDS:
        raise ValueError(f"backend must be one of {', '.join(ct2.BACKENDS)}, not {backend!r}")
    if backend != "ctranslate2" or pick_device(device) != "cpu":
        replicas = 1  # only CTranslate2 on CPU has replicas: no second copy of a model for a value it ignores
    key = (spec, device, dtype, str(cache_dir), allow_download, quantize, backend, threads, str(ct2_dir), replicas)
    with _LOCK:
        if key in _CACHE:
            return _CACHE[key]
        if backend == "ctranslate2":
            loaded = _load_ct2(spec, device, dtype, cache_dir, allow_download, quantize, threads, ct2_dir, replicas)
        else:
            loaded = _load_uncached(spec, device, dtype, cache_dir, allow_download, quantize)
        _CACHE[key] = loaded
        return loaded


def clear_cache() -> None:
    with _LOCK:
        _CACHE.clear()


def _load_uncached(
    spec: ModelSpec, device: str, dtype: str, cache_dir: Path | None, allow_download: bool, quantize: str = "none"
) -> LoadedModel:
    import torch
    from transformers import AutoModelForCausalLM, AutoModelForSeq2SeqLM, AutoTokenizer

    started = time.perf_counter()
    device_name = pick_device(device)
    torch_dtype = pick_dtype(dtype, device_name)
    model_cls = AutoModelForCausalLM if spec.task == "chat" else AutoModelForSeq2SeqLM
    try:
        source = local_snapshot(spec, cache_dir, allow_download)
        tokenizer = AutoTokenizer.from_pretrained(str(source))
        model = model_cls.from_pretrained(str(source), dtype=torch_dtype)
    except (OSError, ValueError) as exc:
        raise ModelNotAvailableError(spec, _first_line(exc), cache_dir) from exc
    model.to(device_name)
    model.eval()
    dtype_name = str(torch_dtype).removeprefix("torch.")
    if quantize == "int8":
        quantize_dynamic_int8(model)
        dtype_name = "int8"
    return LoadedModel(
        spec=spec,
        tokenizer=tokenizer,
        model=model,
        device=device_name,
        dtype=dtype_name,
        load_seconds=time.perf_counter() - started,
        config=model.config,
        generation=getattr(model, "generation_config", None),
        revision=snapshot_revision(source),
    )


def _load_ct2(
    spec: ModelSpec,
    device: str,
    dtype: str,
    cache_dir: Path | None,
    allow_download: bool,
    quantize: str,
    threads: int,
    ct2_dir: Path | None,
    replicas: int = 1,
) -> LoadedModel:
    if spec.task == "chat":
        raise ValueError(f"model {spec.name!r} is a chat model; the ctranslate2 backend here serves seq2seq models")
    if not ct2.available():
        raise RuntimeError(
            "the ctranslate2 backend is selected but the ctranslate2 package is not installed "
            "(pip install -r requirements.txt), or set WIREBRIEF_TRANSLATION_BACKEND=transformers"
        )
    import ctranslate2
    from transformers import AutoConfig, AutoTokenizer

    started = time.perf_counter()
    device_name = pick_device(device)
    if device_name == "cuda" and not ct2.cuda_available():
        raise RuntimeError(
            "the ctranslate2 backend was asked to run on CUDA but this ctranslate2 build sees no GPU; "
            "install a CUDA build or set WIREBRIEF_TRANSLATION_BACKEND=transformers"
        )
    dtype_name = str(pick_dtype(dtype, device_name)).removeprefix("torch.")
    compute_type = ct2.compute_type(device_name, dtype_name, quantize)
    try:
        source = local_snapshot(spec, cache_dir, allow_download)
        tokenizer = AutoTokenizer.from_pretrained(str(source))
        config = AutoConfig.from_pretrained(str(source))
    except (OSError, ValueError) as exc:
        raise ModelNotAvailableError(spec, _first_line(exc), cache_dir) from exc
    from .generation import read_generation_config

    # generation_config.json, else the generation keys of config.json (as transformers' own model loader reads them)
    generation = read_generation_config(str(source))
    root = Path(ct2_dir) if ct2_dir else ct2.default_root(cache_dir)
    try:
        converted, _ = ct2.ensure_converted(spec.name, source, root, compute_type, announce=_announce_conversion)
    except (ValueError, NotImplementedError) as exc:
        raise RuntimeError(
            f"model {spec.name!r} could not be converted for the ctranslate2 backend: {_first_line(exc)}; "
            "set WIREBRIEF_TRANSLATION_BACKEND=transformers"
        ) from exc
    cores = threads or available_cores()
    replicas = max(1, min(replicas, cores)) if device_name == "cpu" else 1
    translator = ctranslate2.Translator(
        str(converted),
        device=device_name,
        compute_type=compute_type,
        inter_threads=replicas,  # the replicas share one copy of the weights (measured: same resident memory)
        intra_threads=max(1, cores // replicas),
    )
    return LoadedModel(
        spec=spec,
        tokenizer=tokenizer,
        model=translator,
        device=device_name,
        dtype=compute_type,
        load_seconds=time.perf_counter() - started,
        backend="ctranslate2",
        config=config,
        generation=generation,
        converted_path=str(converted),
        revision=snapshot_revision(source),
        replicas=replicas,
    )


def _announce_conversion(name: str, quantization: str, target: Path) -> None:
    """Said once per missing copy, before the (one-time, possibly minutes-long) conversion at load time."""
    log.warning(
        "converting %s for CTranslate2 (%s) once, into %s: start-up waits for it. `python -m models fetch %s "
        "--ct2-compute %s` does it ahead of time (the Docker image bakes int8 for CPU).",
        name, quantization, target, name, quantization,
    )


def snapshot_revision(source: Path) -> str:
    """The commit a model directory holds: the name of an HF cache snapshot directory (``…/snapshots/<sha>``), else
    ``local-`` + a fingerprint of its config and weights (changes when they are rebuilt)."""
    source = Path(source).resolve()
    if source.parent.name == "snapshots" and re.fullmatch(r"[0-9a-f]{40}", source.name):
        return source.name
    return f"local-{ct2.fingerprint(source)}"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
