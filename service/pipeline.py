"""Dispatch → Result: normalize, detect the language, segment, translate (streaming paragraph by paragraph),
summarize by preset. The one place the app, API, CLI and evaluation harness go through.

Models are loaded once in ``Pipeline.from_settings`` (start-up), never inside ``run``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from dataclasses import dataclass, field
from typing import Iterable, Protocol

from models.load import load
from models.registry import ModelSpec, get, resolve, route_for
from service.brief.service import BriefService
from service.facts import Glossary, GlossaryTranslator, NameTranslator, check_result, glossary_from_settings, preload_ner
from service.facts.memo import SentenceFactsMemo
from service.errors import GenerationTimeout, InputError, LimitExceeded, ModelUnavailable
from service.limits import CapHit, collect_cap_hits, current_deadline
from service import partial as partial_work
from service.events import Glance, Listener, ParagraphReady, Progress, SummaryReady, ignore
from service.result import Brief, Issue, LanguageInfo, ModelUsed, Paragraph, Result, Sentence, Summary
from service.settings import Settings, get_settings
from service.summarize.extractive import CentralitySummarizer, LeadSummarizer
from service.summarize.fit import count_words
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
from service.translate.wrappers import CachingTranslator, ClauseSplittingTranslator, ForeignQuoteTranslator

log = logging.getLogger("wirebrief.pipeline")

DEFAULT_PRESETS = ("headline", "lede", "bullets", "paragraph")
SUMMARIZER_CHOICES = ("model", "extractive-lead", "extractive-centrality", "llm")
# Translating the first paragraph on its own makes it readable early; later windows batch more sentences.
WINDOW_SENTENCES = 32


class Summarizer(Protocol):
    method: str

    def summarize(self, sentences: list[str], preset: Preset) -> Summary: ...


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


@dataclass
class Pipeline:
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
    """Each sentence pair's fact check, so a re-sent or updated dispatch checks only its new sentences."""

    # ---------------------------------------------------------------- construction (start-up only)
    @classmethod
    def from_settings(cls, settings: Settings | None = None, *, decoding: DecodingConfig | None = None) -> "Pipeline":
        """Load every model the settings name. ``decoding`` overrides the decoding settings (the benchmark forces
        output lengths with it)."""
        settings = settings or get_settings()
        started = time.perf_counter()
        preload_ner(settings.fact_ner_model)  # overlaps the model loading below; warm_up() waits for it
        if settings.torch_threads:
            import torch

            torch.set_num_threads(settings.torch_threads)
        decoding = decoding or DecodingConfig.from_settings(settings)
        stacks: dict[str, TranslationStack] = {}
        main_spec = resolve(settings.translation_model, "translation")
        glossary = glossary_from_settings(settings)
        stacks["fr"] = cls._stack(settings, main_spec, decoding, "translation", glossary)
        for code in settings.routes:
            spec = get("opus-mt-mul-en") if code == "mul" else route_for(code)
            if spec is None:
                raise InputError(f"WIREBRIEF_ROUTES names {code!r}, for which no route is registered")
            stacks["*" if code == "mul" else code] = cls._stack(settings, spec, decoding, f"translation:{code}")
        summarizer, summary_models = cls._summarizer(settings)
        briefs = BriefService.from_settings(settings)
        warm_up()
        return cls(
            settings=settings,
            stacks=stacks,
            summarizer=summarizer,
            summary_models=summary_models,
            load_seconds=time.perf_counter() - started,
            briefs=briefs,
            name_translator=NameTranslator(stacks["fr"].translator.translate),
            fact_memo=SentenceFactsMemo(settings.sentence_cache_size),
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
    def _stack(
        cls, settings: Settings, spec: ModelSpec, decoding: DecodingConfig, role: str, glossary: Glossary | None = None
    ) -> TranslationStack:
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
                token_budget=settings.token_budget,
                max_batch_sentences=settings.max_batch_sentences,
                max_wait_ms=settings.batch_wait_ms,
                name=role,
            )
        return TranslationStack.build(
            base, settings.max_sentence_tokens, settings.sentence_cache_size, glossary, queue
        )

    @classmethod
    def _summarizer(cls, settings: Settings) -> tuple[Summarizer, list[ModelUsed]]:
        if settings.summary_model in ("extractive", "extractive-centrality"):
            return CentralitySummarizer(), []
        if settings.summary_model == "extractive-lead":
            return LeadSummarizer(), []
        from service.summarize.ct2 import CT2Seq2SeqSummarizer
        from service.summarize.seq2seq import Seq2SeqSummarizer

        def build(ref: str, headline=None):
            spec = resolve(ref, "summarization")
            loaded = cls._load(settings, spec, summary_options(settings, spec))
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
        return self.finish(state, listener)

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
            state.paragraphs = self._translate(
                state.segmented, self.stacks[stack_key], listener, state.warnings, state.incomplete,
                summaries_wanted=bool(state.presets), summaries_slow=state.summarizer in ("model", "llm"),
            )
            state.models = [m for m in translator.models_used()]
        else:
            self._passthrough(state)
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
                self._passthrough(state)
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
                state.paragraphs = self._assemble(
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
            self.facts_cost.add(sum(len(p.sentences) for p in result.paragraphs), timings["facts"])
        timings["total"] = sum(timings.values())
        result.timings = timings
        result.id = result_key(state.text, self.models_used(), options)
        if state.incomplete:
            result.extra["incomplete"] = state.incomplete
        return result

    def _check_facts(self, result: Result) -> None:
        """The fact checks, as an aid that can fail without costing the user the translation: any error inside
        them becomes a warning on the Result (and a log line with the trace), never a failed request."""
        try:
            result.facts = check_result(result, self.glossary, name_translator=self.name_translator,
                                        memo=self.fact_memo, memo_context=glossary_hash(self.glossary) or "")
        except Exception as exc:
            log.exception("fact checks failed")
            result.warnings.append(
                Issue(
                    code="facts.failed",
                    message=f"the fact checks could not run on this dispatch ({type(exc).__name__}); the translation "
                    "and summaries are complete, but check numbers, dates, names and quotes by hand",
                )
            )

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

    @property
    def glossary(self) -> Glossary | None:
        protected = self.stacks["fr"].glossary
        return protected.glossary if protected else None

    def set_glossary(self, glossary: Glossary) -> None:
        """Replace the newsroom glossary at run time (the app's glossary editor); cached sentences translated
        under the old glossary are no longer served."""
        self.stacks["fr"].set_glossary(glossary)

    def cache_key(self, text: str, summaries: Iterable[str], source_language: str | None, summarizer: str) -> str:
        """The id ``run`` would give this request, without running it (what the store looks up)."""
        options = self._options(list(dict.fromkeys(summaries)), summarizer, source_language)
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
        self,
        segmented: list,
        stack: TranslationStack,
        listener: Listener,
        warnings: list[Issue],
        incomplete: dict | None = None,
        summaries_wanted: bool = False,
        summaries_slow: bool = False,
    ) -> list[Paragraph]:
        """With ``incomplete`` (a dict: partial mode), windows are sized to the request's time left and a limit
        hit ends the translation with the paragraphs done, recorded in ``incomplete`` (``service.partial``)."""
        total = sum(len(segs) for segs in segmented)
        done_before = 0
        paragraphs: list[Paragraph] = []
        deadline = current_deadline() if incomplete is not None else None
        pace = partial_work.Pace()
        windows = _windows(segmented, WINDOW_SENTENCES)
        while windows:
            window = windows.pop(0)
            sources = [seg.text for p in window for seg in segmented[p]]
            cached = [stack.cache.contains(s) for s in sources]
            if deadline is not None and paragraphs:
                misses, position = {}, 0
                for p in window:
                    misses[p] = sum(not c for c in cached[position : position + len(segmented[p])])
                    position += len(segmented[p])
                checks = self.facts_cost.reserve(done_before + len(sources)) if self.settings.fact_checks else 0.0
                left = deadline.remaining() - checks - partial_work.reserve_for_summaries(
                    deadline, summaries_wanted and summaries_slow
                )
                fits = partial_work.fitting(window, misses, pace, left)
                if not fits:
                    incomplete.update(
                        partial_work.incomplete_record(deadline, segmented, len(paragraphs), summaries=summaries_wanted)
                    )
                    break
                if len(fits) < len(window):  # the rest goes in the next window
                    windows.insert(0, window[len(fits) :])
                    window = fits
                    count = sum(len(segmented[p]) for p in window)
                    sources, cached = sources[:count], cached[:count]

            def progress(done: int, _n: int, base: int = done_before) -> None:
                listener(Progress("translating", base + done, total))

            started = time.perf_counter()
            try:
                with collect_cap_hits() as hits:
                    outputs = stack.translator.translate(sources, progress)
            except GenerationTimeout as exc:
                if incomplete is None:
                    raise
                incomplete.update(
                    partial_work.incomplete_record(
                        deadline, segmented, len(paragraphs), detail=exc.message, summaries=summaries_wanted
                    )
                )
                break
            pace.add(sum(not c for c in cached), time.perf_counter() - started)
            for paragraph in self._assemble(segmented, window, sources, outputs, cached, stack, warnings, hits):
                paragraphs.append(paragraph)
                listener(ParagraphReady(paragraph, len(segmented)))
                if len(paragraphs) == 1:
                    listener(glance(paragraph))
            done_before += len(sources)
            listener(Progress("translating", done_before, total))
        return paragraphs

    @staticmethod
    def _assemble(
        segmented: list,
        window: list[int],
        sources: list[str],
        outputs: list[str],
        cached: list[bool],
        stack: TranslationStack,
        warnings: list[Issue],
        cap_hits: list[CapHit] = (),
    ) -> list[Paragraph]:
        """Paragraphs of ``window`` from their sentences' translations, with degenerate-output warnings and a
        warning on each sentence whose translation (or a clause of it) stopped at the new-token cap."""
        paragraphs = []
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
                hit = next((h for h in cap_hits if h.source.strip() and h.source.strip() in source), None)
                if hit is not None:
                    warnings.append(
                        Issue(
                            code="translation.token_cap",
                            message=f"the translation stopped at the cap of {hit.tokens} new tokens "
                            f"(setting {hit.setting}): it may be cut short",
                            paragraph=p,
                            sentence=i,
                        )
                    )
                position += 1
            paragraphs.append(Paragraph(index=p, sentences=sentences))
        return paragraphs

    @staticmethod
    def _passthrough(state: "Prepared") -> None:
        state.warnings.append(Issue(code="passthrough", message="the text is English: not translated", severity="info"))
        state.paragraphs = [
            Paragraph(
                index=p,
                sentences=[
                    Sentence(index=i, source=seg.text, translation=seg.text, kind=seg.kind) for i, seg in enumerate(segs)
                ],
            )
            for p, segs in enumerate(state.segmented)
        ]
        state.models = []

    def summarize_english(
        self, english: list[str], presets: list[Preset], summarizer: str = "model", listener: Listener = ignore
    ) -> dict[str, Summary]:
        """Every requested preset of an English text (its sentences), each announced as soon as it is ready
        (``SummaryReady``). The seq2seq model generates once for all presets."""
        out: dict[str, Summary] = {}

        def ready(summary: Summary) -> None:
            out[summary.preset] = summary
            listener(SummaryReady(summary, len(out), len(presets)))
            listener(Progress("summarizing", len(out), len(presets)))

        if not presets:
            return out
        listener(Progress("summarizing", 0, len(presets)))
        many = getattr(self.summarizer, "summarize_many", None)
        shared = summarizer == "model" and many is not None
        if shared and count_words(" ".join(english)) >= MIN_WORDS_TO_SUMMARIZE:
            by_llm = [p for p in presets if p.name == "headline" and self._llm_headline]
            many(english, [p for p in presets if p not in by_llm], on_ready=ready)
            for preset in by_llm:  # WIREBRIEF_HEADLINE_MODEL=llm: the brief model's prompts/headline
                from service.summarize.llm import LLMSummarizer

                ready(LLMSummarizer(self._brief_service()).summarize(english, preset))
        else:
            for preset in presets:
                ready(self._summarize(english, preset, summarizer))
        return {p.name: out[p.name] for p in presets}

    @property
    def _llm_headline(self) -> bool:
        return self.settings.headline_model == "llm" and self.briefs is not None and self.briefs.available

    def _summarize(self, english: list[str], preset: Preset, summarizer: str) -> Summary:
        words = count_words(" ".join(english))
        if words < MIN_WORDS_TO_SUMMARIZE:
            # The translation itself, in order, within the preset's hard limits (whole sentences only).
            summary = LeadSummarizer().summarize(english, preset)
            summary.method = "passthrough"
            summary.notes.insert(
                0, f"the text has only {words} words (under {MIN_WORDS_TO_SUMMARIZE}): its translation is the summary"
            )
            return summary
        if summarizer == "extractive-lead":
            return LeadSummarizer().summarize(english, preset)
        if summarizer == "llm":
            from service.summarize.llm import LLMSummarizer

            return LLMSummarizer(self._brief_service()).summarize(english, preset)
        if summarizer == "extractive-centrality" or self.summarizer is None:
            return CentralitySummarizer().summarize(english, preset)
        return self.summarizer.summarize(english, preset)


    # ---------------------------------------------------------------- briefs
    def _brief_service(self) -> BriefService:
        if self.briefs is None or not self.briefs.available:
            reason = self.briefs.reason if self.briefs is not None else "no brief model was loaded"
            raise ModelUnavailable(f"briefs are unavailable: {reason}", code="briefs_unavailable")
        return self.briefs

    def brief(
        self,
        result: Result,
        template: str = "brief",
        *,
        version: int | str | None = None,
        with_source: bool | None = None,
    ) -> Brief:
        """An editors' brief of ``result``'s translation from a prompt template, stored in
        ``result.briefs[template]``."""
        return self._brief_service().for_result(result, template=template, version=version, with_source=with_source)


