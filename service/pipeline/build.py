"""Start-up: every model the settings name, loaded once, assembled into translation stacks and a summarizer.
Nothing here runs inside a request."""

from __future__ import annotations

import logging
import threading
from typing import Iterable

from models.load import load
from models.registry import ModelSpec, resolve
from service.settings import Settings
from service.summarize.extractive import CentralitySummarizer, LeadSummarizer
from service.text.detect import WARM_UP_TEXT, detect_language
from service.text.segment import split_sentences
from service.profile import ModelOptions, summary_options, translation_options
from service.facts import Glossary
from service.pipeline.stack import TranslationStack
from service.result import ModelUsed
from service.translate.ct2 import CT2Translator
from service.translate.decoding import DecodingConfig
from service.translate.hf import HFTranslator
from service.translate.queue import BatchingQueue

log = logging.getLogger("wirebrief.pipeline")


def load_model(settings: Settings, spec: ModelSpec, options: ModelOptions | None = None):
    """One model through ``models.load`` with the settings' device, cache and engine options."""
    options = options or ModelOptions(backend="transformers", quantize="none")
    return load(
        spec,
        device=settings.device,
        dtype=settings.dtype,
        cache_dir=settings.hf_cache_dir,
        allow_download=settings.allow_download,
        quantize=options.quantize,
        backend=options.backend,
        threads=settings.torch_threads,
        ct2_dir=settings.ct2_dir,
        replicas=options.replicas,
    )


def build_stack(
    settings: Settings, spec: ModelSpec, decoding: DecodingConfig, role: str, glossary: Glossary | None = None
) -> TranslationStack:
    """The translation stack of one route: the model on its profile's engine, with the cross-request queue when
    WIREBRIEF_CROSS_REQUEST_BATCHING is on."""
    loaded = load_model(settings, spec, translation_options(settings, spec))
    engine = CT2Translator if loaded.backend == "ctranslate2" else HFTranslator
    base = engine(
        loaded,
        decoding,
        token_budget=settings.token_budget,
        max_batch_sentences=settings.max_batch_sentences,
        max_time=settings.max_time,
        role=role,
    )
    queue = None
    if settings.cross_request_batching:
        queue = BatchingQueue(
            base,
            count_tokens=base.count_tokens,
            token_budget=settings.token_budget,
            max_batch_sentences=settings.max_batch_sentences,
            max_wait_ms=settings.batch_wait_ms,
            name=role,
        )
    return TranslationStack.build(base, settings.max_sentence_tokens, settings.sentence_cache_size, glossary, queue)


def build_summarizer(settings: Settings) -> tuple[object, list[ModelUsed]]:
    """The summarizer WIREBRIEF_SUMMARY_MODEL names (with the headline model of WIREBRIEF_HEADLINE_MODEL) and the
    models it uses."""
    if settings.summary_model in ("extractive", "extractive-centrality"):
        return CentralitySummarizer(), []
    if settings.summary_model == "extractive-lead":
        return LeadSummarizer(), []
    from service.summarize.ct2 import CT2Seq2SeqSummarizer
    from service.summarize.seq2seq import Seq2SeqSummarizer

    def build(ref: str, headline=None):
        spec = resolve(ref, "summarization")
        loaded = load_model(settings, spec, summary_options(settings, spec))
        engine = CT2Seq2SeqSummarizer if loaded.backend == "ctranslate2" else Seq2SeqSummarizer
        return engine(
            loaded,
            lambda text: [s.text for s in split_sentences(text, "en")],
            num_beams=settings.summary_num_beams,
            max_time=settings.max_time,
            headline=headline,
        )

    headline = build(settings.headline_model) if settings.headline_model not in ("", "llm") else None
    summarizer = build(settings.summary_model, headline)
    return summarizer, summarizer.models_used()


def warm_up(preloads: Iterable[threading.Thread] = ()) -> None:
    """Build the lazily-built helpers (language detector, fact-check lexicons) at start-up, so that the first
    request does not pay for them. ``preloads``: threads already loading some of them (``preload_ner``,
    ``preload_lexicon``, ``preload_detector``), waited for first; each helper is then asked for again, which raises
    a failed load."""
    from service.facts import check_translation, load_lexicon, load_ner

    for thread in preloads:
        thread.join()
    load_ner()  # the fact checker's French NER (WIREBRIEF_FACT_NER_MODEL), loaded once per process
    log.info("fact checker word lexicon: %s", load_lexicon().signature())  # WIREBRIEF_FACT_LEXICON_DIR
    detect_language(WARM_UP_TEXT)
    check_translation("L'Otan a 500 soldats en Irak depuis le 3 mars.", "NATO has 500 soldiers in Iraq since March 3.")
