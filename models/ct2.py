"""CTranslate2 backend, models side: which compute type, where converted copies live, and the one-time conversion
of a Hugging Face checkpoint (``ctranslate2.converters.TransformersConverter``).

A converted copy is keyed by the checkpoint's fingerprint (resolved path, sizes and mtimes of its config and
weights) and by the stored quantization, so a new revision or a rebuilt local model never reuses a stale copy.
Conversion writes to a temporary directory and renames it into place, so two processes converting at once leave
one complete copy. ``python -m models fetch`` converts right after downloading; loading converts on first use when
a copy is missing (e.g. a local directory, which is never fetched).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
import threading
from pathlib import Path

BACKENDS = ("transformers", "ctranslate2")
MARKER = "wirebrief-ct2.json"
_WEIGHT_FILES = ("config.json", "model.safetensors", "pytorch_model.bin", "generation_config.json")
_CONVERT_LOCK = threading.Lock()


def available() -> bool:
    """True when the ctranslate2 package can be imported."""
    try:
        import ctranslate2  # noqa: F401
    except ImportError:
        return False
    return True


def cuda_available() -> bool:
    """True when this ctranslate2 build sees a CUDA device (PyPI wheels ship CUDA support; it needs a GPU)."""
    if not available():
        return False
    import ctranslate2

    try:
        return ctranslate2.get_cuda_device_count() > 0
    except Exception:  # a build without CUDA raises instead of returning 0
        return False


def effective_backend(spec_backend: str, requested: str, device: str) -> str:
    """The backend a translation model runs on. ``requested`` is the setting: 'auto' follows the registry spec
    (``spec_backend``) but falls back to transformers when ctranslate2 is missing or, on CUDA, has no GPU build;
    an explicit choice is taken as is (loading then says what is missing)."""
    if requested != "auto":
        return requested
    if spec_backend != "ctranslate2":
        return spec_backend
    if not available() or (device == "cuda" and not cuda_available()):
        return "transformers"
    return "ctranslate2"


COMPUTE_TYPES = ("int8", "float32", "float16", "bfloat16", "int8_float16", "int8_bfloat16")
"""Stored quantizations a copy can be converted to: int8 for CPU, float16/bfloat16 (or int8_*) for CUDA."""


def compute_type(device: str, dtype: str, quantize: str) -> str:
    """CTranslate2 compute type for a device, a torch dtype name ('float32', 'float16', 'bfloat16') and the
    quantize setting ('none' | 'int8')."""
    if device == "cpu":
        return "int8" if quantize == "int8" else "float32"
    if quantize == "int8":
        return "int8_bfloat16" if dtype == "bfloat16" else "int8_float16"
    return dtype


def default_root(cache_dir: Path | None) -> Path:
    """Where converted copies live by default: a directory beside the Hugging Face hub cache."""
    if cache_dir is not None:
        cache = Path(cache_dir)
    else:
        from huggingface_hub import constants

        cache = Path(constants.HF_HUB_CACHE)
    return cache.parent / f"{cache.name}-ctranslate2"


def fingerprint(source_dir: Path) -> str:
    """A short hash that changes when the checkpoint in ``source_dir`` changes."""
    source_dir = Path(source_dir).resolve()
    parts = [str(source_dir)]
    for name in _WEIGHT_FILES:
        path = source_dir / name
        if path.exists():
            stat = path.stat()
            parts.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def converted_dir(name: str, source_dir: Path, root: Path, quantization: str) -> Path:
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", name) or "model"
    return Path(root) / f"{safe}-{fingerprint(source_dir)}" / quantization


def is_converted(path: Path) -> bool:
    return (Path(path) / MARKER).exists() and (Path(path) / "model.bin").exists()


def _converter(source_dir: Path):
    """ctranslate2's TransformersConverter, patched for transformers 5: its BART loader reads
    ``config.normalize_before``, which BartConfig no longer defines (BART is post-norm: False)."""
    from ctranslate2.converters import TransformersConverter

    class Converter(TransformersConverter):
        def load_model(self, model_class, model_name_or_path, **kwargs):
            model = super().load_model(model_class, model_name_or_path, **kwargs)
            if model.config.model_type == "bart" and not hasattr(model.config, "normalize_before"):
                model.config.normalize_before = False
            return model

    return Converter(str(source_dir))


def convert(source_dir: Path, out_dir: Path, quantization: str) -> Path:
    """Convert the Hugging Face checkpoint in ``source_dir`` to a CTranslate2 model in ``out_dir``, storing
    weights as ``quantization`` (int8, float16, bfloat16, float32, int8_float16 …). Returns ``out_dir``."""
    import ctranslate2

    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-", dir=out_dir.parent))
    try:
        _converter(source_dir).convert(str(tmp), quantization=quantization, force=True)
        marker = {
            "source": str(Path(source_dir).resolve()),
            "fingerprint": fingerprint(source_dir),
            "quantization": quantization,
            "ctranslate2": ctranslate2.__version__,
        }
        (tmp / MARKER).write_text(json.dumps(marker, indent=2), encoding="utf-8")
        if is_converted(out_dir):  # another process finished first: keep its copy
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            if out_dir.exists():
                shutil.rmtree(out_dir)
            os.replace(tmp, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out_dir


def ensure_converted(
    name: str, source_dir: Path, root: Path, quantization: str, announce=None
) -> tuple[Path, bool]:
    """The converted copy of ``source_dir`` (converting it now if missing) and whether it was converted now.
    ``announce(name, quantization, target)`` is called before a conversion starts (loading logs it)."""
    target = converted_dir(name, source_dir, root, quantization)
    with _CONVERT_LOCK:
        if is_converted(target):
            return target, False
        if announce is not None:
            announce(name, quantization, target)
        return convert(source_dir, target, quantization), True
