"""`python -m eval ratings`: aggregate the human ratings; `python -m eval ratings-pairs`: make blind pairs."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Optional

import typer

from eval.cli import app


def _f(x: float | None, spec: str = ".2f") -> str:
    return "–" if x is None or (isinstance(x, float) and math.isnan(x)) else format(x, spec)


@app.command("ratings")
def ratings(
    csv_out: Optional[Path] = typer.Option(None, "--csv", help="Write the aggregates (tidy rows) to this CSV."),
    raw_csv: Optional[Path] = typer.Option(None, "--raw-csv", help="Also write every rating, systems revealed."),
    db: Optional[Path] = typer.Option(None, "--db", help="SQLite file (default: WIREBRIEF_DB_PATH)."),
    as_json: bool = typer.Option(False, "--json", help="Print the aggregates as JSON."),
) -> None:
    """Means with 95% CIs, win rates, error-tag rates and Krippendorff's alpha (ordinal) of the stored ratings."""
    from eval.ratings.aggregate import aggregate, write_csv, write_raw_csv
    from eval.ratings.store import load_ratings

    rows = load_ratings(db_path=db)
    agg = aggregate(rows)
    if csv_out:
        write_csv(agg, csv_out)
    if raw_csv:
        write_raw_csv(rows, raw_csv)
    if as_json:
        json.dump(agg, sys.stdout, indent=2, default=lambda x: None)
        sys.stdout.write("\n")
        return
    if not rows:
        typer.echo("no ratings stored yet")
        return
    typer.echo(f"{agg['ratings']} ratings by {agg['raters']} raters on {agg['pairs']} pairs ({agg['items']} items)\n")
    w = max([len("system")] + [len(s) for s in agg["means"]]) + 2
    typer.echo(f"{'system':<{w}}{'dimension':<14}{'n':>5}{'mean':>7}   95% CI")
    for system, dims in agg["means"].items():
        for d, m in dims.items():
            typer.echo(f"{system:<{w}}{d:<14}{m['n']:>5}{_f(m['mean']):>7}   [{_f(m['ci_low'])}, {_f(m['ci_high'])}]")
    typer.echo("\nwin rates (overall = mean of the three dimensions):")
    for w in agg["win_rates"]:
        if w["dimension"] == "overall":
            typer.echo(
                f"  {w['system']} vs {w['opponent']}: {_f(100 * w['win_rate'], '.1f')}% "
                f"[{_f(100 * w['ci_low'], '.1f')}, {_f(100 * w['ci_high'], '.1f')}] "
                f"({w['wins']} W / {w['ties']} T / {w['losses']} L)"
            )
    b = agg["position_bias"]
    typer.echo(f"  first-shown output won {_f(100 * b['rate'] if b['decisive'] else None, '.1f')}% of {b['decisive']} decisive judgements")
    typer.echo("\ninter-rater agreement (Krippendorff's alpha, ordinal):")
    for d, a in agg["agreement"].items():
        note = f"  ({a['note']})" if a.get("note") else ""
        typer.echo(f"  {d:<13} {_f(a['alpha'], '.3f')}   {a['pairable_units']} pairable outputs, {a['raters']} raters{note}")
    if csv_out:
        typer.echo(f"\nCSV: {csv_out}")


@app.command("ratings-pairs")
def ratings_pairs(
    run_a: Path = typer.Argument(..., exists=True, file_okay=False),
    run_b: Path = typer.Argument(..., exists=True, file_okay=False),
    n: int = typer.Option(50, "--n", min=1, help="Number of segments to pair."),
    seed: int = typer.Option(0, "--seed"),
    db: Optional[Path] = typer.Option(None, "--db", help="SQLite file (default: WIREBRIEF_DB_PATH)."),
) -> None:
    """Create blind A/B pairs for raters from two runs of the same suite (order randomized, systems hidden)."""
    from eval.ratings.store import RatingError, pairs_from_runs

    try:
        pairs = pairs_from_runs(run_a, run_b, n=n, seed=seed, db_path=db)
    except RatingError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"{len(pairs)} blind pairs stored")
