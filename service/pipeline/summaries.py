"""The summary and brief stage of the pipeline: every requested preset of the English, announced as each is ready
(the seq2seq model generates once for all presets), and editors' briefs through the brief model."""

from __future__ import annotations

from service.brief.service import BriefService
from service.errors import ModelUnavailable
from service.events import Listener, Progress, SummaryReady, ignore
from service.result import Brief, Result, Summary
from service.summarize.extractive import CentralitySummarizer, LeadSummarizer
from service.summarize.fit import count_words
from service.summarize.presets import MIN_WORDS_TO_SUMMARIZE, Preset


class SummaryStage:
    """Mixed into ``Pipeline``: needs its ``settings``, ``summarizer`` and ``briefs``."""

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
