"""Systems backed by the product's own code (service/pipeline, service/summarize). Imported only when a suite
asks for them, so the rest of the harness works on a checkout without models or the service package."""

from __future__ import annotations

from typing import Any

from eval.systems import Output, Progress, System, SystemSpec, SystemUnavailable


def _one_line(text: str) -> str:
    """Outputs are line-aligned: paragraph breaks inside one segment's output become spaces."""
    return " ".join(text.split())


class Extractive(System):
    """The project's weight-free extractive summarizer (centrality by default, or lead) on the source text,
    under a summary preset's word limits (default ``lede``: one sentence, ≤ 35 words)."""

    METHODS = ("extractive-centrality", "extractive-lead")

    def __init__(self, name: str, spec: SystemSpec, *, language: str = "fr", **_: Any):
        try:
            from service.summarize.extractive import CentralitySummarizer, LeadSummarizer
            from service.summarize.presets import get_preset
        except ImportError as exc:
            raise SystemUnavailable(f"the extractive summarizer (service/summarize) is not importable: {exc}") from None
        self.name, self.spec, self.language = name, spec, language
        self.method = spec.method or "extractive-centrality"
        if self.method not in self.METHODS:
            raise SystemUnavailable(f"extractive method {self.method!r} unknown; choose from {', '.join(self.METHODS)}")
        self.summarizer = CentralitySummarizer() if self.method == "extractive-centrality" else LeadSummarizer()
        self.preset = get_preset(spec.summary_preset or "lede")

    def describe(self) -> dict[str, Any]:
        from eval.checks._text import splitter_name

        return {
            "type": "extractive",
            "params": {
                "method": self.method,
                "preset": self.preset.name,
                "max_words": self.preset.max_words,
                "max_sentences": self.preset.max_sentences,
                "sentence_splitter": splitter_name(),
                "language": self.language,
            },
            "models": [],
            "decoding": {},
            "prompt_versions": {},
        }

    def run(self, sources, indices, progress: Progress):
        from eval.checks._text import sentences

        out = []
        for text in sources:
            summary = self.summarizer.summarize(sentences(text, self.language), self.preset)
            out.append(Output(_one_line(summary.text)))
            progress(1)
        return out


class PipelineSystem(System):
    """The product pipeline, built once from the settings plus the suite's ``config`` overrides.

    Translation suites: each segment goes through ``pipeline.run`` as a dispatch (normalize, detect, segment,
    translate), and its Result feeds the checks. Summarization suites: the segment's summary for
    ``summary_preset``; with ``reference: translated`` the gold references are translated by the same pipeline.
    """

    def __init__(self, name: str, spec: SystemSpec, *, task: str = "translation", language: str = "fr",
                 settings: Any = None, engine: str = "local", address: str | None = None, **_: Any):
        try:
            from service.pipeline import Pipeline
        except ImportError as exc:
            raise SystemUnavailable(f"the pipeline (service/pipeline) is not importable here: {exc}") from None
        from service.settings import get_settings

        base = settings or get_settings()
        self.settings = base.model_copy(update=spec.config) if spec.config else base
        self.name, self.spec, self.task, self.language = name, spec, task, language
        self.engine, self.address = engine, address
        if task == "summarization" and not spec.summary_preset:
            raise SystemUnavailable("a pipeline system on a summarization suite needs summary_preset")
        try:
            self.pipeline = Pipeline.from_settings(self.settings)
        except Exception as exc:  # ModelNotAvailableError and friends: say which model is missing
            raise SystemUnavailable(f"the pipeline could not be built: {exc}") from None
        self.prompt_versions: dict[str, str] = {}

    def describe(self) -> dict[str, Any]:
        from service.translate.decoding import DecodingConfig

        s = self.settings
        return {
            "type": "pipeline",
            "engine": self.engine,
            "params": {
                "config": self.spec.config,
                "translation_model": s.translation_model,
                "summary_model": s.summary_model,
                "summary_preset": self.spec.summary_preset,
                "source_language": self.language,
                "max_sentence_tokens": getattr(s, "max_sentence_tokens", None),
                "token_budget": s.token_budget,
                "max_batch_sentences": s.max_batch_sentences,
            },
            "models": [m.model_dump() for m in self.pipeline.models_used()],
            "decoding": {
                "translation": DecodingConfig.from_settings(s).signature(),
                "summary_num_beams": getattr(s, "summary_num_beams", None),
            },
            "prompt_versions": self.prompt_versions,
        }

    def _run_one(self, text: str, presets: list[str]):
        result = self.pipeline.run(text, summaries=presets, source_language=self.language)
        for key, value in (result.extra or {}).get("prompt_versions", {}).items():
            self.prompt_versions[key] = value
        return result

    def _results(self, sources: list[str], presets: list[str], progress: Progress):
        """Results in order: one pipeline.run per segment here, or the whole list through the Ray engine (the same
        pipeline in actors; identical Results)."""
        if self.engine == "local":
            for text in sources:
                yield self._run_one(text, presets)
            return
        from service.batch.api import map_documents

        yield from map_documents(
            sources, self.settings, engine=self.engine, address=self.address,
            summaries=presets, source_language=self.language,
        )

    def run(self, sources, indices, progress: Progress):
        out = []
        presets = [self.spec.summary_preset] if self.task == "summarization" else []
        for result in self._results(sources, presets, progress):
            if self.task == "summarization":
                out.append(Output(_one_line(result.summaries[self.spec.summary_preset].text), result))
            else:
                out.append(Output(_one_line(result.translation), result))
            progress(1)
        return out

    def translate_references(self, references: list[str]) -> list[str]:
        return [_one_line(self._run_one(ref, []).translation) for ref in references]
