"""The SQLite job store for batch jobs (tables ``batch_jobs`` and ``batch_documents`` in settings.db_path).

Resume semantics, which every engine relies on:

- A job is its documents (ids = content hashes, in input order) + options + model versions (``config_key``).
  Creating the same job again returns the existing one, so re-running a command resumes it.
- A document is done once its Result is recorded; recording is one transaction, so a process killed at any
  moment loses at most the documents it had in flight. A done document is never run again: not in this job,
  not in a duplicate row of this job, not in any later job with the same ``config_key`` (its Result is reused).
- Workers *claim* documents before running them (``attempts`` counts claims: how many times work started).
  A claim by a live process on this host, or one younger than the lease, is respected by other processes, so
  two processes on one job do not run the same document; claims of dead processes are taken over at once.

WAL mode + a busy timeout + ``BEGIN IMMEDIATE`` for every write make it safe with several processes.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Iterator

from .inputs import Document, Item
from .job_records import INSERT_CHUNK, SCHEMA, DocumentRow, JobInfo, PendingDocument, _claimer_alive, config_key

class JobStore:
    def __init__(self, path: str | os.PathLike, *, lease_seconds: float = 900.0):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.lease_seconds = lease_seconds
        self._lock = threading.RLock()
        self._conn = sqlite3.connect(self.path, timeout=60.0, isolation_level=None, check_same_thread=False)
        self._conn.row_factory = sqlite3.Row
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: a killed process loses nothing committed
        self._conn.execute("PRAGMA busy_timeout=60000")
        self._conn.execute("PRAGMA foreign_keys=ON")
        with self._write() as conn:
            for statement in SCHEMA.split(";"):
                if statement.strip():
                    conn.execute(statement)
            columns = {row["name"] for row in conn.execute("PRAGMA table_info(batch_documents)")}
            if "source_id" not in columns:  # a store written before rows kept their own id
                conn.execute("ALTER TABLE batch_documents ADD COLUMN source_id TEXT")

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            else:
                self._conn.execute("COMMIT")

    # -------------------------------------------------------------------------------------------- jobs
    def create_job(
        self,
        items: Iterable[Item],
        *,
        options: dict[str, Any],
        config: dict[str, Any],
        label: str = "",
    ) -> tuple[str, bool]:
        """Store a job's documents; returns (job id, created). The same documents with the same options and
        config as an existing job give that job back (created=False), so a re-run resumes it. Documents done
        before under the same config are marked done with their earlier Result (no work)."""
        key = config_key(config, options)
        job_id = uuid.uuid4().hex
        now = time.time()
        with self._write() as conn:
            conn.execute(
                "INSERT INTO batch_jobs (id, config_key, state, label, options, config, created_at, updated_at)"
                " VALUES (?, ?, 'creating', ?, ?, ?, ?, ?)",
                (job_id, key, label, json.dumps(options, sort_keys=True), json.dumps(config, sort_keys=True), now, now),
            )
        digest = hashlib.sha256(key.encode())
        position = 0
        chunk: list[tuple] = []
        try:
            for item in items:
                if isinstance(item, Document):
                    chunk.append((job_id, position, item.id, item.name, item.text, "pending", None, item.source_id or None))
                    digest.update((f"\nD{item.id}" + (f"\t{item.source_id}" if item.source_id else "")).encode())
                else:
                    reason = f"{item.reason}"
                    chunk.append((job_id, position, None, item.name, None, "invalid", reason, None))
                    digest.update(f"\nP{item.name}\t{reason}".encode())
                position += 1
                if len(chunk) >= INSERT_CHUNK:
                    self._insert(chunk)
                    chunk = []
            self._insert(chunk)
        except BaseException:
            with self._write() as conn:
                conn.execute("DELETE FROM batch_documents WHERE job_id = ?", (job_id,))
                conn.execute("DELETE FROM batch_jobs WHERE id = ?", (job_id,))
            raise
        job_key = digest.hexdigest()[:32]
        with self._write() as conn:
            existing = conn.execute(
                "SELECT id FROM batch_jobs WHERE job_key = ? AND state = 'ready' ORDER BY created_at LIMIT 1",
                (job_key,),
            ).fetchone()
            if existing:
                conn.execute("DELETE FROM batch_documents WHERE job_id = ?", (job_id,))
                conn.execute("DELETE FROM batch_jobs WHERE id = ?", (job_id,))
                job_id, created = existing["id"], False
            else:
                conn.execute(
                    "UPDATE batch_jobs SET job_key = ?, state = 'ready', total = ?, updated_at = ? WHERE id = ?",
                    (job_key, position, time.time(), job_id),
                )
                created = True
        self.reuse_done(job_id)
        return job_id, created

    def _insert(self, rows: list[tuple]) -> None:
        if not rows:
            return
        with self._write() as conn:
            conn.executemany(
                "INSERT INTO batch_documents (job_id, position, doc_id, name, text, status, error, source_id)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )

    def reuse_done(self, job_id: str) -> int:
        """Mark pending documents done when the same text was done before under the same config; returns how many."""
        now = time.time()
        with self._write() as conn:
            cur = conn.execute(
                """
                UPDATE batch_documents AS d
                SET status = 'done', reused = 1, finished_at = ?,
                    result = (SELECT p.result FROM batch_documents p JOIN batch_jobs j ON j.id = p.job_id
                              WHERE p.doc_id = d.doc_id AND p.status = 'done' AND j.config_key = k.config_key
                              LIMIT 1)
                FROM (SELECT config_key FROM batch_jobs WHERE id = ?) AS k
                WHERE d.job_id = ? AND d.status = 'pending' AND EXISTS (
                    SELECT 1 FROM batch_documents p JOIN batch_jobs j ON j.id = p.job_id
                    WHERE p.doc_id = d.doc_id AND p.status = 'done' AND j.config_key = k.config_key)
                """,
                (now, job_id, job_id),
            )
            changed = cur.rowcount
            self._touch(conn, job_id)
        return changed

    def job(self, job_id: str) -> JobInfo:
        with self._lock:
            row = self._conn.execute("SELECT * FROM batch_jobs WHERE id = ?", (job_id,)).fetchone()
            if row is None:
                raise KeyError(f"no batch job {job_id!r} in {self.path}")
            return self._info(row)

    def jobs(self, limit: int = 100) -> list[JobInfo]:
        """Most recent first."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT * FROM batch_jobs WHERE state = 'ready' ORDER BY created_at DESC LIMIT ?", (limit,)
            ).fetchall()
            return [self._info(row) for row in rows]

    def _info(self, row: sqlite3.Row) -> JobInfo:
        counts = dict(
            self._conn.execute(
                "SELECT status, COUNT(*) FROM batch_documents WHERE job_id = ? GROUP BY status", (row["id"],)
            ).fetchall()
        )
        return JobInfo(
            id=row["id"],
            label=row["label"],
            options=json.loads(row["options"]),
            config=json.loads(row["config"]),
            config_key=row["config_key"],
            total=row["total"],
            done=counts.get("done", 0),
            errors=counts.get("error", 0) + counts.get("invalid", 0),
            pending=counts.get("pending", 0),
            created_at=row["created_at"],
            finished_at=row["finished_at"],
        )

    # -------------------------------------------------------------------------------------------- work
    def pending(
        self, job_id: str, *, limit: int | None = None, after: int = -1, claimer: str | None = None
    ) -> list[PendingDocument]:
        """Pending documents in input order (from position ``after`` + 1), skipping those claimed by a live
        worker within the lease, and all but the first row of a text that occurs several times."""
        stale_before = time.time() - self.lease_seconds
        with self._lock:
            rows = self._conn.execute(
                """
                SELECT position, doc_id, name, text, claimed_by, claimed_at FROM batch_documents d
                WHERE job_id = ? AND status = 'pending' AND position > ?
                  AND position = (SELECT MIN(position) FROM batch_documents e
                                  WHERE e.job_id = d.job_id AND e.doc_id = d.doc_id AND e.status = 'pending')
                ORDER BY position
                """
                + (" LIMIT ?" if limit else ""),
                (job_id, after, limit) if limit else (job_id, after),
            ).fetchall()
        out = []
        alive: dict[str, bool] = {}
        for row in rows:
            holder = row["claimed_by"]
            if holder and holder != claimer and row["claimed_at"] >= stale_before:
                if holder not in alive:
                    alive[holder] = _claimer_alive(holder)
                if alive[holder]:
                    continue
            out.append(PendingDocument(job_id, row["position"], row["doc_id"], row["name"], row["text"]))
        return out

    def claim(self, job_id: str, positions: Iterable[int], claimer: str) -> list[int]:
        """Take documents for work (counts an attempt each); returns the positions actually claimed (still
        pending, not held by a live claimer within the lease)."""
        positions = list(positions)
        if not positions:
            return []
        now = time.time()
        stale_before = now - self.lease_seconds
        claimed = []
        with self._write() as conn:
            for position in positions:
                row = conn.execute(
                    "SELECT status, claimed_by, claimed_at FROM batch_documents WHERE job_id = ? AND position = ?",
                    (job_id, position),
                ).fetchone()
                if row is None or row["status"] != "pending":
                    continue
                holder = row["claimed_by"]
                if holder and holder != claimer and row["claimed_at"] >= stale_before and _claimer_alive(holder):
                    continue
                conn.execute(
                    "UPDATE batch_documents SET claimed_by = ?, claimed_at = ?, attempts = attempts + 1"
                    " WHERE job_id = ? AND position = ?",
                    (claimer, now, job_id, position),
                )
                claimed.append(position)
        return claimed

    def release(self, job_id: str, positions: Iterable[int], claimer: str) -> None:
        """Give back claims that were not worked on (e.g. the engine stopped)."""
        with self._write() as conn:
            conn.executemany(
                "UPDATE batch_documents SET claimed_by = NULL, claimed_at = NULL"
                " WHERE job_id = ? AND position = ? AND claimed_by = ? AND status = 'pending'",
                [(job_id, p, claimer) for p in positions],
            )

    def record_result(self, job_id: str, position: int, result: Any) -> bool:
        """Store a document's Result (a Result or its JSON) in one transaction; rows of the same text in this
        job are done with it. Returns False when the document was already done (nothing is written twice)."""
        payload = result if isinstance(result, str) else result.model_dump_json()
        return self._finish(job_id, position, "done", payload, None)

    def record_error(self, job_id: str, position: int, reason: str) -> bool:
        return self._finish(job_id, position, "error", None, reason)

    def _finish(self, job_id: str, position: int, status: str, result: str | None, error: str | None) -> bool:
        now = time.time()
        with self._write() as conn:
            row = conn.execute(
                "SELECT doc_id, status FROM batch_documents WHERE job_id = ? AND position = ?", (job_id, position)
            ).fetchone()
            if row is None:
                raise KeyError(f"job {job_id} has no document at position {position}")
            if row["status"] != "pending":
                return False
            conn.execute(
                "UPDATE batch_documents SET status = ?, result = ?, error = ?, finished_at = ?, claimed_by = NULL"
                " WHERE job_id = ? AND doc_id = ? AND status = 'pending'",
                (status, result, error, now, job_id, row["doc_id"]),
            )
            conn.execute(
                "UPDATE batch_documents SET reused = 1 WHERE job_id = ? AND doc_id = ? AND position != ?"
                " AND finished_at = ?",
                (job_id, row["doc_id"], position, now),
            )
            self._touch(conn, job_id)
        return True

    def _touch(self, conn: sqlite3.Connection, job_id: str) -> None:
        now = time.time()
        left = conn.execute(
            "SELECT COUNT(*) FROM batch_documents WHERE job_id = ? AND status = 'pending'", (job_id,)
        ).fetchone()[0]
        conn.execute(
            "UPDATE batch_jobs SET updated_at = ?, finished_at = CASE WHEN ? = 0 THEN COALESCE(finished_at, ?) END"
            " WHERE id = ?",
            (now, left, now, job_id),
        )

    # -------------------------------------------------------------------------------------------- reading
    def documents(self, job_id: str, *, page: int = 500) -> Iterator[DocumentRow]:
        """Every document row in input order, fetched page by page (memory stays flat on big jobs)."""
        after = -1
        while True:
            with self._lock:
                rows = self._conn.execute(
                    "SELECT position, doc_id, name, status, result, error, reused, attempts, source_id FROM batch_documents"
                    " WHERE job_id = ? AND position > ? ORDER BY position LIMIT ?",
                    (job_id, after, page),
                ).fetchall()
            if not rows:
                return
            for row in rows:
                yield DocumentRow(
                    row["position"], row["doc_id"], row["name"], row["status"], row["result"], row["error"],
                    bool(row["reused"]), row["attempts"], row["source_id"] or "",
                )
            after = rows[-1]["position"]

    def attempts(self, job_id: str) -> dict[int, int]:
        """position → how many times work on it started: what tests use to prove nothing ran twice."""
        with self._lock:
            return dict(
                self._conn.execute(
                    "SELECT position, attempts FROM batch_documents WHERE job_id = ?", (job_id,)
                ).fetchall()
            )
