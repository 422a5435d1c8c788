"""`python -m service`: with no command, start the app; `translate` for files and pipes; `settings` for the table."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

app = typer.Typer(help="wirebrief: French wire copy → English translation, summaries and briefs.", add_completion=False)


@app.callback(invoke_without_command=True)
def default(ctx: typer.Context) -> None:
    """Start the web app (the default when no command is given)."""
    if ctx.invoked_subcommand is None:
        serve()


@app.command()
def serve() -> None:
    """Start the web app and REST API on WIREBRIEF_HOST:WIREBRIEF_PORT."""
    from service.server import run_server

    run_server()


@app.command()
def translate(
    file: str = typer.Argument(..., help="A text file, or '-' for standard input."),
    json_out: bool = typer.Option(False, "--json", help="Print the Result as JSON instead of Markdown."),
    summary: Optional[List[str]] = typer.Option(
        None, "--summary", "-s", help="Summary preset (repeatable): headline, lede, bullets, paragraph."
    ),
    no_summary: bool = typer.Option(False, "--no-summary", help="Translate only."),
    summarizer: str = typer.Option("model", help="model, extractive-lead or extractive-centrality."),
    source_language: Optional[str] = typer.Option(None, "--source-language", "-l", help="Skip detection."),
) -> None:
    """Translate and summarize one dispatch."""
    from service.errors import WirebriefError
    from service.pipeline import DEFAULT_PRESETS, Pipeline
    from service.render import to_markdown

    try:
        text = sys.stdin.read() if file == "-" else _read_text(Path(file))
    except (OSError, UnicodeDecodeError) as exc:
        typer.echo(f"error: cannot read {file}: {exc}", err=True)
        raise typer.Exit(2)
    presets = [] if no_summary else (summary or list(DEFAULT_PRESETS))
    try:
        pipeline = Pipeline.from_settings()
        pipeline.validate(text, presets, summarizer)
        result = pipeline.run(text, summaries=presets, source_language=source_language, summarizer=summarizer)
    except WirebriefError as exc:
        typer.echo(f"error [{exc.code}]: {exc.message}", err=True)
        raise typer.Exit(2)
    except RuntimeError as exc:  # ModelNotAvailableError and device errors carry the fix in their message
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2)
    typer.echo(result.to_json() if json_out else to_markdown(result))


@app.command("settings")
def show_settings() -> None:
    """Print every setting: environment variable, current value, meaning."""
    from service.settings import get_settings

    for env, value, description in get_settings().table():
        typer.echo(f"{env:<36} {value:<40} {description}")


def _read_text(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def main() -> None:
    app()
