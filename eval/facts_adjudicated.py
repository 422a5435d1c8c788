"""How many of the fact checker's flags on a human reference are real differences between source and reference, and
how many are the checker's mistakes, from a reviewer's adjudication of each flag.

    python -m eval.facts_adjudicated --src heldout.fr --ref heldout.en --adjudication eval/facts_adjudication/heldout.tsv

The false-alarm rate of ``eval.facts_inject`` counts every line flagged against the untouched reference as a false
alarm. But human references do drop, add and change facts ("17 millions" → "17 billion", a city the source does not
name): a flag there is the checker doing its job. An adjudication file (TSV: ``line, type, issue_source, class,
reason``; class ``divergent`` | ``false-alarm`` | ``unclear``) records a reviewer's reading of each flagged issue. A
line is *divergent* when one of its issues is, a *false alarm* when all are; an issue the file does not list (the
checker changed since) makes its line *not adjudicated*, reported apart, never guessed.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import typer


def read_adjudication(path: Path) -> dict[tuple[int, str, str], str]:
    """(line, type, issue source) → class."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return {(int(r["line"]), r["type"], _spaces(r["issue_source"])): r["class"] for r in rows}


def _spaces(text: str) -> str:
    return " ".join(text.split())  # "10\u00a0€" and "10 €" are one issue


def line_class(line: int, issues: list[dict], judged: dict[tuple[int, str, str], str]) -> str:
    classes = [judged.get((line, i["type"], _spaces(i["source"]))) for i in issues]
    if None in classes:
        return "not adjudicated"
    if "divergent" in classes:
        return "divergent"
    return "false-alarm" if all(c == "false-alarm" for c in classes) else "unclear"


def adjudicate(src: list[str], ref: list[str], judged: dict[tuple[int, str, str], str]) -> dict:
    from service.facts import check_translation

    counts: Counter[str] = Counter()
    unjudged: list[int] = []
    for n, (s, r) in enumerate(zip(src, ref), start=1):
        issues = [i.brief() for i in check_translation(s, r)]
        if not issues:
            continue
        cls = line_class(n, issues, judged)
        counts[cls] += 1
        if cls == "not adjudicated":
            unjudged.append(n)
    total = len(src)
    return {"lines": total, "flagged": sum(counts.values()), "by_class": dict(counts), "not_adjudicated": unjudged,
            "rates": {k: v / total for k, v in counts.items()} if total else {}}


def main(
    src: Path = typer.Option(..., exists=True, dir_okay=False, help="French source, one segment per line."),
    ref: Path = typer.Option(..., exists=True, dir_okay=False, help="English reference, line-aligned with --src."),
    adjudication: Path = typer.Option(..., exists=True, dir_okay=False, help="The reviewer's TSV for this set."),
) -> None:
    from eval.facts_inject import checker_signature

    s, r = src.read_text(encoding="utf-8").splitlines(), ref.read_text(encoding="utf-8").splitlines()
    if len(s) != len(r):
        raise typer.BadParameter(f"--src has {len(s)} lines, --ref {len(r)}: they must be line-aligned")
    res = adjudicate(s, r, read_adjudication(adjudication))
    print(f"lines: {res['lines']}   flagged: {res['flagged']}   checker: {checker_signature()}")
    for cls in ("divergent", "false-alarm", "unclear", "not adjudicated"):
        n = res["by_class"].get(cls, 0)
        print(f"{cls:<16}{n:>6}{n / res['lines']:>9.2%}")
    if res["not_adjudicated"]:
        print("not adjudicated (lines): " + ", ".join(map(str, res["not_adjudicated"])))


if __name__ == "__main__":
    typer.run(main)
