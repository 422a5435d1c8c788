"""`python -m models list | fetch [NAME…] | verify [NAME…] | tiny DIR`."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

app = typer.Typer(help="wirebrief model registry: list, fetch for offline use, build tiny test models.", add_completion=False, no_args_is_help=True)


@app.command("list")
def list_models() -> None:
    """Every registered model: task, hub id @ revision, licence, languages."""
    from models.registry import all_specs

    for spec in all_specs():
        langs = ",".join(spec.source_languages)
        typer.echo(f"{spec.name:<24} {spec.task:<14} {spec.hub_id}@{spec.revision or 'main':<42} {spec.licence:<14} {langs}")


@app.command()
def fetch(
    names: Optional[List[str]] = typer.Argument(None, help="Registry names; default: the configured models."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Only list what would be downloaded."),
    ct2_compute: Optional[List[str]] = typer.Option(
        None, "--ct2-compute", help="Also convert seq2seq models for CTranslate2 in this compute type (repeatable): "
        "int8 (CPU), float16 / bfloat16 (CUDA). Default: only what this machine's settings load."
    ),
) -> None:
    """Download models into the Hugging Face cache so that wirebrief runs offline."""
    from models.fetch import fetch as fetch_spec
    from models.registry import resolve
    from service.settings import get_settings

    settings = get_settings()
    wanted = names or []
    if not wanted:
        wanted = [settings.translation_model]
        if not settings.summary_model.startswith("extractive"):
            wanted.append(settings.summary_model)
        if getattr(settings, "briefs", "off") == "on":
            wanted.append(settings.brief_model)
    failed = 0
    for name in wanted:
        task = _task_of(name)
        spec = resolve(name, task)
        if dry_run:
            typer.echo(f"would fetch {spec.name} ({spec.hub_id or spec.local_path}@{spec.revision or 'main'})")
            continue
        try:
            path = fetch_spec(spec, settings.hf_cache_dir)
        except Exception as exc:  # network, auth, missing revision: say which model and why, go on
            failed += 1
            typer.echo(f"FAILED {spec.name} ({spec.hub_id}@{spec.revision or 'main'}): {type(exc).__name__}: {exc}", err=True)
            if type(exc).__name__ == "RevisionNotFoundError":
                typer.echo(f"       the pinned commit is not on the hub (any more): fetch {spec.hub_id}@main "
                           f"(`python -m models fetch {spec.hub_id}@main`), run `python -m models verify`, and pin "
                           "the commit it prints in models/registry.py with where you confirmed it", err=True)
            continue
        typer.echo(f"ok     {spec.name} → {path} (commit {path.name})")
        if spec.hub_id and spec.revision is None:
            typer.echo(f"       {spec.name} is not pinned in models/registry.py: it followed main to commit "
                       f"{path.name}; pin revision={path.name!r} there (Results record the commit either way)")
        try:
            _convert_if_needed(spec, path, settings, ct2_compute or [])
        except Exception as exc:  # conversion failed: loading will say so again; the download itself is fine
            failed += 1
            typer.echo(f"FAILED converting {spec.name} for ctranslate2: {type(exc).__name__}: {exc}", err=True)
    if failed:
        typer.echo(
            f"{failed} model(s) could not be downloaded. This machine needs access to huggingface.co "
            "(or set HF_ENDPOINT to a mirror); or copy a Hugging Face cache that holds them and set HF_HOME.",
            err=True,
        )
        raise typer.Exit(1)


@app.command()
def tiny(out_dir: Path = typer.Argument(..., help="Where to write tiny-marian/ and tiny-bart/.")) -> None:
    """Build tiny random-weight models of the real architectures (for demos and tests without the hub)."""
    from models.tiny import build_tiny_bart, build_tiny_marian

    mt = build_tiny_marian(out_dir / "tiny-marian")
    bart = build_tiny_bart(out_dir / "tiny-bart")
    typer.echo(f"WIREBRIEF_TRANSLATION_MODEL={mt}\nWIREBRIEF_SUMMARY_MODEL={bart}")


@app.command()
def verify(
    names: Optional[List[str]] = typer.Argument(None, help="Registry names or model directories; default: the configured models."),
    quick: bool = typer.Option(False, "--quick", help="BLEU on the first 500 newstest2013 sentences (±2.5)."),
    expectations: Optional[Path] = typer.Option(None, help="JSON replacing the published figures (fixture models)."),
) -> None:
    """Conformance kit: load each model through the service's code and check it against its model card."""
    from models.verify import load_expectations, run
    from service.settings import get_settings

    report = run(names or [], get_settings(), quick=quick, expectations=load_expectations(expectations), echo=typer.echo)
    passed = sum(line.ok for line in report.lines)
    typer.echo(f"{passed}/{len(report.lines)} checks passed")
    if not report.ok:
        raise typer.Exit(1)


def _convert_if_needed(spec, path: Path, settings, extra_compute: list[str] = ()) -> None:
    """Convert a seq2seq checkpoint for CTranslate2 right after the download when the settings (or the registry's
    ``backend``) select that backend here, and in every ``extra_compute`` type asked for (e.g. the CUDA copies an
    image built on a CPU machine will need), so start-up never converts."""
    from models import ct2
    from service.profile import convert_for_settings

    done = [convert_for_settings(settings, spec, path)]
    if spec.task != "chat":
        root = settings.ct2_dir or ct2.default_root(settings.hf_cache_dir)
        for compute in extra_compute:
            if compute not in ct2.COMPUTE_TYPES:
                raise ValueError(f"--ct2-compute {compute!r}: choose from {', '.join(ct2.COMPUTE_TYPES)}")
            done.append(ct2.ensure_converted(spec.name, path, root, compute))
    for target, converted in (d for d in done if d is not None):
        typer.echo(f"{'converted' if converted else 'ok    '} {spec.name} for ctranslate2 ({target.name}) → {target}")


def _task_of(name: str) -> str:
    from models.registry import UnknownModelError, get

    try:
        return get(name).task
    except UnknownModelError:
        return "translation"


if __name__ == "__main__":
    app()
