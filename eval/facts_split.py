"""The fact checker's development / held-out split of a line-aligned test set, fixed before any tuning.

    python -m eval.facts_split --src newstest2013.fr --ref newstest2013.en --out DIR [--seed 2013] [--share 0.2]

writes ``DIR/dev.fr``, ``DIR/dev.en``, ``DIR/heldout.fr``, ``DIR/heldout.en``: the held-out part is
``random.Random(seed).sample(range(N), round(N * share))`` (line order kept), the development part is every other
line. The fact checker is tuned on ``dev`` only; ``heldout`` (and FLORES-200 devtest) are only ever measured,
never read while changing the rules. Decided for issue 15 before its tuning started: newstest2013, seed 2013,
share 0.2 → 600 held-out lines, 2400 development lines.
"""

from __future__ import annotations

import random
from pathlib import Path

import typer

SEED = 2013
SHARE = 0.2


def heldout_lines(n: int, seed: int = SEED, share: float = SHARE) -> list[int]:
    """Indices (0-based, ascending) of the held-out lines of an ``n``-line set."""
    return sorted(random.Random(seed).sample(range(n), round(n * share)))


def split(src: list[str], ref: list[str], seed: int = SEED, share: float = SHARE) -> dict[str, tuple[list[str], list[str]]]:
    if len(src) != len(ref):
        raise ValueError(f"source has {len(src)} lines, reference {len(ref)}: they must be line-aligned")
    held = set(heldout_lines(len(src), seed, share))
    parts: dict[str, tuple[list[str], list[str]]] = {"dev": ([], []), "heldout": ([], [])}
    for i, (s, r) in enumerate(zip(src, ref)):
        part = parts["heldout" if i in held else "dev"]
        part[0].append(s)
        part[1].append(r)
    return parts


def main(
    src: Path = typer.Option(..., exists=True, dir_okay=False, help="French source, one segment per line."),
    ref: Path = typer.Option(..., exists=True, dir_okay=False, help="English reference, line-aligned with --src."),
    out: Path = typer.Option(..., file_okay=False, help="Folder for dev.fr, dev.en, heldout.fr, heldout.en."),
    seed: int = typer.Option(SEED),
    share: float = typer.Option(SHARE, min=0.01, max=0.99),
) -> None:
    parts = split(src.read_text(encoding="utf-8").splitlines(), ref.read_text(encoding="utf-8").splitlines(), seed, share)
    out.mkdir(parents=True, exist_ok=True)
    for name, (s, r) in parts.items():
        (out / f"{name}.fr").write_text("\n".join(s) + "\n", encoding="utf-8")
        (out / f"{name}.en").write_text("\n".join(r) + "\n", encoding="utf-8")
        print(f"{name}: {len(s)} lines")


if __name__ == "__main__":
    typer.run(main)
