"""Results history and cache: every Result the app or API produced, by id, with the request key that asked for it.

Two keys, on purpose:

- ``id`` is ``Result.id`` (content hash of the normalized text + the models that ran + the options).
- ``request_key`` is ``Pipeline.cache_key(...)`` computed *before* running, from the request alone. A later
  identical request (same text, models, options) finds its Result by this key without running anything.

The stored Result keeps the ``models`` list of the run that produced it (ids + revisions), so a cache hit is
stamped with the exact model versions that made it. ``update_extra`` merges into ``Result.extra``: the hook
later stages (editors' briefs, ratings) use to attach their output to a stored Result.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from service.result import SCHEMA_VERSION, Result
from service.store.db import Database

SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    id TEXT PRIMARY KEY,
    request_key TEXT,
    schema_version INTEGER NOT NULL,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL,
    language TEXT NOT NULL,
    first_line TEXT NOT NULL,
    headline TEXT NOT NULL,
    warnings INTEGER NOT NULL,
    result TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS results_request_key ON results (request_key);
CREATE INDEX IF NOT EXISTS results_created ON results (created_at);
"""

FIRST_LINE_CHARS = 120


@dataclass(frozen=True)
class StoredResult:
    """One row of the history list: enough to choose a Result without loading it."""

    id: str
    created_at: float
    updated_at: float
    language: str
    first_line: str
    headline: str
    warnings: int


def first_line(result: Result) -> str:
    """The source's first line, after the batch row's own id in brackets when it has one (``extra.source``)."""
    source = result.extra.get("source")
    prefix = f"[{source['id']}] " if isinstance(source, dict) and source.get("id") else ""
    for paragraph in result.paragraphs:
        text = paragraph.source.strip()
        if text:
            line = prefix + text.splitlines()[0]
            return line if len(line) <= FIRST_LINE_CHARS else line[: FIRST_LINE_CHARS - 1] + "…"
    return prefix.strip()


def warning_count(result: Result) -> int:
    return sum(1 for w in result.warnings if w.severity != "info")


class ResultStore:
    def __init__(self, db: Database):
        self.db = db
        db.executescript(SCHEMA)

    # ------------------------------------------------------------------ write
    def put(self, result: Result, request_key: str | None = None) -> None:
        """Store (or replace) a Result. ``request_key`` is the cache key of the request that produced it; when
        None, a replaced row keeps the key it had (an edited Result still answers its original request)."""
        if not result.id:
            raise ValueError("a Result without an id cannot be stored")
        now = time.time()
        headline = result.summaries.get("headline")
        with self.db.write() as conn:
            row = conn.execute("SELECT created_at, request_key FROM results WHERE id = ?", (result.id,)).fetchone()
            created = row["created_at"] if row else now
            if request_key is None and row is not None:
                request_key = row["request_key"]
            conn.execute(
                "INSERT OR REPLACE INTO results (id, request_key, schema_version, created_at, updated_at, language,"
                " first_line, headline, warnings, result) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    result.id,
                    request_key,
                    result.schema_version,
                    created,
                    now,
                    result.language.code,
                    first_line(result),
                    headline.text if headline else "",
                    warning_count(result),
                    result.model_dump_json(),
                ),
            )

    def update_extra(self, result_id: str, patch: dict[str, Any]) -> Result:
        """Merge ``patch`` into the stored Result's ``extra`` (top-level keys replaced) and return the Result.
        Raises KeyError when no Result has this id."""
        with self.db.write() as conn:
            row = conn.execute("SELECT result FROM results WHERE id = ?", (result_id,)).fetchone()
            if row is None:
                raise KeyError(result_id)
            data = json.loads(row["result"])
            data.setdefault("extra", {}).update(patch)
            result = Result.model_validate(data)
            conn.execute(
                "UPDATE results SET result = ?, updated_at = ? WHERE id = ?",
                (result.model_dump_json(), time.time(), result_id),
            )
        return result

    # ------------------------------------------------------------------ read
    def get(self, result_id: str) -> Result | None:
        row = self.db.connection().execute("SELECT result FROM results WHERE id = ?", (result_id,)).fetchone()
        return _load(row["result"]) if row else None

    def lookup(self, request_key: str) -> Result | None:
        """The newest stored Result of an identical earlier request, or None. Rows written under an older Result
        schema are ignored (they would be re-run, not served half-understood)."""
        row = (
            self.db.connection()
            .execute(
                "SELECT result FROM results WHERE request_key = ? AND schema_version = ? ORDER BY updated_at DESC LIMIT 1",
                (request_key, SCHEMA_VERSION),
            )
            .fetchone()
        )
        return _load(row["result"]) if row else None

    def recent(self, limit: int = 50, offset: int = 0) -> list[StoredResult]:
        rows = (
            self.db.connection()
            .execute(
                "SELECT id, created_at, updated_at, language, first_line, headline, warnings FROM results"
                " ORDER BY created_at DESC, id LIMIT ? OFFSET ?",
                (limit, offset),
            )
            .fetchall()
        )
        return [StoredResult(**dict(row)) for row in rows]

    def count(self) -> int:
        return self.db.connection().execute("SELECT COUNT(*) FROM results").fetchone()[0]


def _load(payload: str) -> Result | None:
    try:
        return Result.model_validate_json(payload)
    except ValidationError:
        return None
