"""`python -m eval …`: one typer app; each sub-command lives in its own module under eval/ and registers here."""

from __future__ import annotations

import typer

app = typer.Typer(help="wirebrief evaluation harness", no_args_is_help=True, add_completion=False)


@app.callback()
def _root() -> None:
    """wirebrief evaluation harness (a callback keeps `python -m eval NAME` a group even with one command)."""


def main() -> None:
    _register()
    app()


def _register() -> None:
    """Import command modules only when the CLI runs (no side effects at import time)."""
    # Each line adds one command group; keep one line per module.
    from eval import commands  # noqa: F401  (populates `app`)
