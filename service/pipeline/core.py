"""Dispatch → Result: normalize, detect the language, segment, translate (streaming paragraph by paragraph),
summarize by preset, check the facts. The one place the app, API, CLI and evaluation harness go through.

Models are loaded once in ``Pipeline.from_settings`` (start-up, ``service.pipeline.build``), never inside ``run``.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Iterable, Protocol

from models.registry import get, resolve, route_for
from service.brief.service import BriefService
from service.facts import (Glossary, NameTranslator, glossary_from_settings, preload_gazetteer, preload_lexicon,
                           preload_ner)
from service.facts.memo import SentenceFactsMemo
from service.errors import GenerationTimeout, InputError, LimitExceeded
from service.limits import collect_cap_hits, current_deadline
from service.memory import release_free_memory
from service import partial as partial_work
from service.events import Listener, ParagraphReady, Progress, ignore
from service.pipeline.build import build_stack, build_summarizer, warm_up
from service.pipeline.stack import TranslationStack
from service.pipeline.fact_stage import FactStage
from service.pipeline.identity import ResultIdentity, result_key
from service.pipeline.summaries import SummaryStage
from service.pipeline.prepared import Prepared
from service.pipeline.windows import assemble_paragraphs, glance, passthrough, translate_in_windows
from service.result import Issue, LanguageInfo, ModelUsed, Result, Summary
from service.settings import Settings, get_settings
from service.summarize.presets import PRESETS, Preset, get_preset
from service.text.detect import detect_language, preload_detector
from service.text.normalize import normalize
from service.text.segment import segment
from service.translate.base import Translator
from service.translate.decoding import DecodingConfig
from service.translate.router import TranslatorRouter

log = logging.getLogger("wirebrief.pipeline")

DEFAULT_PRESETS = ("headline", "lede", "bullets", "paragraph")
SUMMARIZER_CHOICES = ("model", "extractive-lead", "extractive-centrality", "llm")


class Summarizer(Protocol):
    method: str

    def summarize(self, sentences: list[str], preset: Preset) -> Summary: ...


@dataclass
class Pipeline(SummaryStage, ResultIdentity, FactStage):
    settings: Settings
    stacks: dict[str, TranslationStack]
    summarizer: Summarizer | None
    summary_models: list[ModelUsed] = field(default_factory=list)
    load_seconds: float = 0.0
    briefs: BriefService | None = None
    """The brief model (WIREBRIEF_BRIEFS); unavailable with a reason when off or missing."""
    name_translator: NameTranslator | None = None
    """The French model's rendering of a source name alone, for the fact check (cached per name)."""
    facts_cost: partial_work.FactsCost = field(default_factory=partial_work.FactsCost)
    """What the fact checks cost a sentence (measured on each run): a partial request keeps that time back."""
    fact_memo: SentenceFactsMemo = field(default_factory=SentenceFactsMemo)
    """Each sentence pair's fact check, so a Continue, a re-sent or an updated dispatch checks only its new
    sentences."""

    # ---------------------------------------------------------------- construction (start-up only)
    @classmethod
    def from_settings(cls, settings: Settings | None = None, *, decoding: DecodingConfig | None = None) -> "Pipeline":
        """Load every model the settings name. ``decoding`` overrides the decoding settings (the benchmark forces
        output lengths with it)."""
        settings = settings or get_settings()
        started = time.perf_counter()
        # The NER, the word lexicon, the gazetteer and the language detector load beside the model loading below;
        # warm_up() waits for them.
        preloads = [preload_ner(settings.fact_ner_model), preload_lexicon(settings.fact_lexicon_dir), preload_gazetteer(),
                    preload_detector()]
        try:
            return cls._load(settings, decoding, started, preloads)
        except BaseException:
            # The caller may exit at once (the CLI: "model missing", exit 2); a process that exits while a preload
            # thread is inside native code (spaCy, lingua) can abort instead ("terminate called without an active
            # exception", exit -6, seen once in CI). Let the loads finish first.
            for thread in preloads:
                thread.join(timeout=120)
            raise

    @classmethod
    def _load(cls, settings: Settings, decoding: DecodingConfig | None, started: float,
              preloads: list[threading.Thread]) -> "Pipeline":
        if settings.torch_threads:
            import torch

            torch.set_num_threads(settings.torch_threads)
        decoding = decoding or DecodingConfig.from_settings(settings)
        stacks: dict[str, TranslationStack] = {}
        main_spec = resolve(settings.translation_model, "translation")
        glossary = glossary_from_settings(settings)
        stacks["fr"] = build_stack(settings, main_spec, decoding, "translation", glossary)
        for code in settings.routes:
            spec = get("opus-mt-mul-en") if code == "mul" else route_for(code)
            if spec is None:
                raise InputError(f"WIREBRIEF_ROUTES names {code!r}, for which no route is registered")
            stacks["*" if code == "mul" else code] = build_stack(settings, spec, decoding, f"translation:{code}")
        summarizer, summary_models = build_summarizer(settings)
        briefs = BriefService.from_settings(settings)
        warm_up(preloads)
        return cls(
            settings=settings,
            stacks=stacks,
            summarizer=summarizer,
            summary_models=summary_models,
            load_seconds=time.perf_counter() - started,
            briefs=briefs,
            name_translator=NameTranslator(stacks["fr"].name_renderer().translate),
            fact_memo=SentenceFactsMemo(settings.sentence_cache_size),
        )

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
        briefs = self.briefs.models_used() if self.briefs is not None else []
        return used + self.summary_models + briefs

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
        presets = [get_preset(name) for name in dict.fromkeys(summaries)]
        if summarizer == "llm" and presets:
            self._brief_service()
        return presets

    def run(
        self,
        text: str,
        *,
        summaries: Iterable[str] = DEFAULT_PRESETS,
        source_language: str | None = None,
        summarizer: str = "model",
        listener: Listener = ignore,
        partial: bool = False,
    ) -> Result:
        """One dispatch through every stage. Batch engines call the three stages themselves (the model-free
        ``prepare`` in CPU tasks, ``translate_many`` over several dispatches, ``finish``), so a dispatch gives
        the same Result whichever way it runs. With ``partial``, reaching the request's time limit returns what
        is done, marked ``extra["incomplete"]`` (``service.partial``), instead of raising."""
        state = self.prepare(
            text, summaries=summaries, source_language=source_language, summarizer=summarizer, listener=listener
        )
        if partial:
            state.incomplete = {}
        self.translate_stage(state, listener)
        release_free_memory()  # the translation batches' freed pages, before the summarizer allocates its own
        try:
            return self.finish(state, listener)
        finally:
            release_free_memory()

    # ---------------------------------------------------------------- stages, callable one by one
    def prepare(
        self,
        text: str,
        *,
        summaries: Iterable[str] = DEFAULT_PRESETS,
        source_language: str | None = None,
        summarizer: str = "model",
        listener: Listener = ignore,
    ) -> "Prepared":
        """Validate, normalize, detect the language, segment. Uses no model."""
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
        return Prepared(
            text=normalized.text,
            presets=presets,
            summarizer=summarizer,
            source_language=source_language,
            language=language,
            segmented=segmented,
            warnings=warnings,
            timings=timings,
        )

    def translate_stage(self, state: "Prepared", listener: Listener = ignore) -> "Prepared":
        """Translate one prepared dispatch, paragraph window by window (streams ParagraphReady)."""
        t0 = time.perf_counter()
        state.translated = state.language.code != "en"
        if state.translated:
            stack_key, translator = self._translator_for(state.language)
            state.paragraphs = translate_in_windows(
                state.segmented, self.stacks[stack_key], listener, state.warnings,
                facts_cost=self.facts_cost if self.settings.fact_checks else None, incomplete=state.incomplete,
                summaries_wanted=bool(state.presets), summaries_slow=state.summarizer in ("model", "llm"),
            )
            state.models = [m for m in translator.models_used()]
        else:
            passthrough(state)
            for paragraph in state.paragraphs:
                listener(ParagraphReady(paragraph, len(state.paragraphs)))
            if state.paragraphs:
                listener(glance(state.paragraphs[0]))
        state.timings["translate"] = time.perf_counter() - t0
        return state

    def translate_many(self, states: list["Prepared"]) -> list["Prepared"]:
        """Translate several prepared dispatches together: all sentences for one model go to the translator in
        one call, which batches them under the token budget. Same translations as ``translate_stage`` (batched
        output equals one-at-a-time output); only the ``cached`` flags and timings may differ."""
        groups: dict[str, list[Prepared]] = {}
        for state in states:
            state.translated = state.language.code != "en"
            if not state.translated:
                t0 = time.perf_counter()
                passthrough(state)
                state.timings["translate"] = time.perf_counter() - t0
                continue
            stack_key, _ = self._translator_for(state.language)
            groups.setdefault(stack_key, []).append(state)
        for stack_key, group in groups.items():
            stack = self.stacks[stack_key]
            t0 = time.perf_counter()
            sources = [seg.text for state in group for segs in state.segmented for seg in segs]
            cached = [stack.cache.contains(s) for s in sources]
            with collect_cap_hits() as hits:
                outputs = stack.translator.translate(sources)
            elapsed = time.perf_counter() - t0
            position = 0
            for state in group:
                count = sum(len(segs) for segs in state.segmented)
                window = list(range(len(state.segmented)))
                state.paragraphs = assemble_paragraphs(
                    state.segmented,
                    window,
                    sources[position : position + count],
                    outputs[position : position + count],
                    cached[position : position + count],
                    stack,
                    state.warnings,
                    hits,
                )
                state.models = list(stack.translator.models_used())
                state.timings["translate"] = elapsed * count / max(1, len(sources))
                position += count
        return states

    def finish(self, state: "Prepared", listener: Listener = ignore) -> Result:
        """Summaries by preset, then the Result."""
        if state.paragraphs is None:
            raise ValueError("finish() needs a translated dispatch: call translate_stage or translate_many first")
        presets, timings, models = state.presets, dict(state.timings), list(state.models)
        t0 = time.perf_counter()
        english = [s.translation for p in state.paragraphs for s in p.sentences if s.translation]
        if state.incomplete:  # a partial translation: its summaries would mislead, and the time is spent
            presets = []
        try:
            summary_map = self.summarize_english(english, presets, state.summarizer, listener)
        except GenerationTimeout as exc:
            if state.incomplete is None:
                raise
            state.incomplete = partial_work.incomplete_record(
                current_deadline(), state.segmented, len(state.paragraphs),
                summaries_missing=[p.name for p in presets], detail=exc.message,
            )
            summary_map, presets = {}, []
        if presets:
            if state.summarizer == "model":
                models += self.summary_models
                if "headline" in summary_map and summary_map["headline"].method.startswith("llm"):
                    models += self._brief_service().models_used()
            elif state.summarizer == "llm":
                models += self._brief_service().models_used()
        timings["summarize"] = time.perf_counter() - t0

        options = self._options([p.name for p in presets], state.summarizer, state.source_language)
        result = Result(
            language=state.language,
            translated=state.translated,
            paragraphs=state.paragraphs,
            summaries=summary_map,
            warnings=state.warnings,
            timings=timings,
            models=models,
            options=options,
        )
        if self.settings.fact_checks:
            t0 = time.perf_counter()
            self._check_facts(result)
            timings["facts"] = time.perf_counter() - t0
            self.facts_cost.add(self.fact_memo.last_checked, timings["facts"])
        timings["total"] = sum(timings.values())
        result.timings = timings
        result.id = result_key(state.text, self.models_used(), options)
        if state.incomplete:
            result.extra["incomplete"] = state.incomplete
        return result

    @property
    def glossary(self) -> Glossary | None:
        protected = self.stacks["fr"].glossary
        return protected.glossary if protected else None

    def set_glossary(self, glossary: Glossary) -> None:
        """Replace the newsroom glossary at run time (the app's glossary editor); cached sentences translated
        under the old glossary are no longer served."""
        self.stacks["fr"].set_glossary(glossary)

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


def presets_help() -> str:
    return ", ".join(f"{p.name} ({p.description})" for p in PRESETS.values())
