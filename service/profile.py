"""Resolve the speed settings ('auto' values) into what actually runs on this machine: the device, the
translation backend and quantization, the summarizer's quantization. The defaults come from the measurements in
README "Performance" (`python -m eval bench`):

- CPU: OPUS-MT and distilbart on CTranslate2 int8 (batched beam search, cross-request batching);
- CUDA: the same backends in bfloat16 (float16 where the GPU lacks bf16) — a CUDA build of ctranslate2, else
  transformers in that dtype. No quantization on GPU.

A local model directory gets the profile of the registered model it is a copy of (``registered_match``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from models import ct2
from models.device import available_cores, pick_device
from models.registry import ModelSpec, UnknownModelError, all_specs, get
from service.settings import Settings


@dataclass(frozen=True)
class ModelOptions:
    """How one model is loaded: arguments for ``models.load.load``."""

    backend: str
    quantize: str
    replicas: int = 1
    """CTranslate2 replicas (parallel batches sharing the weights); 1 for transformers and on CUDA."""

    def describe(self) -> str:
        return f"{self.backend}{' int8' if self.quantize == 'int8' else ''}"


def device_of(settings: Settings) -> str:
    return pick_device(settings.device)


# Dimensions that identify a published checkpoint's architecture (the vocabulary differs between language pairs).
_SHAPE = ("d_model", "encoder_layers", "decoder_layers", "encoder_attention_heads", "decoder_attention_heads",
          "encoder_ffn_dim", "decoder_ffn_dim")


def _published_shapes() -> dict[str, dict]:
    from models.tiny import DISTILBART_CNN_12_6, OPUS_MT_FR_EN, OPUS_MT_TC_BIG_FR_EN

    return {"opus-mt-fr-en": OPUS_MT_FR_EN, "opus-mt-tc-big-fr-en": OPUS_MT_TC_BIG_FR_EN,
            "distilbart-cnn-12-6": DISTILBART_CNN_12_6}


def registered_match(spec: ModelSpec) -> ModelSpec | None:
    """The registered model that a local directory holds, or None: by a recorded name (the directory named after
    a registry name, a Hugging Face cache path ``models--org--name``, or the config's ``_name_or_path`` naming a
    registered hub id), else by architecture (the config's ``model_type`` and the dimensions of a registered
    model's published config). Registry names and hub ids are their own match."""
    if spec.local_path is None:
        return None
    return _match_dir(spec.local_path, spec.task)


@lru_cache(maxsize=64)
def _match_dir(path: str, task: str) -> ModelSpec | None:
    directory = Path(path)
    try:
        config = json.loads((directory / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        config = {}
    specs = [s for s in all_specs() if s.task == task]
    recorded = {str(config.get("_name_or_path") or "")}
    recorded |= {p.removeprefix("models--").replace("--", "/") for p in directory.parts if p.startswith("models--")}
    for known in specs:
        if known.hub_id in recorded:
            return known
    try:
        named = get(directory.name)
        if named.task == task:
            return named
    except UnknownModelError:
        pass
    for name, published in _published_shapes().items():
        known = get(name)
        if known.task == task and config.get("model_type") == known.architecture and all(
            config.get(k) == published.get(k) for k in _SHAPE
        ):
            return known
    return None


def default_backend(spec: ModelSpec) -> str:
    """The registry's backend for ``spec`` — for a local directory, that of the registered model it holds."""
    match = registered_match(spec)
    return match.backend if match is not None else spec.backend


def translation_options(settings: Settings, spec: ModelSpec) -> ModelOptions:
    device = device_of(settings)
    backend = ct2.effective_backend(default_backend(spec), settings.translation_backend, device)
    quantize = settings.quantize
    if quantize == "auto":
        quantize = "int8" if backend == "ctranslate2" and device == "cpu" else "none"
    replicas = 1
    if backend == "ctranslate2" and device == "cpu":
        replicas = settings.ct2_replicas or min(4, settings.torch_threads or available_cores())
    return ModelOptions(backend=backend, quantize=quantize, replicas=replicas)


def summary_options(settings: Settings, spec: ModelSpec | None = None) -> ModelOptions:
    device = device_of(settings)
    backend = "transformers"
    if spec is not None:
        backend = ct2.effective_backend(default_backend(spec), settings.summary_backend, device)
    quantize = settings.summary_quantize
    if quantize == "auto":
        quantize = "int8" if device == "cpu" else "none"
    return ModelOptions(backend=backend, quantize=quantize)


def model_options(settings: Settings, spec: ModelSpec) -> ModelOptions:
    """Options for a translation or summarization model (chat models always run on transformers)."""
    if spec.task == "translation":
        return translation_options(settings, spec)
    if spec.task == "summarization":
        return summary_options(settings, spec)
    return ModelOptions(backend="transformers", quantize="none")


def convert_for_settings(settings: Settings, spec: ModelSpec, source_dir) -> tuple[object, bool] | None:
    """Fetch-time step: when the settings run ``spec`` on CTranslate2 here, convert its checkpoint in
    ``source_dir`` (once) for the compute type loading will ask for. Returns (converted path, converted now), or
    None when no conversion is needed."""
    from models.device import pick_dtype

    options = model_options(settings, spec)
    if options.backend != "ctranslate2":
        return None
    device = device_of(settings)
    dtype = str(pick_dtype(settings.dtype, device)).removeprefix("torch.")
    compute = ct2.compute_type(device, dtype, options.quantize)
    root = settings.ct2_dir or ct2.default_root(settings.hf_cache_dir)
    return ct2.ensure_converted(spec.name, source_dir, root, compute)
