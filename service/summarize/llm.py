"""Summaries by preset from the brief model (method 'llm'): each preset is filled through the prompt template of
the same name (prompts/headline, lede, bullets, paragraph), then fitted to the preset's own hard limits like every
other summarizer. When the model's answer does not parse, or nothing it wrote fits, the extractive summarizer
answers, with a note — a summary is never missing because the model misbehaved."""

from __future__ import annotations

from service.result import PromptRef, Summary

from .extractive import CentralitySummarizer
from .fit import make_summary, select
from .presets import Preset


class LLMSummarizer:
    method = "llm"

    def __init__(self, briefs, *, fallback: CentralitySummarizer | None = None):
        """``briefs``: a service.brief.service.BriefService (available)."""
        self.briefs = briefs
        self.fallback = fallback or CentralitySummarizer()

    def summarize(self, sentences: list[str], preset: Preset) -> Summary:
        brief = self.briefs.generate(" ".join(sentences), template=preset.name)
        prompt = brief.template
        notes = [f"prompt {prompt.name} v{prompt.version}"]
        if brief.status == "failed":
            return self._fallback(sentences, preset, prompt, notes + [f"the model's answer was unusable: {brief.failure}"])
        items = [item for section in brief.sections for item in section.items]
        chosen = select(preset, items)
        wanted = preset.items if preset.itemized else 1
        if len(chosen) < (wanted or 1):
            return self._fallback(
                sentences, preset, prompt, notes + [f"the model gave {len(chosen)} of {wanted} part(s) within the {preset.name} limits"]
            )
        summary = make_summary(preset, chosen, self.method, notes + brief.notes)
        summary.prompt = prompt
        return summary

    def _fallback(self, sentences: list[str], preset: Preset, prompt: PromptRef, notes: list[str]) -> Summary:
        summary = self.fallback.summarize(sentences, preset)
        summary.method = f"{self.method}→{summary.method}"
        summary.notes = notes + ["extracted instead"] + summary.notes
        summary.prompt = prompt
        return summary
