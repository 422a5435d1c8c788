"""Pick the translator for a source language: the FR→EN model, a registered per-language route, or the
many-to-English fallback; English passes through."""

from __future__ import annotations

from models.registry import route_for
from service.errors import UnsupportedLanguage

from .base import Translator


class TranslatorRouter:
    def __init__(self, translators: dict[str, Translator]):
        """``translators`` maps an ISO 639-1 code (or '*' for the many-to-English fallback) to a loaded stack."""
        self.translators = translators

    @property
    def languages(self) -> list[str]:
        return sorted(self.translators)

    def for_language(self, code: str, name: str) -> Translator:
        if code in self.translators:
            return self.translators[code]
        if "*" in self.translators:
            return self.translators["*"]
        route = route_for(code)
        if route is not None:
            raise UnsupportedLanguage(
                f"the text is in {name} ({code}); its route {route.name} is registered but not enabled — "
                f"add '{code}' to WIREBRIEF_ROUTES and restart",
            )
        raise UnsupportedLanguage(
            f"the text is in {name} ({code}), which wirebrief does not translate; supported source languages: "
            f"{', '.join(self.languages)} (and English, which is summarized as is)"
        )
