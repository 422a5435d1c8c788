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
    summarizer: str = typer.Option("model", help="model, extractive-lead, extractive-centrality or llm (the brief model)."),
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


@app.command()
def batch(
    inputs: List[str] = typer.Argument(..., help="Files and folders (.txt .md .docx .html .csv .jsonl; folders recursively)."),
    out: Path = typer.Option(..., "--out", help="Output folder: results.jsonl, markdown/, errors.jsonl, summary.csv."),
    engine: str = typer.Option("local", "--engine", help="local (this process) or ray (a Ray cluster)."),
    address: Optional[str] = typer.Option(
        None, "--address", help="Ray cluster: auto, ray://host:10001 or host:port; default: start Ray here."
    ),
    text_column: Optional[str] = typer.Option(None, "--text-column", help="CSV/JSONL column holding the text."),
    summary: Optional[List[str]] = typer.Option(
        None, "--summary", "-s", help="Summary preset (repeatable): headline, lede, bullets, paragraph."
    ),
    no_summary: bool = typer.Option(False, "--no-summary", help="Translate only."),
    summarizer: str = typer.Option("model", help="model, extractive-lead or extractive-centrality."),
    source_language: Optional[str] = typer.Option(None, "--source-language", "-l", help="Skip detection."),
    id_column: Optional[str] = typer.Option(
        None, "--id-column", help="CSV/JSONL column with each row's own id (default: one named id, slug, guid…)."
    ),
) -> None:
    """Translate and summarize many documents; resumable (finished documents are never redone)."""
    from tqdm import tqdm

    from service.batch.api import DEFAULT_PRESETS, run_batch
    from service.errors import WirebriefError
    from service.settings import get_settings

    if address is not None and engine != "ray":
        typer.echo("error: --address needs --engine ray", err=True)
        raise typer.Exit(2)
    presets = [] if no_summary else (summary or list(DEFAULT_PRESETS))
    bar = tqdm(total=0, unit="doc", desc="batch", dynamic_ncols=True)

    def progress(p) -> None:
        bar.total = p.total
        bar.n = p.finished
        bar.set_postfix(errors=p.errors, refresh=False)
        bar.refresh()

    try:
        job_id, counts, files = run_batch(
            inputs,
            out,
            get_settings(),
            engine=engine,
            address=address,
            text_column=text_column,
            id_column=id_column,
            summaries=presets,
            summarizer=summarizer,
            source_language=source_language,
            progress=progress,
        )
    except WirebriefError as exc:
        bar.close()
        typer.echo(f"error [{exc.code}]: {exc.message}", err=True)
        raise typer.Exit(2)
    except RuntimeError as exc:  # model not available, device errors: the message carries the fix
        bar.close()
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2)
    bar.close()
    typer.echo(
        f"job {job_id}: {counts.done} done, {counts.errors} failed of {counts.total} → {files.results}"
        + (f" (reasons in {files.errors})" if counts.errors else "")
    )
    if counts.done + counts.errors < counts.total:
        raise typer.Exit(1)


@app.command()
def brief(
    file: str = typer.Argument(..., help="A text file, or '-' for standard input."),
    template: str = typer.Option("brief", "--template", "-t", help="Prompt template: brief, headline, bullets, plain…"),
    version: Optional[str] = typer.Option(None, "--version", help="Template version (default: the latest)."),
    with_source: Optional[bool] = typer.Option(None, "--with-source/--without-source", help="Give the model the French too."),
    json_out: bool = typer.Option(False, "--json", help="Print the Brief as JSON instead of Markdown."),
    docx: Optional[Path] = typer.Option(None, "--docx", help="Also write the brief to this .docx file."),
    source_language: Optional[str] = typer.Option(None, "--source-language", "-l", help="Skip detection."),
) -> None:
    """Translate one dispatch and write an editors' brief of it from a prompt template."""
    from service.brief.export import to_docx, to_markdown
    from service.errors import WirebriefError
    from service.pipeline import Pipeline

    text = _read_or_exit(file)
    try:
        pipeline = Pipeline.from_settings()
        pipeline.validate(text, [], "model")
        result = pipeline.run(text, summaries=[], source_language=source_language)
        made = pipeline.brief(result, template, version=version, with_source=with_source)
    except WirebriefError as exc:
        typer.echo(f"error [{exc.code}]: {exc.message}", err=True)
        raise typer.Exit(2)
    except RuntimeError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2)
    if docx:
        docx.write_bytes(to_docx(made))
    typer.echo(made.model_dump_json(indent=2) if json_out else to_markdown(made))
    if made.status == "failed":
        raise typer.Exit(1)


