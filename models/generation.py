"""The checkpoint's own generation settings, for every backend.

Older checkpoints (distilbart-cnn-12-6, most OPUS-MT models) carry them in ``config.json`` — length penalty,
min/max length, beams, bad words — and have no ``generation_config.json``. transformers 5 drops those keys from the
model config and reads them back only inside ``from_pretrained`` of the torch model, so a CTranslate2 load that
built its ``GenerationConfig`` from the model config alone would silently decode with library defaults. This reads
them the same way transformers' model loader does.
"""

from __future__ import annotations

from typing import Any


def read_generation_config(source: str, **kwargs: Any):
    """``GenerationConfig`` of ``source`` (local directory or hub id; ``kwargs`` as for ``from_pretrained``):
    ``generation_config.json`` when present, else the generation keys of ``config.json``."""
    from transformers import GenerationConfig

    try:
        return GenerationConfig.from_pretrained(source, **kwargs)
    except OSError:
        return GenerationConfig.from_pretrained(source, config_file_name="config.json", _from_model_config=True, **kwargs)
