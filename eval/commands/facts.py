"""`python -m eval facts --src FILE --hyp FILE [--jsonl]`: the fact checker over line-aligned files.

Prints, per fact type, the share of segments with at least one issue of that type (and of any type). With
``--jsonl`` it writes one JSON line per segment instead, ``{"line": N, "issues": [{"type", "source", "detail"}]}``
(lines counted from 1), and the rates go to stderr.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import typer

from eval.cli import app


@app.command("facts")
def facts(
    src: Path = typer.Option(..., exists=True, dir_okay=False, help="French source, one segment per line."),
    hyp: Path = typer.Option(..., exists=True, dir_okay=False, help="English translation, line-aligned with --src."),
    jsonl: bool = typer.Option(False, "--jsonl", help="One JSON line per segment with its issues."),
    glossary: Path | None = typer.Option(None, exists=True, dir_okay=False, help="Also enforce this glossary (YAML)."),
    target_names: bool = typer.Option(False, help="Also flag names in --hyp that the source does not support."),
    limit: int = typer.Option(0, help="Only the first N segments (0 = all)."),
) -> None:
    """Check numbers, dates, money, names and quotations of each translated segment against its source."""
    from service.facts import FACT_TYPES, Glossary, check_translation

    s_lines = src.read_text(encoding="utf-8").splitlines()
    h_lines = hyp.read_text(encoding="utf-8").splitlines()
    if len(s_lines) != len(h_lines):
        raise typer.BadParameter(f"--src has {len(s_lines)} lines, --hyp {len(h_lines)}: they must be line-aligned")
    if limit:
        s_lines, h_lines = s_lines[:limit], h_lines[:limit]
    gl = Glossary.load(glossary) if glossary else None
    by_type: Counter[str] = Counter()
    issues_by_type: Counter[str] = Counter()
    flagged = 0
    for n, (s, h) in enumerate(zip(s_lines, h_lines), start=1):
        issues = check_translation(s, h, glossary=gl, target_names=target_names)
        if jsonl:
            sys.stdout.write(json.dumps({"line": n, "issues": [i.brief() for i in issues]}, ensure_ascii=False) + "\n")
        if issues:
            flagged += 1
        for t in {i.type for i in issues}:
            by_type[t] += 1
        for i in issues:
            issues_by_type[i.type] += 1
    total = len(s_lines) or 1
    out = sys.stderr if jsonl else sys.stdout
    from eval.facts_inject import checker_signature

    print(f"segments: {len(s_lines)}   checker: {checker_signature()}", file=out)
    print(f"{'type':<8}{'segments flagged':>18}{'rate':>9}{'issues':>9}", file=out)
    for t in FACT_TYPES:
        print(f"{t:<8}{by_type[t]:>18}{by_type[t] / total:>9.2%}{issues_by_type[t]:>9}", file=out)
    print(f"{'any':<8}{flagged:>18}{flagged / total:>9.2%}{sum(issues_by_type.values()):>9}", file=out)
