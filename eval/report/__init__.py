"""Reports of a run folder: Markdown summary and a self-contained HTML page with plots."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from eval.io import read_jsonl
from eval.metrics import HIGHER_IS_BETTER


def worst_segments(segments: list[dict[str, Any]], primary: str, n: int) -> list[dict[str, Any]]:
    scored = [s for s in segments if primary in s.get("scores", {})]
    higher = HIGHER_IS_BETTER.get(primary, True)
    return sorted(scored, key=lambda s: (s["scores"][primary] if higher else -s["scores"][primary], s["index"]))[:n]


def write_reports(out_dir: Path, results: dict[str, Any], *, worst: int = 10, plots: bool = True) -> None:
    from eval.report.html import render_html
    from eval.report.markdown import render_markdown

    segments = read_jsonl(out_dir / "segments.jsonl")
    worst_rows = worst_segments(segments, results["primary"], worst)
    (out_dir / "summary.md").write_text(render_markdown(results, worst_rows), encoding="utf-8")
    (out_dir / "report.html").write_text(render_html(results, segments, worst_rows, plots=plots), encoding="utf-8")
