"""One decoding configuration per summarization checkpoint, passed identically to both engines.

Read from the checkpoint's generation settings (``LoadedModel.generation``: generation_config.json, else the keys
of config.json — distilbart-cnn-12-6 ships length_penalty 2.0, min_length 56, max_length 142,
no_repeat_ngram_size 3, num_beams 4, early_stopping true there) and overridden in one place
(``SummaryDecoding.replace``: the beams setting, the benchmark's forced length).

Lengths follow transformers' convention for encoder-decoders: ``min_length``/``max_length`` count the decoder
tokens *including* the decoder start token. transformers therefore generates at most ``max_length - 1`` new tokens,
the forced BOS and the end token included. CTranslate2 counts neither the decoder start nor the end token in
``max_decoding_length`` (a forced BOS is a target prefix and is counted), so the cap is ``max_length - 2`` there
when the checkpoint forces the end token at the cap (BART, Marian), ``max_length - 1`` otherwise; the minimum,
which transformers checks before the end token is added, is ``min_length - 1`` (both measured on the fixtures,
tests/models/test_summary_decoding.py).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass


@dataclass(frozen=True)
class SummaryDecoding:
    num_beams: int = 4
    length_penalty: float = 1.0
    min_length: int = 0
    max_length: int = 142
    no_repeat_ngram_size: int = 0
    early_stopping: bool = True
    forced_bos_token_id: int | None = None
    forced_eos_token_id: int | None = None
    forced_new_tokens: int = 0
    """Benchmark only (never a setting): exactly this many new tokens, as the real model writes (random weights
    rarely emit the end token)."""

    @classmethod
    def from_checkpoint(cls, loaded) -> "SummaryDecoding":
        """The checkpoint's settings; transformers' library defaults where the checkpoint sets none."""
        generation, config = loaded.generation, loaded.config

        def value(name: str, default):
            for source in (generation, config):
                found = getattr(source, name, None) if source is not None else None
                if found is not None:
                    return found
            return default

        return cls(
            num_beams=int(value("num_beams", 1)),
            length_penalty=float(value("length_penalty", 1.0)),
            min_length=int(value("min_length", 0)),
            max_length=int(value("max_length", 20)),
            no_repeat_ngram_size=int(value("no_repeat_ngram_size", 0)),
            early_stopping=bool(value("early_stopping", False)),
            forced_bos_token_id=value("forced_bos_token_id", None),
            forced_eos_token_id=value("forced_eos_token_id", None),
        )

    def replace(self, **changes) -> "SummaryDecoding":
        return dataclasses.replace(self, **changes)

    @property
    def lengths(self) -> tuple[int, int]:
        """(min_length, max_length) in transformers' convention, after the benchmark's forced length."""
        if self.forced_new_tokens:
            # new tokens = length - 1 (the decoder start); the forced end token is one of them
            return self.forced_new_tokens + 2, self.forced_new_tokens + 2
        return self.min_length, self.max_length

    def hf_kwargs(self) -> dict:
        """Keyword arguments for transformers' ``generate`` (every setting explicit: nothing is inherited)."""
        min_length, max_length = self.lengths
        return {
            "num_beams": self.num_beams,
            "num_return_sequences": self.num_beams,
            "length_penalty": self.length_penalty,
            "min_length": min_length,
            "max_length": max_length,
            "no_repeat_ngram_size": self.no_repeat_ngram_size,
            "early_stopping": self.early_stopping,
            "forced_bos_token_id": self.forced_bos_token_id,
            "forced_eos_token_id": self.forced_eos_token_id,
            "do_sample": False,
        }

    def ct2_kwargs(self) -> dict:
        """The same settings for ``ctranslate2.Translator.translate_batch`` (target prefix added by the caller)."""
        min_length, max_length = self.lengths
        uncounted = 2 if self.forced_eos_token_id is not None else 1
        cap = max(1, max_length - uncounted)
        return {
            "beam_size": self.num_beams,
            "num_hypotheses": self.num_beams,
            "length_penalty": self.length_penalty,
            # transformers forces the end token at the cap even when min_length = max_length
            "min_decoding_length": min(cap, max(0, min_length - 1)),
            "max_decoding_length": cap,
            "no_repeat_ngram_size": self.no_repeat_ngram_size,
            "return_scores": False,
        }

    @property
    def max_new_tokens(self) -> int:
        """New tokens at the cap as transformers counts them (forced BOS and end token included)."""
        return self.lengths[1] - 1

    def signature(self) -> dict:
        return dataclasses.asdict(self)
