"""int8 dynamic quantization of a loaded PyTorch model, for CPU inference.

``torch.ao.quantization.quantize_dynamic`` swaps every ``nn.Linear`` for an int8 version: weights are stored as
int8 with one scale per tensor, activations are quantized on the fly. It roughly halves CPU time per decoding step
and cuts the weights' memory to a quarter (embeddings stay float32). Two caveats decide where wirebrief uses it:

- activations get ONE scale per call, computed over the whole batch, so a sentence's output can depend on which
  other sentences share its batch. The summarizer (one input per call) is unaffected; batched translation is,
  which is why translation's int8 path is CTranslate2 (per-row activation scales) rather than this;
- it is CPU-only (fbgemm/x86 kernels). On CUDA use float16/bfloat16 instead.
"""

from __future__ import annotations

import warnings
from typing import Any

QUANTIZE_CHOICES = ("none", "int8")


def quantize_dynamic_int8(model: Any) -> Any:
    """Quantize ``model``'s Linear layers to int8 in place and return it. The model must be float32 on CPU."""
    import torch

    param = next(model.parameters())
    if param.device.type != "cpu":
        raise ValueError(
            f"int8 dynamic quantization runs on CPU only, the model is on {param.device.type}; "
            "on a GPU use dtype float16/bfloat16 (or the ctranslate2 backend's int8_float16)"
        )
    if param.dtype != torch.float32:
        raise ValueError(f"int8 dynamic quantization needs float32 weights, the model is {param.dtype}")
    with warnings.catch_warnings():
        # torch.ao.quantization warns that it will move to torchao; the API works in the pinned torch.
        warnings.simplefilter("ignore")
        torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8, inplace=True)
    return model


def is_quantized(model: Any) -> bool:
    """True when ``model`` holds dynamically quantized Linear layers."""
    from torch.ao.nn.quantized.dynamic import Linear as DynamicLinear

    return any(isinstance(m, DynamicLinear) for m in model.modules())
