"""French-original news sentences for the fact checker: one sentence from each of a seeded sample of OrangeSum's
source articles, split by article into a development part and a held-out part.

    python -m eval.facts_orangesum --articles source_documents.txt --out DIR [--seed 2026] [--per-part 300]

writes ``DIR/dev.fr`` and ``DIR/heldout.fr`` (one sentence a line) and ``DIR/dev.ids`` / ``DIR/heldout.ids``
(``article:sentence``, 0-based, so a translation made for these lines can be matched back to its source).

Why: newstest2013 is partly translated from Czech and Russian, FLORES-200 from English Wikinews; the users' copy
is French-original news, which names its places, parties and institutions in its own way ("l'Hexagone", "outre-Rhin",
"les CRS", "le Smic"). OrangeSum's articles (CC BY-SA 4.0, read from where the data lives, never copied into the
project) are French-original news. The articles are shuffled with ``seed``; the first half of them give the
development sentences, the second half the held-out ones, so no article is in both parts. The English side
(``DIR/*.en``) is a translation made for these lines; see eval/facts_orangesum/README.md.
"""

from __future__ import annotations

import random
from pathlib import Path

import typer

from service.text.pysbd_split import pysbd_boundaries

SEED = 2026
PER_PART = 300
MIN_CHARS, MAX_CHARS = 40, 350


def sentences(article: str) -> list[str]:
    bounds = pysbd_boundaries(article, "fr")
    cuts = [0] + [b for b in bounds if b > 0] + [len(article)]
    return [article[a:b].strip() for a, b in zip(cuts, cuts[1:]) if article[a:b].strip()]


def sample(articles: list[str], seed: int = SEED, per_part: int = PER_PART, skip: int = 0,
           exclude: frozenset[str] = frozenset(), choice_seed: int | None = None) -> dict[str, list[tuple[str, str]]]:
    """{"dev": [(id, sentence)], "heldout": [...]}: one sentence of ``MIN_CHARS``–``MAX_CHARS`` characters from
    each of ``per_part`` articles of each half, after the first ``skip`` articles of each half (a second batch of
    development sentences from other articles of the same half: ``--skip 300``). ``exclude``: ids not to pick again
    and ``choice_seed``: a seed of its own for the choice of sentence; with both, a further batch takes another
    sentence of the same articles (the split into halves, made with ``seed``, does not move)."""
    rng = random.Random(seed)
    order = list(range(len(articles)))
    rng.shuffle(order)
    choose = rng if choice_seed is None else random.Random(choice_seed)
    half = len(order) // 2
    parts: dict[str, list[tuple[str, str]]] = {}
    for name, pool in (("dev", order[:half][skip:]), ("heldout", order[half:][skip:])):
        picked: list[tuple[str, str]] = []
        for a in pool:
            if len(picked) == per_part:
                break
            options = [(i, s) for i, s in enumerate(sentences(articles[a]))
                       if MIN_CHARS <= len(s) <= MAX_CHARS and f"{a}:{i}" not in exclude]
            if options:
                i, s = choose.choice(options)
                picked.append((f"{a}:{i}", s))
        parts[name] = picked
    return parts


def main(
    articles: Path = typer.Option(..., exists=True, dir_okay=False, help="OrangeSum source_documents.txt"),
    out: Path = typer.Option(..., file_okay=False),
    seed: int = typer.Option(SEED),
    per_part: int = typer.Option(PER_PART, min=1),
    skip: int = typer.Option(0, min=0, help="Articles of each half to pass over (a further batch)."),
    part: str = typer.Option("both", help="dev, heldout or both: which part to write."),
    exclude: list[Path] = typer.Option([], exists=True, dir_okay=False,
                                       help="*.ids files whose sentences are not picked again (repeatable)."),
    choice_seed: int | None = typer.Option(None, help="A seed of its own for the choice of sentence in an article."),
) -> None:
    taken = frozenset(i for f in exclude for i in f.read_text(encoding="utf-8").split())
    parts = sample(articles.read_text(encoding="utf-8").splitlines(), seed, per_part, skip, taken, choice_seed)
    out.mkdir(parents=True, exist_ok=True)
    for name, rows in parts.items():
        if part not in ("both", name):
            continue
        (out / f"{name}.fr").write_text("".join(s.replace("\n", " ") + "\n" for _, s in rows), encoding="utf-8")
        (out / f"{name}.ids").write_text("".join(i + "\n" for i, _ in rows), encoding="utf-8")
        print(f"{name}: {len(rows)} sentences")


if __name__ == "__main__":
    typer.run(main)
