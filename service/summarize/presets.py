"""Summary presets and their hard limits. The limits apply when a summary is fitted from generated or extracted
sentences; generation itself decodes once per dispatch with the checkpoint's own settings
(service/summarize/decoding.py), so no preset carries token lengths."""

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
    description: str = ""

    @property
    def itemized(self) -> bool:
        return self.items is not None


PRESETS: dict[str, Preset] = {
    p.name: p
    for p in [
        Preset("headline", 15, max_sentences=1, description="≤ 15 words"),
        Preset("lede", 35, max_sentences=1, description="one sentence, ≤ 35 words"),
        Preset("bullets", 30, items=3, description="3 key points, ≤ 30 words each"),
        Preset("paragraph", 80, description="≤ 80 words"),
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
