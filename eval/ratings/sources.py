"""Where blind A/B pairs come from, for the app's Evaluator tab (and anyone else who makes pairs):

* **two eval runs** of the same suite (``python -m eval run`` results folders): ``list_runs`` finds them under
  a folder (the setting ``WIREBRIEF_RESULTS_DIR``), ``pairs_from_runs`` (store.py) pairs N of their segments;
* **one dispatch, two summarizers, run live**: ``live_summary_pair`` translates the dispatch once and summarizes
  it with both summarizers for one preset; the pair's source is the English translation (what a summary must be
  faithful to).

``rating_progress`` says how many pairs exist and how many a rater has rated.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from eval.ratings.store import BlindPair, RatingError, connect, new_blind_pair


@dataclass(frozen=True)
class RunInfo:
    path: Path
    suite: str
    system: str
    task: str
    segments: int

    @property
    def label(self) -> str:
        return f"{self.path.name} — {self.suite}, {self.system}, {self.segments} segments"


def read_run(path: Path) -> RunInfo | None:
    """The run in this folder, or None when it is not a results folder (results.json + segments.jsonl)."""
    results, segments = path / "results.json", path / "segments.jsonl"
    if not (results.is_file() and segments.is_file()):
        return None
    try:
        meta = json.loads(results.read_text(encoding="utf-8"))
        with segments.open(encoding="utf-8") as f:
            count = sum(1 for line in f if line.strip())
    except (OSError, ValueError):
        return None
    return RunInfo(path, str(meta.get("suite", "?")), str(meta.get("system", "?")), str(meta.get("task", "?")), count)


def list_runs(root: str | Path) -> list[RunInfo]:
    """Results folders directly under ``root`` (newest first)."""
    root = Path(root)
    if not root.is_dir():
        return []
    runs = [r for p in root.iterdir() if p.is_dir() and (r := read_run(p)) is not None]
    return sorted(runs, key=lambda r: r.path.stat().st_mtime, reverse=True)


def run_folder(path: str | Path, results_dir: str | Path) -> Path:
    """The results folder ``path`` names, which must lie under ``results_dir`` (WIREBRIEF_RESULTS_DIR): a path
    typed in the app never makes the server look at any other folder. A bare name is taken inside
    ``results_dir``. Raises RatingError, without saying whether an outside folder exists."""
    root = Path(results_dir).resolve()
    given = Path(str(path).strip())
    for candidate in (given, root / given):
        resolved = candidate.resolve()  # follows links: a link out of results_dir is outside too
        if resolved.is_relative_to(root) and resolved != root:
            if resolved.is_dir():
                return resolved
            break
    raise RatingError(
        f"{str(path)!r} is not a results folder under {results_dir} (WIREBRIEF_RESULTS_DIR); choose a run from "
        "the list"
    )


def live_summary_pair(
    runtime,
    text: str,
    preset: str,
    summarizers: tuple[str, str],
    *,
    db_path: str | Path | None = None,
) -> BlindPair:
    """Translate ``text`` and summarize it with two summarizers (e.g. 'model' and 'extractive-lead') for one
    preset; store the two summaries as a blind pair. The translation is computed once (the second request is
    served from the sentence cache)."""
    a, b = summarizers
    if a == b:
        raise RatingError("choose two different summarizers")
    results = [runtime.translate(text, summaries=[preset], summarizer=s) for s in (a, b)]
    outputs = {}
    for name, result in zip((a, b), results):
        summary = result.summaries.get(preset)
        if summary is None or not summary.text.strip():
            raise RatingError(f"the {name} summarizer wrote no {preset} for this dispatch; nothing to compare")
        outputs[f"summary:{name}"] = summary.text
    item = f"dispatch:{results[0].id[:16]}:{preset}"
    return new_blind_pair(item, results[0].translation, outputs, db_path=db_path)


def rating_progress(rater_id: str, *, db_path: str | Path | None = None) -> tuple[int, int]:
    """(pairs stored, pairs this rater has rated)."""
    with connect(db_path) as conn:
        total = conn.execute("SELECT COUNT(*) FROM rating_pairs").fetchone()[0]
        done = conn.execute(
            "SELECT COUNT(DISTINCT pair_id) FROM rating_scores WHERE rater_id = ?", (rater_id.strip(),)
        ).fetchone()[0]
    return total, done
