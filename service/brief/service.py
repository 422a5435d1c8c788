"""The brief flow: render the template with the dispatch fenced as data → generate → parse (one retry on a parse
failure, then a clear failed brief) → word limits → fact flags. The model is loaded once, at start-up
(``BriefService.from_settings``); when briefs are on but the model cannot be loaded, the service is built
unavailable with the reason, and the rest of the product starts as usual."""

from __future__ import annotations

import time
from dataclasses import dataclass

from prompts import PromptTemplate, TemplateError, available, load_template
from service.errors import InputError, ModelUnavailable
from service.result import Brief, ModelUsed, PromptRef, Result
from service.settings import Settings

from .facts import Checker, check_brief
from .generate import Generation, Generator
from .limits import Splitter, english_sentences, enforce
from .parse import ParseError, parse_output
from .render import render, render_retry

MAX_ATTEMPTS = 2  # the first answer, and one retry when it does not parse


def get_template(name: str, version: int | str | None = None) -> PromptTemplate:
    try:
        return load_template(name, version)
    except TemplateError as exc:
        raise InputError(str(exc), code="unknown_template") from None


@dataclass
class BriefService:
    generator: Generator | None
    reason: str = ""
    """Why briefs are unavailable (empty when available)."""
    with_source: bool = False
    max_new_tokens: int = 512
    max_time: float | None = None
    split: Splitter = english_sentences
    checker: Checker | None = None
    load_seconds: float = 0.0

    # ---------------------------------------------------------------- construction (start-up only)
    @classmethod
    def from_settings(cls, settings: Settings) -> "BriefService":
        """Load the brief model named by WIREBRIEF_BRIEF_MODEL when WIREBRIEF_BRIEFS is on. A model that is not on
        this machine (or has no chat template) leaves the service unavailable with the reason, never fails start-up;
        a name that is not a model at all is a configuration error and raises."""
        common = dict(with_source=settings.brief_with_source, max_new_tokens=settings.brief_max_new_tokens,
                      max_time=settings.brief_max_time)
        if settings.briefs == "off":
            return cls(None, reason="briefs are turned off (setting WIREBRIEF_BRIEFS=off)", **common)
        from models.load import ModelNotAvailableError, load
        from models.registry import resolve

        from .generate import ChatGenerator

        spec = resolve(settings.brief_model, "chat")
        started = time.perf_counter()
        try:
            loaded = load(spec, device=settings.device, dtype=settings.dtype, cache_dir=settings.hf_cache_dir,
                          allow_download=settings.allow_download)
            generator = ChatGenerator(loaded, max_time=settings.brief_max_time)
        except (ModelNotAvailableError, ValueError) as exc:
            return cls(None, reason=f"the brief model is not available: {exc}", **common)
        service = cls(generator, **common)
        service.load_seconds = time.perf_counter() - started
        return service

    # ---------------------------------------------------------------- queries
    @property
    def available(self) -> bool:
        return self.generator is not None

    def require(self) -> Generator:
        if self.generator is None:
            raise ModelUnavailable(f"briefs are unavailable: {self.reason}", code="briefs_unavailable")
        return self.generator

    def models_used(self) -> list[ModelUsed]:
        return self.generator.models_used() if self.generator is not None else []

    @staticmethod
    def templates() -> dict[str, list[int]]:
        return available()

    # ---------------------------------------------------------------- running
    def generate(
        self,
        translation: str,
        *,
        template: str | PromptTemplate = "brief",
        version: int | str | None = None,
        source: str | None = None,
        nonce: str | None = None,
        input_kind: str | None = None,
    ) -> Brief:
        """A brief of the English ``translation`` (and the French ``source`` when given). Never raises for a model
        answer that does not parse: the brief then has status 'failed' and says why."""
        generator = self.require()
        tpl = template if isinstance(template, PromptTemplate) else get_template(template, version)
        if not translation or not translation.strip():
            raise InputError("there is no English text to brief", code="empty_input")
        deadline = time.monotonic() + self.max_time if self.max_time else None
        started = time.perf_counter()
        prompt = render(tpl, translation, source=source, nonce=nonce, reserved=generator.reserved)
        messages = list(prompt.messages)
        max_new = min(tpl.max_new_tokens, self.max_new_tokens)
        decoding = {k: v for k, v in tpl.generation.items() if k in ("repetition_penalty",)}
        brief = Brief(
            template=PromptRef(**tpl.ref),
            model=(generator.models_used() or [None])[0],
            input=input_kind or ("translation+source" if source else "translation"),
        )
        parsed = None
        reasons: list[str] = []
        for attempt in range(1, MAX_ATTEMPTS + 1):
            out: Generation = generator.generate(messages, max_new_tokens=max_new, deadline=deadline, **decoding)
            brief.attempts = attempt
            brief.raw_outputs.append(out.text)
            brief.timings[f"generate_{attempt}"] = out.seconds
            try:
                parsed = parse_output(out.text, tpl)
                break
            except ParseError as exc:
                reason = exc.reason if out.finished else f"{exc.reason} (the answer was cut at {max_new} tokens)"
                reasons.append(reason)
                messages = messages + [{"role": "assistant", "content": out.text}, render_retry(tpl, reason)]
        if parsed is None:
            brief.status = "failed"
            brief.failure = (
                f"the model's answer did not follow the {tpl.name} v{tpl.version} format after {brief.attempts} "
                f"attempts ({'; then '.join(reasons)}). Try again, try another template, or write the brief by hand."
            )
            brief.timings["total"] = time.perf_counter() - started
            return brief
        if brief.attempts > 1:
            brief.notes.append(f"the first answer did not follow the format ({reasons[0]}): asked once more")
        sections, limit_notes = enforce(parsed.values, tpl, self.split)
        flags, fact_notes = check_brief(translation, sections, tpl, self.checker)
        brief.sections = sections
        brief.flags = flags
        brief.notes += parsed.notes + limit_notes + fact_notes
        brief.timings["total"] = time.perf_counter() - started
        return brief

    def for_result(
        self,
        result: Result,
        *,
        template: str = "brief",
        version: int | str | None = None,
        with_source: bool | None = None,
    ) -> Brief:
        """Brief a pipeline Result's translation; the brief (with its model and template) is stored in
        ``result.briefs[template]``, replacing an earlier brief from the same template."""
        with_source = self.with_source if with_source is None else with_source
        source = result.source_text if (with_source and result.translated) else None
        brief = self.generate(
            result.translation,
            template=template,
            version=version,
            source=source,
            input_kind=("translation+source" if source else "translation") if result.translated else "text",
        )
        result.briefs[brief.template.name] = brief
        return brief
