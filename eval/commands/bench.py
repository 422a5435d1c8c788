"""`python -m eval bench [--quick] [--json OUT]`: speed of the whole stack on random-weight models of the
production architectures, in one run (see eval/bench/)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from eval.cli import app


@app.command("bench")
def bench(
    quick: bool = typer.Option(False, "--quick", help="One architecture, fewer sentences and repeats (~3 min here)."),
    json_out: Optional[Path] = typer.Option(None, "--json", help="Write every figure as JSON here."),
    markdown_out: Optional[Path] = typer.Option(None, "--markdown", help="Write the tables as Markdown here."),
    work_dir: Optional[Path] = typer.Option(
        None, "--work-dir", help="Where the random-weight models are built and kept (default: the user cache)."
    ),
    device: str = typer.Option("cpu", "--device", help="cpu or cuda (cuda: bf16/fp16 rows; int8-torch rows skipped)."),
    arch: Optional[list[str]] = typer.Option(None, "--arch", help="Translation architecture(s) to run."),
    section: Optional[list[str]] = typer.Option(
        None, "--section", help="Run only these parts: headline, throughput, update, summaries, cache, concurrency, app, probe; long (the long-dispatch timeline, only when named)."
    ),
    tiny: bool = typer.Option(
        False, "--tiny", hidden=True, help="Toy model sizes: checks the machinery in seconds; figures meaningless."
    ),
) -> None:
    """Benchmark: naive baseline vs the pipeline's default profile vs each speed option vs CTranslate2 int8."""
    import os

    import platformdirs

    from eval.bench.report import render
    from eval.bench.options import BenchOptions
    from eval.bench.run import run_bench

    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    work = work_dir or Path(platformdirs.user_cache_dir("wirebrief")) / "bench"
    overrides: dict = {"device": device}
    if arch:
        overrides["archs"] = list(arch)
    if section:
        from eval.bench.options import SECTIONS

        unknown = sorted(set(section) - set(SECTIONS))
        if unknown:
            raise typer.BadParameter(f"unknown section(s) {', '.join(unknown)}; choose from {', '.join(SECTIONS)}")
        overrides["sections"] = list(section)
    if tiny:
        from eval.bench.models import TINY_CONFIGS

        overrides.update(configs=TINY_CONFIGS, sentences=4, unbatched=1, users=2, requests_per_user=1, request_sizes=[1], app_requests_per_user=1,
                         forced_new_tokens=8, probe_timeout=600)
    opts = BenchOptions.for_mode(work, quick, log=lambda m: typer.echo(m, err=True), **overrides)
    out = run_bench(opts)
    text = render(out)
    typer.echo(text)
    if json_out:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(out, indent=2, default=str), encoding="utf-8")
        typer.echo(f"wrote {json_out}", err=True)
    if markdown_out:
        markdown_out.parent.mkdir(parents=True, exist_ok=True)
        markdown_out.write_text(text + "\n", encoding="utf-8")
