"""The model-input normalizer of a loaded translation model (see models/preprocess.py for what OPUS-MT reads).

Applied by ``HFTranslator.encode`` only: the displayed source, the fact checks and the Result keep the original
characters."""

from __future__ import annotations

from typing import Callable

from models.preprocess import opus_mt_input

__all__ = ["opus_mt_input", "identity", "input_normalizer_for"]


def identity(text: str) -> str:
    return text


def input_normalizer_for(loaded) -> Callable[[str], str]:
    """The model-input normalizer for a loaded translation model: OPUS-MT (Marian) checkpoints get
    ``opus_mt_input`` in their source language; anything else reads the text as is."""
    config = getattr(loaded, "config", None)
    if getattr(config, "model_type", None) != "marian":
        return identity
    langs = [code for code in getattr(loaded.spec, "source_languages", ()) if code and code != "*"]
    lang = langs[0] if langs else "fr"
    return lambda text: opus_mt_input(text, lang)
