"""What makes two runs of a document interchangeable: the model versions and decoding settings (from the
settings table, without loading any model) plus the run options. A document done under the same config is
never run again."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from models.registry import get, resolve, route_for
from service.settings import Settings

SUMMARIZER_CHOICES = ("model", "extractive-lead", "extractive-centrality")


@dataclass(frozen=True)
class BatchProgress:
    """Where a batch job stands: the CLI draws a bar from it, the app a progress bar over documents."""

    done: int
    errors: int
    total: int
    name: str = ""

    @property
    def finished(self) -> int:
        return self.done + self.errors


def run_options(
    summaries: Iterable[str], summarizer: str = "model", source_language: str | None = None
) -> dict[str, Any]:
    return {"summaries": list(dict.fromkeys(summaries)), "summarizer": summarizer, "source_language": source_language}


def job_config(settings: Settings) -> dict[str, Any]:
    """Model ids + revisions and every setting that changes a Result's text."""
    from service.translate.decoding import DecodingConfig

    translation = {"fr": resolve(settings.translation_model, "translation").display_id}
    for code in settings.routes:
        spec = get("opus-mt-mul-en") if code == "mul" else route_for(code)
        translation[code] = spec.display_id if spec else code
    if settings.summary_model.startswith("extractive"):
        summary = settings.summary_model
    else:
        summary = resolve(settings.summary_model, "summarization").display_id
    return {
        "translation": translation,
        "summary": summary,
        "decoding": DecodingConfig.from_settings(settings).signature(),
        "summary_num_beams": settings.summary_num_beams,
        "max_sentence_tokens": settings.max_sentence_tokens,
        "device": settings.device,
        "dtype": settings.dtype,
    }
