"""Systems a suite can evaluate.

- ``copy-source``: the source as output (translation floor: what BLEU/chrF give for doing nothing).
- ``lead-k``: the first k source sentences (summarization baseline; no weights).
- ``extractive``: the project's extractive summarizer (service/summarize), applied to the source text.
- ``outputs``: a file of outputs, line-aligned with the full dataset (e.g. BARThez's released summaries).
- ``pipeline``: the product's pipeline (service/pipeline) built from settings plus the suite's overrides.

Each system describes itself for the run signature: type, parameters, models (ids + revisions), decoding
parameters and prompt versions.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Literal

from pydantic import BaseModel, Field

from eval.io import read_lines, sha256


class SystemUnavailable(RuntimeError):
    """The system cannot run here (missing module, weights or file); the message says why."""


class SystemSpec(BaseModel):
    type: Literal["copy-source", "lead-k", "extractive", "outputs", "pipeline"]
    description: str = ""
    k: int = Field(3, ge=1, description="lead-k: number of leading sentences.")
    method: str | None = Field(None, description="extractive: the summarizer's method name (default: its own).")
    words: int | None = Field(None, description="extractive: word budget, when the summarizer takes one.")
    path: str | None = Field(None, description="outputs: file of outputs (relative to the data root or absolute).")
    config: dict[str, Any] = Field(
        default_factory=dict, description="pipeline: settings overrides (translation_model, num_beams, …)."
    )
    summary_preset: str | None = Field(None, description="pipeline on a summarization suite: the summary preset.")
    output_language: str | None = Field(None, description="Language of the outputs (default: the dataset's target).")
    reference: Literal["gold", "translated"] = Field(
        "gold",
        description="'translated': score against the gold references machine-translated by the same pipeline "
        "(cross-lingual summarization). Such figures are comparable only between runs using the same translator.",
    )


@dataclass
class Output:
    text: str
    result: Any = None  # service.result.Result for the pipeline


Progress = Callable[[int], None]


class System:
    name: str
    spec: SystemSpec

    def describe(self) -> dict[str, Any]:
        raise NotImplementedError

    def run(self, sources: list[str], indices: list[int], progress: Progress) -> list[Output]:
        raise NotImplementedError

    def translate_references(self, references: list[str]) -> list[str]:
        raise SystemUnavailable(f"system {self.name!r} cannot translate references")


class CopySource(System):
    def __init__(self, name: str, spec: SystemSpec, **_: Any):
        self.name, self.spec = name, spec

    def describe(self) -> dict[str, Any]:
        return {"type": "copy-source", "params": {}, "models": [], "decoding": {}, "prompt_versions": {}}

    def run(self, sources, indices, progress):
        out = []
        for s in sources:
            out.append(Output(s))
            progress(1)
        return out


class LeadK(System):
    def __init__(self, name: str, spec: SystemSpec, *, language: str = "fr", **_: Any):
        self.name, self.spec, self.language = name, spec, language

    def describe(self) -> dict[str, Any]:
        from eval.checks._text import splitter_name

        return {
            "type": "lead-k",
            "params": {"k": self.spec.k, "sentence_splitter": splitter_name(), "language": self.language},
            "models": [],
            "decoding": {},
            "prompt_versions": {},
        }

    def run(self, sources, indices, progress):
        from eval.checks._text import sentences

        out = []
        for s in sources:
            out.append(Output(" ".join(x.strip() for x in sentences(s, self.language)[: self.spec.k])))
            progress(1)
        return out


class OutputsFile(System):
    def __init__(self, name: str, spec: SystemSpec, *, data_root: Path | None = None, dataset_size: int = 0, **_: Any):
        self.name, self.spec = name, spec
        if not spec.path:
            raise SystemUnavailable("an 'outputs' system needs a path")
        path = Path(spec.path).expanduser()
        if not path.is_absolute():
            if data_root is None:
                from service.settings import get_settings

                data_root = get_settings().data_root
            candidate = Path(data_root) / path
            path = candidate if candidate.is_file() else path
        if not path.is_file():
            raise SystemUnavailable(f"outputs file not found: {spec.path} (looked under {data_root} and the cwd)")
        self.path = path
        self.lines = read_lines(path)
        if dataset_size and len(self.lines) != dataset_size:
            raise SystemUnavailable(f"{path} has {len(self.lines)} lines; the dataset has {dataset_size}")

    def describe(self) -> dict[str, Any]:
        return {
            "type": "outputs",
            "params": {"path": str(self.path), "sha256": sha256(self.path), "lines": len(self.lines)},
            "models": [],
            "decoding": {},
            "prompt_versions": {},
        }

    def run(self, sources, indices, progress):
        progress(len(indices))
        return [Output(self.lines[i]) for i in indices]


def build(name: str, spec: SystemSpec, **context: Any) -> System:
    """Instantiate a system. ``context``: language, data_root, dataset_size, task, settings."""
    if spec.type == "copy-source":
        return CopySource(name, spec, **context)
    if spec.type == "lead-k":
        return LeadK(name, spec, **context)
    if spec.type == "outputs":
        return OutputsFile(name, spec, **context)
    if spec.type == "extractive":
        from eval.systems_service import Extractive

        return Extractive(name, spec, **context)
    if spec.type == "pipeline":
        from eval.systems_service import PipelineSystem

        return PipelineSystem(name, spec, **context)
    raise SystemUnavailable(f"unknown system type {spec.type!r}")
