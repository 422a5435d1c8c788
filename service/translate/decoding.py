"""Decoding settings for translation, in one place."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

from service.settings import Settings


@dataclass(frozen=True)
class DecodingConfig:
    num_beams: int = 4
    no_repeat_ngram_size: int = 0
    max_new_tokens: int = 512
    new_tokens_ratio: float = 2.0
    length_bucket: int = 16
    new_tokens_offset: int = 10
    """Added to ``new_tokens_ratio`` × source tokens for the cap (the fact checks' name renderer uses 4)."""
    forced_new_tokens: int = 0
    """Benchmark only (never a setting): every sentence generates exactly this many new tokens
    (min_new_tokens = max_new_tokens), so random-weight models do comparable work on every engine."""
    forced_ratio: float = 0.0
    """Benchmark only: every sentence generates exactly ``forced_ratio`` × its source tokens, rounded to the nearest
    length bucket (so that sentences of similar length share a batch; at least one bucket) — a realistic length for
    a whole dispatch."""

    @property
    def forces_length(self) -> bool:
        """True when min_new_tokens = max_new_tokens = ``new_token_cap`` (benchmark overrides)."""
        return bool(self.forced_new_tokens or self.forced_ratio)

    @classmethod
    def from_settings(cls, settings: Settings) -> "DecodingConfig":
        return cls(
            num_beams=settings.num_beams,
            no_repeat_ngram_size=settings.no_repeat_ngram_size,
            max_new_tokens=settings.max_new_tokens,
            new_tokens_ratio=settings.new_tokens_ratio,
        )

    def new_token_cap(self, source_tokens: int) -> int:
        """Max new tokens for a source of this length, rounded up to a bucket so that sentences of similar
        length share a cap. Sentences of different caps still share a batch; each output is cut to its own
        cap (``service/translate/hf.py`` says when that equals a run with its own cap)."""
        if self.forced_new_tokens:
            return self.forced_new_tokens
        if self.forced_ratio:
            forced = math.floor(self.forced_ratio * source_tokens / self.length_bucket + 0.5) * self.length_bucket
            return max(self.length_bucket, forced)
        raw = self.new_tokens_ratio * source_tokens + self.new_tokens_offset
        bucketed = math.ceil(raw / self.length_bucket) * self.length_bucket
        return int(min(self.max_new_tokens, bucketed))

    def generate_kwargs(self) -> dict:
        kwargs = {"num_beams": self.num_beams, "do_sample": False, "early_stopping": True}
        if self.no_repeat_ngram_size:
            kwargs["no_repeat_ngram_size"] = self.no_repeat_ngram_size
        return kwargs

    def signature(self) -> dict:
        """What the sentence cache, Result ids and batch jobs are keyed on. ``new_tokens_offset`` appears only when
        it is not the sentence default (10), so adding the field changed no existing key."""
        out = asdict(self)
        if out["new_tokens_offset"] == 10:
            del out["new_tokens_offset"]
        return out
