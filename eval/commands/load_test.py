"""`python -m eval load-test`: concurrent REST + gradio_client clients against a loopback app (eval/load.py)."""

from __future__ import annotations

from typing import Optional

import typer

from eval.cli import app


@app.command("load-test")
def load_test(
    clients: int = typer.Option(8, "--clients", min=1, max=64, help="Concurrent clients (half REST, half gradio_client)."),
    duration: float = typer.Option(180.0, "--duration", min=1, max=3600, help="Seconds of load."),
    max_requests: int = typer.Option(10_000, "--max-requests", min=1, help="Stop after this many requests."),
    url: Optional[str] = typer.Option(
        None, "--url", help="A running loopback server (default: start the app here on fixture models)."
    ),
    max_chars: int = typer.Option(3000, "--max-chars", min=100, help="WIREBRIEF_MAX_CHARS of the started server."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """Throughput, p50/p95 latency, refusals and memory growth under load. Exit 1 when a server error occurred
    or resident memory grew 10 % or more after warm-up."""
    from eval.load import run_load_test

    try:
        report = run_load_test(clients=clients, duration=duration, max_requests=max_requests, url=url, max_chars=max_chars)
    except ValueError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2)
    typer.echo(report.to_json() if as_json else report.text())
    raise typer.Exit(0 if report.passed else 1)
