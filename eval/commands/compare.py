"""`python -m eval compare RUN_A RUN_B [--gate THRESHOLDS]`: paired bootstrap, deltas with 95% intervals."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from eval.cli import app


@app.command("compare")
def compare(
    run_a: Path = typer.Argument(..., exists=True, file_okay=False, help="Baseline results folder."),
    run_b: Path = typer.Argument(..., exists=True, file_okay=False, help="Candidate results folder."),
    gate: Optional[str] = typer.Option(
        None,
        "--gate",
        help="e.g. 'bleu:-0.5,chrf:-0.3': exit 1 when B's improvement over A is below a threshold "
        "(improvement = B − A; A − B for TER).",
    ),
    require_significance: bool = typer.Option(
        False, "--require-significance", help="Gate fails only when the shortfall is also significant (p < 0.05)."
    ),
    samples: Optional[int] = typer.Option(None, "--samples", min=100, help="Bootstrap resamples (default: settings)."),
    seed: Optional[int] = typer.Option(None, "--seed", help="Bootstrap seed (default: settings, sacrebleu's 12345)."),
    as_json: bool = typer.Option(False, "--json", help="Print the comparison as JSON."),
) -> None:
    """Compare two runs of the same suite on the same segments. Exit codes: 0 ok, 1 gate failed, 2 error."""
    from eval.compare import GateSpecError, IncomparableRuns, compare_runs, evaluate_gate, parse_gate
    from service.settings import get_settings

    settings = get_settings()
    try:
        gate_spec = parse_gate(gate) if gate else None
        result = compare_runs(
            run_a,
            run_b,
            n_samples=samples or settings.bootstrap_samples,
            seed=settings.bootstrap_seed if seed is None else seed,
        )
        verdicts = evaluate_gate(result, gate_spec, require_significance=require_significance) if gate_spec else []
    except (GateSpecError, IncomparableRuns, FileNotFoundError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    result["gate"] = verdicts
    if as_json:
        json.dump(result, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        typer.echo(f"A = {result['a']['system']} ({run_a})\nB = {result['b']['system']} ({run_b})")
        bs = result["bootstrap"]
        typer.echo(f"{result['n']} paired segments, {bs['samples']} bootstrap resamples, seed {bs['seed']}\n")
        typer.echo(f"{'metric':<15}{'A':>9}{'B':>9}{'Δ B−A':>9}   {'95% CI of Δ':<19}{'p':>8}")
        for m in result["metrics"]:
            star = " *" if m["p_value"] < 0.05 else ""
            ci = f"[{m['ci_low']:+.2f}, {m['ci_high']:+.2f}]"
            typer.echo(f"{m['metric']:<15}{m['a']:9.2f}{m['b']:9.2f}{m['delta']:+9.2f}   {ci:<19}{m['p_value']:8.4f}{star}")
        typer.echo("(* p < 0.05; TER: lower is better)")
        if result["checks"]:
            typer.echo("\ncheck failure rates:")
            for name, c in result["checks"].items():
                typer.echo(f"  {name:<14} {100 * c['a']:6.1f}% → {100 * c['b']:6.1f}%")
        for v in verdicts:
            status = "ok" if v["passed"] else "FAIL"
            typer.echo(f"gate {v['metric']}: improvement {v['improvement']:+.2f} vs threshold {v['threshold']:+.2f} → {status}")
    if any(not v["passed"] for v in verdicts):
        typer.echo("gate failed: B is worse than A beyond the thresholds", err=True)
        raise typer.Exit(1)
