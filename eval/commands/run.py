"""`python -m eval run SUITE`: run one system of a suite and write a results folder."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from eval.cli import app


@app.command("run")
def run(
    suite: str = typer.Argument(..., help="A suite under eval/suites/ (newstest2013, flores200-devtest, orangesum) or a YAML path."),
    system: Optional[str] = typer.Option(None, "--system", help="A system named in the suite (default: the suite's)."),
    outputs: Optional[Path] = typer.Option(None, "--outputs", exists=True, dir_okay=False, help="Score this file of outputs (line-aligned with the full dataset) instead."),
    limit: Optional[int] = typer.Option(None, "--limit", min=1, help="Evaluate N segments drawn with the seed (same N + seed = same segments)."),
    seed: Optional[int] = typer.Option(None, "--seed", help="Seed of the sample draw (default: the suite's)."),
    out: Optional[Path] = typer.Option(None, "--out", help="Results folder (default: WIREBRIEF_RESULTS_DIR/SUITE-SYSTEM-TIME)."),
    data_root: Optional[Path] = typer.Option(None, "--data-root", help="Folder holding the datasets (default: WIREBRIEF_DATA_ROOT)."),
    no_download: bool = typer.Option(False, "--no-download", help="Never fall back to sacrebleu's downloader."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bars."),
    no_plots: bool = typer.Option(False, "--no-plots", help="Leave the plots out of report.html (faster)."),
    engine: str = typer.Option("local", "--engine", help="Pipeline systems: local (this process) or ray."),
    address: Optional[str] = typer.Option(None, "--address", help="Ray cluster address (auto, ray://…); default: start Ray here."),
) -> None:
    """Run SUITE: per-segment JSONL, results JSON with a reproducibility signature, summary.md and report.html."""
    from eval.data import DatasetNotFound
    from eval.suites import run_suite
    from eval.systems import SystemUnavailable

    try:
        res = run_suite(
            suite,
            system=system,
            outputs=outputs,
            limit=limit,
            seed=seed,
            out_dir=out,
            data_root=data_root,
            download=not no_download,
            progress=not quiet,
            plots=not no_plots,
            engine=engine,
            address=address,
        )
    except (FileNotFoundError, DatasetNotFound, SystemUnavailable) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    r = res.results
    typer.echo(f"{r['suite']} / {r['system']}: {r['n']} segments → {res.path}")
    for key, m in r["metrics"].items():
        typer.echo(f"  {key:<15} {m['score']:8.2f}   {m['signature']}")
    for key, reason in r["skipped_metrics"].items():
        typer.echo(f"  {key:<15}        –   {reason}")
    for name, c in r["checks"].items():
        rate = "skipped" if c["fail_rate"] is None else f"{100 * c['fail_rate']:5.1f}% ({c['failed']}/{c['checked']})"
        typer.echo(f"  check {name:<14} {rate}")
    typer.echo(f"  report: {res.path / 'report.html'}")
