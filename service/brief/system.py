"""The brief model with a named template, as the evaluation harness sees it: ``run(text) -> str``.

``brief_system(settings, "brief", 1)`` builds the pipeline from settings (briefs forced on), so a French source is
translated first exactly as users' dispatches are; ``describe()`` gives the models and the prompt version and hash
for the run signature, so ``python -m eval compare`` can tell two template versions apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from service.result import Brief
from service.settings import Settings

from .service import BriefService, get_template


@dataclass
class BriefSystem:
    briefs: BriefService
    template: str
    version: int
    pipeline: Any = None
    """A service.pipeline.Pipeline for non-English input; None = the text is briefed as given."""

    def brief(self, text: str) -> Brief:
        if self.pipeline is None:
            return self.briefs.generate(text, template=self.template, version=self.version, input_kind="text")
        result = self.pipeline.run(text, summaries=[])
        return self.briefs.for_result(result, template=self.template, version=self.version)

    def run(self, text: str) -> str:
        """The brief as plain text, one section item per line ('' when the model's answer was unusable)."""
        return self.brief(text).text()

    def describe(self) -> dict[str, Any]:
        tpl = get_template(self.template, self.version)
        models = [m.model_dump() for m in self.briefs.models_used()]
        if self.pipeline is not None:
            models = [m.model_dump() for m in self.pipeline.models_used()] + models
        return {
            "type": "brief",
            "params": {"template": tpl.name, "version": tpl.version, "with_source": self.briefs.with_source},
            "models": models,
            "decoding": {"do_sample": False, **tpl.generation, "max_new_tokens_cap": self.briefs.max_new_tokens},
            "prompt_versions": {tpl.name: {"version": tpl.version, "hash": tpl.content_hash}},
        }


def brief_system(
    settings: Settings, template: str = "brief", version: int | str | None = None, *, translate: bool = True
) -> BriefSystem:
    """Build the brief model (and, with ``translate``, the translation pipeline) once. Raises
    service.errors.ModelUnavailable when the brief model cannot be loaded, with the reason."""
    settings = settings.model_copy(update={"briefs": "on"})
    tpl = get_template(template, version)
    if translate:
        from service.pipeline import Pipeline

        pipeline = Pipeline.from_settings(settings)
        briefs = pipeline.briefs
    else:
        pipeline, briefs = None, BriefService.from_settings(settings)
    briefs.require()
    return BriefSystem(briefs=briefs, template=tpl.name, version=tpl.version, pipeline=pipeline)
