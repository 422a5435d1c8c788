"""A Result's identity: the options that shape it and the key a store files it under, so identical requests share
one stored Result and ``cache_key`` can look one up without running the pipeline."""

from __future__ import annotations

import hashlib
import json
from typing import Iterable

from service.pipeline.stack import glossary_hash
from service.result import ModelUsed
from service.text.normalize import normalize


class ResultIdentity:
    """Mixed into ``Pipeline``: needs its ``settings``, ``stacks``, ``glossary``, ``_llm_headline`` and
    ``models_used()``."""

    def _options(self, summaries: list[str], summarizer: str, source_language: str | None) -> dict:
        """The options that shape a Result (and its id)."""
        options = {
            "summaries": summaries,
            "summarizer": summarizer,
            "source_language": source_language,
            "glossary": glossary_hash(self.glossary),
            "fact_checks": self.settings.fact_checks,
            # Decoding changes the text: a store hit must not serve a Result made with other beams or caps.
            "decoding": self.stacks["fr"].base.decoding.signature() if self.stacks["fr"].base else None,
        }
        if summarizer == "llm":  # each preset is filled through its prompt template: a new version is a new Result
            from prompts import load_template

            options["prompts"] = {name: load_template(name).ref for name in summaries}
        elif summarizer == "model" and "headline" in summaries and self._llm_headline:
            from prompts import load_template

            options["prompts"] = {"headline": load_template("headline").ref}
        return options

    def cache_key(self, text: str, summaries: Iterable[str], source_language: str | None, summarizer: str) -> str:
        """The id ``run`` would give this request, without running it (what the store looks up)."""
        options = self._options(list(dict.fromkeys(summaries)), summarizer, source_language)
        return result_key(normalize(text).text, self.models_used(), options)


def result_key(text: str, models: list[ModelUsed], options: dict) -> str:
    """Identity of a Result: the normalized text, every model the pipeline holds (id, revision, backend, dtype)
    and the options. Independent of timings, so identical requests share one stored Result."""
    payload = json.dumps(
        {"text": text, "models": [m.model_dump() for m in models], "options": options}, sort_keys=True
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]
