"""The fact-check stage of the pipeline: numbers, dates, names and quotations of a finished Result checked
against its source, as an aid that can fail without costing the user the translation."""

from __future__ import annotations

import logging

from service.facts import check_result
from service.pipeline.stack import glossary_hash
from service.result import Issue, Result

log = logging.getLogger("wirebrief.pipeline")


class FactStage:
    """Mixed into ``Pipeline``: needs its ``glossary``, ``name_translator`` and ``fact_memo``."""

    def _check_facts(self, result: Result) -> None:
        """The fact checks, as an aid that can fail without costing the user the translation: any error inside
        them becomes a warning on the Result (and a log line with the trace), never a failed request."""
        try:
            result.facts = check_result(
                result,
                self.glossary,
                name_translator=self.name_translator,
                memo=self.fact_memo,
                memo_context=glossary_hash(self.glossary) or "",
            )
        except Exception as exc:
            log.exception("fact checks failed")
            result.warnings.append(
                Issue(
                    code="facts.failed",
                    message=f"the fact checks could not run on this dispatch ({type(exc).__name__}); the translation "
                    "and summaries are complete, but check numbers, dates, names and quotes by hand",
                )
            )
