"""Dispatch → Result: normalize, detect the language, segment, translate (streaming paragraph by paragraph),
summarize by preset. The one place the app, API, CLI and evaluation harness go through.

Models are loaded once in ``Pipeline.from_settings`` (start-up), never inside ``run``.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from typing import Iterable, Protocol

from models.load import load
from models.registry import ModelSpec, get, resolve, route_for
from service.errors import InputError, LimitExceeded
from service.events import Listener, ParagraphReady, Progress, ignore
from service.result import Issue, LanguageInfo, ModelUsed, Paragraph, Result, Sentence, Summary
from service.settings import Settings, get_settings
from service.summarize.extractive import CentralitySummarizer, LeadSummarizer
from service.summarize.fit import count_words, make_summary
from service.summarize.presets import MIN_WORDS_TO_SUMMARIZE, PRESETS, Preset, get_preset
from service.text.detect import detect_language
from service.text.normalize import normalize
from service.text.segment import segment, split_sentences
from service.profile import ModelOptions, summary_options, translation_options
from service.translate.base import Translator
from service.translate.ct2 import CT2Translator
from service.translate.decoding import DecodingConfig
from service.translate.hf import HFTranslator
from service.translate.queue import BatchingQueue
from service.translate.quality import degenerate_reasons
from service.translate.router import TranslatorRouter
from service.translate.wrappers import CachingTranslator, ClauseSplittingTranslator

DEFAULT_PRESETS = ("headline", "lede", "bullets", "paragraph")
SUMMARIZER_CHOICES = ("model", "extractive-lead", "extractive-centrality")
# Translating the first paragraph on its own makes it readable early; later windows batch more sentences.
WINDOW_SENTENCES = 32


class Summarizer(Protocol):
    method: str

    def summarize(self, sentences: list[str], preset: Preset) -> Summary: ...


@dataclass
class TranslationStack:
    """A translator as used by the pipeline, with handles on the wrappers it reports from."""

    translator: Translator
    splitter: ClauseSplittingTranslator
    cache: CachingTranslator
    base: HFTranslator | None = None
    queue: BatchingQueue | None = None

    @classmethod
    def build(
        cls,
        base: HFTranslator,
        max_sentence_tokens: int,
        cache_size: int,
        queue: BatchingQueue | None = None,
    ) -> "TranslationStack":
        """cache → clause splitter → [cross-request queue] → model translator."""
        limit = min(max_sentence_tokens, base.max_input_tokens - 2)
        splitter = ClauseSplittingTranslator(queue or base, base.count_tokens, limit)
        spec = base.loaded.spec
        engine = [base.loaded.backend, base.loaded.dtype]
        namespace = json.dumps([spec.display_id, engine, base.decoding.signature()], sort_keys=True)
        cache = CachingTranslator(splitter, namespace, max_entries=cache_size)
        return cls(translator=cache, splitter=splitter, cache=cache, base=base, queue=queue)


@dataclass
class Pipeline:
    settings: Settings
    stacks: dict[str, TranslationStack]
    summarizer: Summarizer | None
    summary_models: list[ModelUsed] = field(default_factory=list)
    load_seconds: float = 0.0

    # ---------------------------------------------------------------- construction (start-up only)
    @classmethod
    def from_settings(cls, settings: Settings | None = None, *, decoding: DecodingConfig | None = None) -> "Pipeline":
        """Load every model the settings name. ``decoding`` overrides the decoding settings (the benchmark forces
        output lengths with it)."""
        settings = settings or get_settings()
        started = time.perf_counter()
        if settings.torch_threads:
            import torch

            torch.set_num_threads(settings.torch_threads)
        decoding = decoding or DecodingConfig.from_settings(settings)
        stacks: dict[str, TranslationStack] = {}
        main_spec = resolve(settings.translation_model, "translation")
        stacks["fr"] = cls._stack(settings, main_spec, decoding, "translation")
        for code in settings.routes:
            spec = get("opus-mt-mul-en") if code == "mul" else route_for(code)
            if spec is None:
                raise InputError(f"WIREBRIEF_ROUTES names {code!r}, for which no route is registered")
            stacks["*" if code == "mul" else code] = cls._stack(settings, spec, decoding, f"translation:{code}")
        summarizer, summary_models = cls._summarizer(settings)
        return cls(
            settings=settings,
            stacks=stacks,
            summarizer=summarizer,
            summary_models=summary_models,
            load_seconds=time.perf_counter() - started,
        )

    @staticmethod
    def _load(settings: Settings, spec: ModelSpec, options: ModelOptions | None = None):
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
        )

    @classmethod
    def _stack(cls, settings: Settings, spec: ModelSpec, decoding: DecodingConfig, role: str) -> TranslationStack:
        loaded = cls._load(settings, spec, translation_options(settings, spec))
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
                batch_key=decoding.new_token_cap,
                token_budget=settings.token_budget,
                max_batch_sentences=settings.max_batch_sentences,
                max_wait_ms=settings.batch_wait_ms,
                name=role,
            )
        return TranslationStack.build(base, settings.max_sentence_tokens, settings.sentence_cache_size, queue)

    @classmethod
    def _summarizer(cls, settings: Settings) -> tuple[Summarizer, list[ModelUsed]]:
        if settings.summary_model in ("extractive", "extractive-centrality"):
            return CentralitySummarizer(), []
        if settings.summary_model == "extractive-lead":
            return LeadSummarizer(), []
        from service.summarize.ct2 import CT2Seq2SeqSummarizer
        from service.summarize.seq2seq import Seq2SeqSummarizer

        spec = resolve(settings.summary_model, "summarization")
        loaded = cls._load(settings, spec, summary_options(settings, spec))
        engine = CT2Seq2SeqSummarizer if loaded.backend == "ctranslate2" else Seq2SeqSummarizer
        summarizer = engine(
            loaded,
            lambda text: [s.text for s in split_sentences(text, "en")],
            num_beams=settings.summary_num_beams,
            max_time=settings.max_time,
        )
        return summarizer, summarizer.models_used()

    # ---------------------------------------------------------------- running
    @property
    def router(self) -> TranslatorRouter:
        return TranslatorRouter({code: stack.translator for code, stack in self.stacks.items()})

    def close(self) -> None:
        """Stop the batching queues' worker threads (they are daemons; tests and the bench call this)."""
        for stack in self.stacks.values():
            if stack.queue is not None:
                stack.queue.close()

    def models_used(self) -> list[ModelUsed]:
        used = [m for stack in self.stacks.values() for m in stack.translator.models_used()]
        return used + self.summary_models

    def validate(self, text: str, summaries: Iterable[str], summarizer: str) -> list[Preset]:
        """Checks that need no model: the edge calls this before queueing any work."""
        if not isinstance(text, str) or not text.strip():
            raise InputError("the dispatch is empty: paste or upload some text", code="empty_input")
        if len(text) > self.settings.max_chars:
            raise LimitExceeded("WIREBRIEF_MAX_CHARS", self.settings.max_chars, len(text), "the dispatch length in characters")
        if summarizer not in SUMMARIZER_CHOICES:
            raise InputError(
                f"unknown summarizer {summarizer!r}; choose from {', '.join(SUMMARIZER_CHOICES)}",
                code="unknown_option",
            )
        return [get_preset(name) for name in dict.fromkeys(summaries)]

    def run(
        self,
        text: str,
        *,
        summaries: Iterable[str] = DEFAULT_PRESETS,
        source_language: str | None = None,
        summarizer: str = "model",
        listener: Listener = ignore,
    ) -> Result:
        presets = self.validate(text, summaries, summarizer)
        timings: dict[str, float] = {}
        warnings: list[Issue] = []

        t0 = time.perf_counter()
        listener(Progress("normalizing", 0, 1))
        normalized = normalize(text)
        if not normalized.text.strip():
            raise InputError(
                "the dispatch has no visible text after removing control and invisible characters",
                code="empty_input",
            )
        warnings += [Issue(code="normalized", message=note, severity="info") for note in normalized.notes]
        timings["normalize"] = time.perf_counter() - t0

        t0 = time.perf_counter()
        listener(Progress("detecting", 0, 1))
        language = self._language(normalized.text, source_language)
        if not language.given and language.confidence < self.settings.min_language_confidence:
            warnings.append(
                Issue(
                    code="language.uncertain",
                    message=f"detected {language.name} with low confidence ({language.confidence:.2f})",
                )
            )
        timings["detect"] = time.perf_counter() - t0

        t0 = time.perf_counter()
        listener(Progress("segmenting", 0, 1))
        segmented = segment(normalized.text, language.code)
        timings["segment"] = time.perf_counter() - t0

        t0 = time.perf_counter()
        translated = language.code != "en"
        if translated:
            stack_key, translator = self._translator_for(language)
            paragraphs = self._translate(segmented, self.stacks[stack_key], listener, warnings)
            models = [m for m in translator.models_used()]
        else:
            warnings.append(
                Issue(code="passthrough", message="the text is English: not translated", severity="info")
            )
            paragraphs = [
                Paragraph(
                    index=p,
                    sentences=[
                        Sentence(index=i, source=seg.text, translation=seg.text, kind=seg.kind)
                        for i, seg in enumerate(segs)
                    ],
                )
                for p, segs in enumerate(segmented)
            ]
            for paragraph in paragraphs:
                listener(ParagraphReady(paragraph, len(paragraphs)))
            models = []
        timings["translate"] = time.perf_counter() - t0

        t0 = time.perf_counter()
        english = [s.translation for p in paragraphs for s in p.sentences if s.translation]
        summary_map: dict[str, Summary] = {}
        for done, preset in enumerate(presets):
            listener(Progress("summarizing", done, len(presets)))
            summary_map[preset.name] = self._summarize(english, preset, summarizer)
        if presets:
            listener(Progress("summarizing", len(presets), len(presets)))
            if summarizer == "model":
                models += self.summary_models
        timings["summarize"] = time.perf_counter() - t0
        timings["total"] = sum(timings.values())

        options = {
            "summaries": [p.name for p in presets],
            "summarizer": summarizer,
            "source_language": source_language,
        }
        result = Result(
            language=language,
            translated=translated,
            paragraphs=paragraphs,
            summaries=summary_map,
            warnings=warnings,
            timings=timings,
            models=models,
            options=options,
        )
        result.id = result_key(normalized.text, models, options)
        return result

    def cache_key(self, text: str, summaries: Iterable[str], source_language: str | None, summarizer: str) -> str:
        """The id ``run`` would give this request, without running it (what the store looks up)."""
        options = {"summaries": list(dict.fromkeys(summaries)), "summarizer": summarizer, "source_language": source_language}
        return result_key(normalize(text).text, self.models_used(), options)

    # ---------------------------------------------------------------- stages
    def _language(self, text: str, given: str | None) -> LanguageInfo:
        if given:
            from service.text.detect import language_name

            return LanguageInfo(code=given, name=language_name(given), confidence=1.0, given=True)
        return detect_language(text)

    def _translator_for(self, language: LanguageInfo) -> tuple[str, Translator]:
        translator = self.router.for_language(language.code, language.name)
        for key, stack in self.stacks.items():
            if stack.translator is translator:
                return key, translator
        raise AssertionError("router returned a translator that is not in the pipeline")

    def _translate(
        self, segmented: list, stack: TranslationStack, listener: Listener, warnings: list[Issue]
    ) -> list[Paragraph]:
        total = sum(len(segs) for segs in segmented)
        done_before = 0
        paragraphs: list[Paragraph] = []
        for window in _windows(segmented, WINDOW_SENTENCES):
            sources = [seg.text for p in window for seg in segmented[p]]
            cached = [stack.cache.contains(s) for s in sources]

            def progress(done: int, _n: int, base: int = done_before) -> None:
                listener(Progress("translating", base + done, total))

            outputs = stack.translator.translate(sources, progress)
            position = 0
            for p in window:
                sentences = []
                for i, seg in enumerate(segmented[p]):
                    source, output = sources[position], outputs[position]
                    sentences.append(
                        Sentence(
                            index=i,
                            source=source,
                            translation=output,
                            kind=seg.kind,
                            parts=len(stack.splitter.split(source)),
                            cached=cached[position],
                        )
                    )
                    for code, message in degenerate_reasons(source, output):
                        warnings.append(Issue(code=code, message=message, paragraph=p, sentence=i))
                    position += 1
                paragraph = Paragraph(index=p, sentences=sentences)
                paragraphs.append(paragraph)
                listener(ParagraphReady(paragraph, len(segmented)))
            done_before += len(sources)
            listener(Progress("translating", done_before, total))
        return paragraphs

    def _summarize(self, english: list[str], preset: Preset, summarizer: str) -> Summary:
        words = count_words(" ".join(english))
        if words < MIN_WORDS_TO_SUMMARIZE:
            summary = make_summary(preset, [" ".join(english)], "passthrough", [])
            summary.notes.append(
                f"the text has only {words} words (under {MIN_WORDS_TO_SUMMARIZE}): its translation is the summary"
            )
            return summary
        if summarizer == "extractive-lead":
            return LeadSummarizer().summarize(english, preset)
        if summarizer == "extractive-centrality" or self.summarizer is None:
            return CentralitySummarizer().summarize(english, preset)
        return self.summarizer.summarize(english, preset)


def _windows(segmented: list, size: int) -> list[list[int]]:
    """Paragraph indices grouped into translation windows: the first paragraph alone, then groups of about
    ``size`` sentences, always whole paragraphs, in document order."""
    windows: list[list[int]] = []
    current: list[int] = []
    count = 0
    for p, segs in enumerate(segmented):
        current.append(p)
        count += len(segs)
        if p == 0 or count >= size:
            windows.append(current)
            current, count = [], 0
    if current:
        windows.append(current)
    return windows


def result_key(text: str, models: list[ModelUsed], options: dict) -> str:
    payload = json.dumps(
        {"text": text, "models": [m.model_dump() for m in models], "options": options}, sort_keys=True
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


def presets_help() -> str:
    return ", ".join(f"{p.name} ({p.description})" for p in PRESETS.values())