@dataclass
class Prepared:
    """A dispatch between stages: after ``prepare`` (normalized, language, segments), then after translation
    (paragraphs, models). Plain data, picklable, so a batch engine can move it between processes."""

    text: str
    """The normalized text (what the Result id hashes)."""
    presets: list[Preset]
    summarizer: str
    source_language: str | None
    language: LanguageInfo
    segmented: list
    warnings: list[Issue]
    timings: dict[str, float]
    translated: bool = False
    paragraphs: list[Paragraph] | None = None
    models: list[ModelUsed] = field(default_factory=list)
    incomplete: dict | None = None
    """Partial mode only: {} while all is well, ``service.partial.incomplete_record`` once the limit ended it."""

    @property
    def sentence_count(self) -> int:
        return sum(len(segs) for segs in self.segmented)


def glance(paragraph: Paragraph) -> Glance:
    """The early "at a glance" lede: the first paragraph's translation, as it is."""
    return Glance(" ".join(s.translation for s in paragraph.sentences if s.translation))


def warm_up() -> None:
    """Build the lazily-built helpers (language detector, fact-check lexicons) at start-up, so that the first
    request does not pay for them."""
    from service.facts import check_translation, load_ner

    load_ner()  # the fact checker's French NER (WIREBRIEF_FACT_NER_MODEL), loaded once per process
    detect_language("Les ministres de la Défense se sont réunis vendredi à Bruxelles.")
    check_translation("L'Otan a 500 soldats en Irak depuis le 3 mars.", "NATO has 500 soldiers in Iraq since March 3.")


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
    """Identity of a Result: the normalized text, every model the pipeline holds (id, revision, backend, dtype)
    and the options. Independent of timings, so identical requests share one stored Result."""
    payload = json.dumps(
        {"text": text, "models": [m.model_dump() for m in models], "options": options}, sort_keys=True
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


def presets_help() -> str:
    return ", ".join(f"{p.name} ({p.description})" for p in PRESETS.values())
