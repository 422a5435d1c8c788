"""Summary presets and their hard limits."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Preset:
    name: str
    max_words: int
    """Word limit of the whole summary, or of each item for itemized presets."""
    max_sentences: int | None = None
    items: int | None = None
    """Number of bullets for itemized presets."""
    min_new_tokens: int = 8
    max_new_tokens: int = 64
    description: str = ""

    @property
    def itemized(self) -> bool:
        return self.items is not None


PRESETS: dict[str, Preset] = {
    p.name: p
    for p in [
        Preset("headline", 15, max_sentences=1, min_new_tokens=4, max_new_tokens=32, description="≤ 15 words"),
        Preset("lede", 35, max_sentences=1, min_new_tokens=10, max_new_tokens=64, description="one sentence, ≤ 35 words"),
        Preset("bullets", 30, items=3, min_new_tokens=40, max_new_tokens=160, description="3 key points, ≤ 30 words each"),
        Preset("paragraph", 80, min_new_tokens=40, max_new_tokens=142, description="≤ 80 words"),
    ]
}

# Below this many words, a summary would not be shorter than the text: the translation is returned instead.
MIN_WORDS_TO_SUMMARIZE = 40


def get_preset(name: str) -> Preset:
    try:
        return PRESETS[name]
    except KeyError:
        from service.errors import InputError

        raise InputError(
            f"unknown summary preset {name!r}; choose from {', '.join(PRESETS)}", code="unknown_preset"
        ) from None
