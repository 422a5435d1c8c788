"""Command modules of `python -m eval`. Each module decorates functions with `eval.cli.app.command()`."""
# One import per command module; add yours on its own line.
from eval.commands import score  # noqa: F401,E402
from eval.commands import run  # noqa: F401,E402
from eval.commands import compare  # noqa: F401,E402
from eval.commands import ratings  # noqa: F401,E402
from eval.commands import facts  # noqa: F401
from eval.commands import bench  # noqa: F401
from eval.commands import load_test  # noqa: F401