@app.command()
def diff(
    old: str = typer.Argument(..., help="The previous version: a text file, or '-' for standard input."),
    new: str = typer.Argument(..., help="The current version: a text file, or '-' for standard input."),
    json_out: bool = typer.Option(False, "--json", help="Print the Diff as JSON instead of the Markdown update note."),
    summary: Optional[List[str]] = typer.Option(
        None, "--summary", "-s", help="What's-new summary preset (repeatable): headline, lede, bullets, paragraph."
    ),
    summarizer: str = typer.Option("model", help="model, extractive-lead or extractive-centrality."),
    source_language: Optional[str] = typer.Option(None, "--source-language", "-l", help="Skip detection."),
) -> None:
    """What changed between two versions of a dispatch: fact changes, sentence by sentence, what's new."""
    from service.diff import diff_with_pipeline, to_markdown as diff_markdown
    from service.errors import WirebriefError
    from service.pipeline import DEFAULT_PRESETS, Pipeline

    if old == "-" and new == "-":
        typer.echo("error: only one of OLD and NEW can be standard input ('-')", err=True)
        raise typer.Exit(2)
    previous_text, current_text = _read_or_exit(old), _read_or_exit(new)
    try:
        pipeline = Pipeline.from_settings()
        pipeline.validate(previous_text, [], summarizer)
        previous = pipeline.run(previous_text, summaries=[], source_language=source_language, summarizer=summarizer)
        made = diff_with_pipeline(pipeline, previous, current_text, summaries=summary or list(DEFAULT_PRESETS),
                                  summarizer=summarizer, source_language=source_language)
    except WirebriefError as exc:
        typer.echo(f"error [{exc.code}]: {exc.message}", err=True)
        raise typer.Exit(2)
    except RuntimeError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2)
    typer.echo(made.to_json() if json_out else diff_markdown(made))


@app.command("brief-prompt")
def brief_prompt(
    file: str = typer.Argument(..., help="The English text (file, or '-' for standard input)."),
    template: str = typer.Option("brief", "--template", "-t", help="Prompt template name."),
    version: Optional[str] = typer.Option(None, "--version", help="Template version (default: the latest)."),
    source: Optional[Path] = typer.Option(None, "--source", help="The French original, fenced as well."),
) -> None:
    """Print the messages a template gives the brief model for a text (no model needed)."""
    from service.brief.render import render
    from service.brief.service import get_template
    from service.errors import WirebriefError

    text = _read_or_exit(file)
    try:
        tpl = get_template(template, version)
    except WirebriefError as exc:
        typer.echo(f"error [{exc.code}]: {exc.message}", err=True)
        raise typer.Exit(2)
    french = _read_or_exit(str(source)) if source else None
    rendered = render(tpl, text, source=french)
    typer.echo(f"# {tpl.name} v{tpl.version} (hash {tpl.content_hash})")
    for message in rendered.messages:
        typer.echo(f"\n## {message['role']}\n{message['content']}")


def _read_or_exit(file: str) -> str:
    try:
        return sys.stdin.read() if file == "-" else _read_text(Path(file))
    except (OSError, UnicodeDecodeError) as exc:
        typer.echo(f"error: cannot read {file}: {exc}", err=True)
        raise typer.Exit(2)


@app.command("settings")
def show_settings(
    markdown: bool = typer.Option(False, "--markdown", help="Print the defaults as the Markdown table of docs/settings.md."),
) -> None:
    """Print every setting: environment variable, current value, meaning."""
    from service.settings import Settings, get_settings, settings_markdown

    if markdown:
        typer.echo(settings_markdown(Settings.defaults_table()), nl=False)
        return
    for env, value, description in get_settings().table():
        typer.echo(f"{env:<36} {value:<40} {description}")


def _read_text(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def main() -> None:
    app()
