"""Suites: YAML files under eval/suites/ naming a dataset, the systems that can be run on it, options, metrics
and checks. ``run_suite`` runs one system and writes a results folder:

    segments.jsonl   one line per segment: index, source, output, reference, scores, checks (+ warnings)
    results.json     corpus metrics with signatures, check rates, the run's reproducibility signature
    summary.md       the same, for people
    report.html      plots (score distributions, length ratios, check failures, worst segments), self-contained
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, Field

from eval import checks as checks_mod
from eval.data import Dataset, DatasetSpec, load
from eval.metrics import compute_all
from eval.signature import git_state, library_versions, one_line
from eval.systems import SystemSpec, SystemUnavailable, build

SUITES_DIR = Path(__file__).parent / "suites"


class Options(BaseModel):
    sample: int | None = Field(None, ge=1, description="Segments to draw (seeded); None = the whole set.")
    seed: int = Field(0, description="Seed of the sample draw.")
    worst: int = Field(10, ge=1, description="Worst segments listed in the reports.")


class Suite(BaseModel):
    name: str
    description: str = ""
    task: Literal["translation", "summarization"]
    dataset: DatasetSpec
    system: str = Field(description="The default system (a key of `systems`).")
    systems: dict[str, SystemSpec]
    options: Options = Options()
    metrics: list[str] | None = Field(None, description="Metric modules (default: the task's).")
    primary: str = Field(description="Segment metric used to rank the worst segments.")
    checks: dict[str, dict[str, Any]] = Field(default_factory=dict)
    comparability: str = Field("", description="What the figures of this suite may be compared with.")


def suite_path(name_or_path: str) -> Path:
    p = Path(name_or_path)
    if p.suffix in (".yaml", ".yml") and p.is_file():
        return p
    candidate = SUITES_DIR / f"{name_or_path}.yaml"
    if candidate.is_file():
        return candidate
    known = ", ".join(sorted(x.stem for x in SUITES_DIR.glob("*.yaml")))
    raise FileNotFoundError(f"no suite {name_or_path!r}; shipped suites: {known}")


def load_suite(name_or_path: str) -> Suite:
    path = suite_path(name_or_path)
    return Suite.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def select(n_total: int, sample: int | None, seed: int) -> list[int]:
    """Indices to evaluate: all, or ``sample`` drawn with ``random.Random(seed)`` and sorted (stable across runs)."""
    if not sample or sample >= n_total:
        return list(range(n_total))
    return sorted(random.Random(seed).sample(range(n_total), sample))


@dataclass
class RunOutput:
    path: Path
    results: dict[str, Any]


def _progress_bar(total: int, desc: str, enabled: bool):
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit="seg", disable=not enabled, leave=False)


def run_suite(
    suite: Suite | str,
    *,
    system: str | None = None,
    outputs: Path | None = None,
    limit: int | None = None,
    seed: int | None = None,
    out_dir: Path | None = None,
    data_root: Path | None = None,
    download: bool = True,
    progress: bool = True,
    plots: bool = True,
    settings: Any = None,
    engine: str = "local",
    address: str | None = None,
) -> RunOutput:
    if isinstance(suite, str):
        suite = load_suite(suite)
    t0 = time.perf_counter()
    timings: dict[str, float] = {}

    # --- system spec ---------------------------------------------------------------------------------
    if outputs is not None:
        system_name = f"outputs:{Path(outputs).name}"
        spec = SystemSpec(type="outputs", path=str(Path(outputs).resolve()))
    else:
        system_name = system or suite.system
        if system_name not in suite.systems:
            raise SystemUnavailable(f"suite {suite.name!r} has no system {system_name!r}; it has: {', '.join(suite.systems)}")
        spec = suite.systems[system_name]

    # --- data ------------------------------------------------------------------------------------------
    dataset: Dataset = load(suite.dataset, data_root, download=download)
    sample = limit if limit is not None else suite.options.sample
    seed = suite.options.seed if seed is None else seed
    indices = select(len(dataset), sample, seed)
    sources = [dataset.sources[i] for i in indices]
    references = [dataset.references[i] for i in indices]
    timings["load"] = time.perf_counter() - t0

    out_language = spec.output_language or suite.dataset.target_language
    sys_obj = build(
        system_name,
        spec,
        language=suite.dataset.source_language,
        data_root=data_root,
        dataset_size=len(dataset),
        task=suite.task,
        output_language=out_language,
        settings=settings,
        engine=engine,
        address=address,
    )

    # --- run the system --------------------------------------------------------------------------------
    t = time.perf_counter()
    with _progress_bar(len(indices), f"{suite.name}/{system_name}", progress) as bar:
        outs = sys_obj.run(sources, indices, bar.update)
    timings["system"] = time.perf_counter() - t
    hyps = [o.text for o in outs]

    gold = references
    if spec.reference == "translated":
        t = time.perf_counter()
        references = sys_obj.translate_references(references)
        timings["reference_translation"] = time.perf_counter() - t

    # --- metrics ---------------------------------------------------------------------------------------
    t = time.perf_counter()
    report = compute_all(suite.task, hyps, references, sources, metrics=suite.metrics, segments=True)
    timings["metrics"] = time.perf_counter() - t

    # --- checks ----------------------------------------------------------------------------------------
    t = time.perf_counter()
    per_checks: list[dict[str, dict[str, Any]]] = []
    with _progress_bar(len(indices), "checks", progress) as bar:
        for i, (idx, src, o) in enumerate(zip(indices, sources, outs)):
            seg = checks_mod.Segment(
                idx, src, o.text, references[i], suite.task, suite.dataset.source_language, out_language, o.result
            )
            per_checks.append({k: v.as_dict() for k, v in checks_mod.run_checks(seg, suite.checks).items()})
            bar.update(1)
    timings["checks"] = time.perf_counter() - t
    check_rates = checks_mod.rates(per_checks)

    # --- write -------------------------------------------------------------------------------------------
    stamp = datetime.now(timezone.utc)
    if out_dir is None:
        from service.settings import get_settings

        out_dir = Path(get_settings().results_dir) / f"{suite.name}-{system_name.replace(':', '_')}-{stamp:%Y%m%d-%H%M%S}"
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)

    seg_keys = [k for k, v in report.scores.items() if v.segments is not None]
    with open(out_dir / "segments.jsonl", "w", encoding="utf-8") as fh:
        for i, idx in enumerate(indices):
            row: dict[str, Any] = {
                "index": idx,
                "source": sources[i],
                "output": hyps[i],
                "reference": references[i],
                "scores": {k: report.scores[k].segments[i] for k in seg_keys},
                "checks": per_checks[i],
            }
            if spec.reference == "translated":
                row["gold"] = gold[i]
            res = outs[i].result
            if res is not None:
                row["warnings"] = [w.model_dump() for w in getattr(res, "warnings", [])]
                row["result_id"] = getattr(res, "id", "")
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")

    signature = {
        "suite": suite.name,
        "task": suite.task,
        "dataset": {
            "name": suite.dataset.name,
            "origin": dataset.origin,
            "files": dataset.files,
            "size": len(dataset),
            "selected": len(indices),
            "seed": seed,
            "indices_sha256": hashlib.sha256(",".join(map(str, indices)).encode()).hexdigest(),
        },
        "system": {"name": system_name, **sys_obj.describe(), "reference": spec.reference},
        "metrics": {k: {"corpus": v.signature, "segment": v.segment_signature} for k, v in report.scores.items()},
        "checks": checks_mod.signature(suite.checks),
        "libraries": library_versions(),
        "harness": git_state(),
    }
    signature["line"] = one_line(signature)
    timings["total"] = time.perf_counter() - t0
    results = {
        "suite": suite.name,
        "description": suite.description,
        "task": suite.task,
        "system": system_name,
        "system_description": spec.description,
        "comparability": suite.comparability,
        "primary": suite.primary,
        "n": len(indices),
        "created": stamp.isoformat(timespec="seconds"),
        "metrics": {k: v.as_dict() for k, v in report.scores.items()},
        "skipped_metrics": report.skipped,
        "checks": check_rates,
        "check_descriptions": {n: checks_mod.get(n).description for n in suite.checks},
        "signature": signature,
        "timings": {k: round(v, 3) for k, v in timings.items()},
    }
    (out_dir / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")

    from eval.report import write_reports

    write_reports(out_dir, results, worst=suite.options.worst, plots=plots)
    return RunOutput(out_dir, results)
