"""The one translator interface (argos-translate style): everything that translates implements it, and caching,
clause splitting or glossary protection wrap it without the caller knowing."""

from __future__ import annotations

from typing import Callable, Protocol, runtime_checkable

from service.result import ModelUsed

Progress = Callable[[int, int], None]
"""Called with (sentences done, sentences total)."""


@runtime_checkable
class Translator(Protocol):
    def translate(self, sentences: list[str], progress: Progress | None = None) -> list[str]:
        """Translate each sentence; the output list is aligned with the input and never shorter."""
        ...

    def models_used(self) -> list[ModelUsed]:
        ...
