"""Batch documents in History: every finished document of a job becomes a stored Result (``ResultStore``), so
it can be reopened side by side from the History view whether the job came from the app, the REST API or the
CLI. A table row's own id (``outputs.with_source``) goes with it."""

from __future__ import annotations

from service.result import Result

from .jobs import JobStore
from .outputs import with_source


def record_in_history(jobs: JobStore, job_id: str, results) -> int:
    """Store each done document's Result in ``results`` (a ``ResultStore``) unless it is already there with the
    same source; returns how many were written."""
    written = 0
    for row in jobs.documents(job_id):
        if row.status != "done" or not row.result:
            continue
        result = with_source(Result.model_validate_json(row.result), row.name, row.source_id)
        stored = results.get(result.id)
        if stored is not None and (not row.source_id or stored.extra.get("source") == result.extra.get("source")):
            continue
        if stored is not None:  # keep what the store added since (briefs, edits), add the row's id
            result = with_source(stored, row.name, row.source_id)
        results.put(result)
        written += 1
    return written
