"""Command modules of `python -m eval`. Each module decorates functions with `eval.cli.app.command()`."""
# One import per command module; add yours on its own line.
from eval.commands import bench  # noqa: F401
