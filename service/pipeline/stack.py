"""A translation route as the pipeline uses it: the model translator wrapped in cache → glossary protection →
English quotes kept verbatim → clause splitting → [cross-request queue], with handles on the wrappers it reports
from."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace

from service.facts import Glossary, GlossaryTranslator
from service.translate.base import Translator
from service.translate.hf import HFTranslator
from service.translate.queue import BatchingQueue
from service.translate.wrappers import CachingTranslator, ClauseSplittingTranslator, ForeignQuoteTranslator


NAME_TOKENS_RATIO = 1.3
NAME_TOKENS_OFFSET = 3
"""The name renderer's cap: 1.3 × a name's tokens + 3 fits the English form of 99.7 % of 2,735 CLDR and gazetteer
name pairs in the model's own tokens (``python -m eval.name_caps MODEL_DIR``; the misses are long official forms:
"Sainte-Hélène" → "St. Helena, Ascension & Tristan da Cunha"), at a mean of 9.6 decoding steps where the earlier
1.5 × tokens + 4, rounded up to 8, took 15.0 (every step costs about the same at this batch size, whatever the
number of names: the names' call is a fixed cost of the fact checks)."""


@dataclass
class TranslationStack:
    """A translator as used by the pipeline — cache → glossary protection (French only) → clause splitting →
    model — with handles on the wrappers it reports from."""

    translator: Translator
    splitter: ClauseSplittingTranslator
    cache: CachingTranslator
    base: HFTranslator | None = None
    queue: BatchingQueue | None = None
    glossary: GlossaryTranslator | None = None

    @classmethod
    def build(
        cls,
        base: HFTranslator,
        max_sentence_tokens: int,
        cache_size: int,
        glossary: Glossary | None = None,
        queue: BatchingQueue | None = None,
    ) -> "TranslationStack":
        """cache → [glossary protection] → English quotes kept verbatim → clause splitter → [cross-request queue] →
        model translator."""
        limit = min(max_sentence_tokens, base.max_input_tokens - 2)
        splitter = ClauseSplittingTranslator(queue or base, base.count_tokens, limit)
        quotes = ForeignQuoteTranslator(splitter)
        protected = GlossaryTranslator(quotes, glossary) if glossary is not None else None
        cache = CachingTranslator(protected or quotes, "", max_entries=cache_size)
        stack = cls(translator=cache, splitter=splitter, cache=cache, base=base, queue=queue, glossary=protected)
        stack._set_namespace(base)
        return stack

    def _set_namespace(self, base: HFTranslator) -> None:
        """The cache key covers the model and its engine (backend, dtype), the decoding and the glossary, so a
        change never serves stale text."""
        spec = base.loaded.spec
        engine = [base.loaded.backend, base.loaded.dtype]
        self.cache.namespace = json.dumps(
            [
                spec.display_id,
                getattr(base.loaded, "revision", None),
                engine,
                base.decoding.signature(),
                glossary_hash(self.glossary.glossary if self.glossary else None),
            ],
            sort_keys=True,
        )

    def name_renderer(self) -> HFTranslator | Translator:
        """The model as the fact checks ask it to render a name alone ("Sainte-Croix" → "Holy Cross"): the same
        loaded model and input normalization, decoded greedily with a cap of ``NAME_TOKENS_RATIO`` × the name's
        tokens + ``NAME_TOKENS_OFFSET`` (a name's rendering is about as long as the name). With the sentence decoding (4 beams, 2 × tokens + 10, rounded up
        to 16) the renderings of a dispatch's names cost as much as translating a paragraph, after the last one.
        The renderer calls the model directly, not through the route's cross-request queue: CTranslate2 (the CPU
        default) serializes concurrent calls itself; on the transformers backend a name call can run beside the
        queue's batch."""
        base = self.base
        if base is None:
            return self.translator
        decoding = replace(base.decoding, num_beams=1, no_repeat_ngram_size=0, new_tokens_ratio=NAME_TOKENS_RATIO,
                           length_bucket=1, new_tokens_offset=NAME_TOKENS_OFFSET, forced_new_tokens=0)
        return type(base)(base.loaded, decoding, token_budget=base.token_budget,
                          max_batch_sentences=base.max_batch_sentences, max_time=base.max_time, role=base.role,
                          normalize_input=base.normalize_input)

    def set_glossary(self, glossary: Glossary) -> None:
        if self.glossary is None:
            raise ValueError("this translation route takes no glossary")
        self.glossary.glossary = glossary
        self._set_namespace(self.base)


def glossary_hash(glossary: Glossary | None) -> str | None:
    if glossary is None:
        return None
    payload = json.dumps(glossary.to_dict(), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]

