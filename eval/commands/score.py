"""`python -m eval score`: corpus metrics for line-aligned files, each with its signature."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from eval.cli import app


class TaskName(str, Enum):
    translation = "translation"
    summarization = "summarization"


@app.command("score")
def score(
    task: TaskName = typer.Option(..., "--task", help="translation (BLEU/chrF/TER[/COMET]) or summarization (ROUGE)."),
    hyp: Path = typer.Option(..., "--hyp", exists=True, dir_okay=False, help="System output, one segment per line."),
    ref: Path = typer.Option(..., "--ref", exists=True, dir_okay=False, help="Reference, line-aligned with --hyp."),
    src: Optional[Path] = typer.Option(None, "--src", exists=True, dir_okay=False, help="Source (COMET, compression)."),
    as_json: bool = typer.Option(False, "--json", help='Print {"metrics": {...}, "signature": {...}}.'),
    metrics: Optional[str] = typer.Option(
        None, "--metrics", help="Comma-separated metric modules (default: all of the task's), e.g. 'bleu,chrf'."
    ),
) -> None:
    """Score HYP against REF. Figures are sacrebleu's / rouge-score's own; signatures say how they were made."""
    from eval.io import read_lines
    from eval.metrics import compute_all

    hyps, refs = read_lines(hyp), read_lines(ref)
    srcs = read_lines(src) if src else None
    chosen = [m.strip() for m in metrics.split(",")] if metrics else None
    try:
        report = compute_all(task.value, hyps, refs, srcs, metrics=chosen)
    except (ValueError, KeyError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    for name, reason in report.skipped.items():
        typer.echo(f"note: {reason}", err=True)
    if as_json:
        payload = {"metrics": report.values(), "signature": report.signatures(), "n": len(hyps)}
        if report.skipped:
            payload["skipped"] = report.skipped
        json.dump(payload, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return
    width = max(len(k) for k in report.scores) if report.scores else 4
    typer.echo(f"{len(hyps)} segments")
    for key, s in report.scores.items():
        typer.echo(f"{key:<{width}}  {s.score:8.2f}   {s.signature}")
