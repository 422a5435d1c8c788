"""A finished (or partly finished) job as files in an output folder, always rewritten whole from the store:

- ``results.jsonl``: one Result per line, in input order (documents that failed are not in it);
- ``markdown/NNNNN-<name>.md``: each Result rendered by ``service.render.to_markdown``;
- ``errors.jsonl``: one line per document that gave no Result: ``{"document", "name", "reason"}``;
- ``summary.csv``: one row per input (position, id, name, document id, status, language, headline, warnings);
  text cells that a spreadsheet would run as a formula start with an apostrophe (``csv_cell``).

A table row's own id (``source_id``, from its id column) is in every one of them: the ``id`` column of
summary.csv, ``extra.source`` of its Result, ``"id"`` in errors.jsonl (only when it has one), and the Markdown file name (in place of
the row's position-based name).
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from service.render import to_markdown
from service.result import Result

from .jobs import JobStore


@dataclass(frozen=True)
class OutputFiles:
    folder: Path
    results: Path
    errors: Path
    summary: Path
    markdown: Path
    written: int
    failed: int


def slug(name: str, limit: int = 60) -> str:
    base = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(name).name)
    base = re.sub(r"-{2,}", "-", base).strip("-.") or "document"
    return base[:limit]


# A spreadsheet treats a cell starting with one of these as a formula (or a DDE command): "=HYPERLINK(…)" from a
# file name or a model's headline would run when an editor opens summary.csv.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A summary.csv cell that a spreadsheet shows as text: a string starting like a formula gets a leading
    apostrophe (the OWASP CSV-injection advice); numbers are left as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _SafeWriter:
    """``csv.writer`` whose every row goes through ``csv_cell``."""

    def __init__(self, fh):
        self._writer = csv.writer(fh)

    def writerow(self, row) -> None:
        self._writer.writerow([csv_cell(cell) for cell in row])


def with_source(result: Result, name: str, source_id: str) -> Result:
    """The Result as a batch output gives it: tagged with the table row's own id (``extra.source``) when it has
    one, so the id travels with the Result into results.jsonl and History."""
    if not source_id:
        return result
    return result.model_copy(update={"extra": {**result.extra, "source": {"id": source_id, "name": name}}})


def write_outputs(store: JobStore, job_id: str, out_dir: str | Path) -> OutputFiles:
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    markdown = folder / "markdown"
    if markdown.exists():
        shutil.rmtree(markdown)
    markdown.mkdir()
    results_path, errors_path, summary_path = folder / "results.jsonl", folder / "errors.jsonl", folder / "summary.csv"
    written = failed = 0
    with (
        open(results_path, "w", encoding="utf-8") as results,
        open(errors_path, "w", encoding="utf-8") as errors,
        open(summary_path, "w", encoding="utf-8", newline="") as summary_fh,
    ):
        summary = _SafeWriter(summary_fh)
        summary.writerow(["position", "id", "name", "document", "status", "language", "headline", "warnings", "reason"])
        for row in store.documents(job_id):
            if row.status == "done" and row.result:
                result = with_source(Result.model_validate_json(row.result), row.name, row.source_id)
                payload = json.loads(row.result)
                if row.source_id:
                    payload.setdefault("extra", {})["source"] = result.extra["source"]
                results.write(json.dumps(payload, ensure_ascii=False) + "\n")
                (markdown / f"{row.position:05d}-{slug(row.source_id or row.name)}.md").write_text(
                    to_markdown(result), encoding="utf-8"
                )
                headline = result.summaries.get("headline")
                warnings = sum(1 for w in result.warnings if w.severity != "info")
                summary.writerow(
                    [row.position, row.source_id, row.name, row.doc_id, "done", result.language.code, headline.text if headline else "", warnings, ""]
                )
                written += 1
            elif row.status in ("error", "invalid"):
                errors.write(
                    json.dumps(
                        {"document": row.doc_id, **({"id": row.source_id} if row.source_id else {}), "name": row.name,
                         "reason": row.error},
                        ensure_ascii=False,
                    )
                    + "\n"
                )
                summary.writerow([row.position, row.source_id, row.name, row.doc_id or "", row.status, "", "", "", row.error])
                failed += 1
            else:
                summary.writerow([row.position, row.source_id, row.name, row.doc_id, "pending", "", "", "", ""])
    return OutputFiles(folder, results_path, errors_path, summary_path, markdown, written, failed)
