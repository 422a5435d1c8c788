"""Resolve the speed settings ('auto' values) into what actually runs on this machine: the device, the
translation backend and quantization, the summarizer's quantization. The defaults come from the measurements in
README "Performance" (`python -m eval bench`):

- CPU: OPUS-MT and distilbart on CTranslate2 int8 (batched beam search, cross-request batching);
- CUDA: the same backends in bfloat16 (float16 where the GPU lacks bf16) — a CUDA build of ctranslate2, else
  transformers in that dtype. No quantization on GPU.
"""

from __future__ import annotations

from dataclasses import dataclass

from models import ct2
from models.device import pick_device
from models.registry import ModelSpec
from service.settings import Settings


@dataclass(frozen=True)
class ModelOptions:
    """How one model is loaded: arguments for ``models.load.load``."""

    backend: str
    quantize: str

    def describe(self) -> str:
        return f"{self.backend}{' int8' if self.quantize == 'int8' else ''}"


def device_of(settings: Settings) -> str:
    return pick_device(settings.device)


def translation_options(settings: Settings, spec: ModelSpec) -> ModelOptions:
    device = device_of(settings)
    backend = ct2.effective_backend(spec.backend, settings.translation_backend, device)
    quantize = settings.quantize
    if quantize == "auto":
        quantize = "int8" if backend == "ctranslate2" and device == "cpu" else "none"
    return ModelOptions(backend=backend, quantize=quantize)


def summary_options(settings: Settings, spec: ModelSpec | None = None) -> ModelOptions:
    device = device_of(settings)
    backend = "transformers"
    if spec is not None:
        backend = ct2.effective_backend(spec.backend, settings.summary_backend, device)
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
