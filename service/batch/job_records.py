"""The rows of the batch job store: its SQL schema, the shapes the store hands out (a job, a pending document, a
document row), the key of a job's configuration, and who holds a claim (host + pid + nonce, alive or not)."""

from __future__ import annotations

import hashlib
import json
import os
import socket
import uuid
from dataclasses import dataclass
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS batch_jobs (
    id TEXT PRIMARY KEY,
    job_key TEXT,
    config_key TEXT NOT NULL,
    state TEXT NOT NULL,                -- 'creating' while documents are added, then 'ready'
    label TEXT NOT NULL DEFAULT '',
    options TEXT NOT NULL,              -- JSON: summaries, summarizer, source_language
    config TEXT NOT NULL,               -- JSON: model versions + decoding that shape the Results
    total INTEGER NOT NULL DEFAULT 0,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL,
    finished_at REAL
);
CREATE INDEX IF NOT EXISTS batch_jobs_key ON batch_jobs (job_key);
CREATE TABLE IF NOT EXISTS batch_documents (
    job_id TEXT NOT NULL REFERENCES batch_jobs (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    doc_id TEXT,                        -- content hash, NULL for an input problem
    name TEXT NOT NULL,
    text TEXT,
    status TEXT NOT NULL,               -- 'pending', 'done', 'error', 'invalid' (input problem)
    result TEXT,                        -- the Result JSON
    error TEXT,
    reused INTEGER NOT NULL DEFAULT 0,  -- 1 when the Result came from an earlier identical document
    attempts INTEGER NOT NULL DEFAULT 0,
    claimed_by TEXT,
    claimed_at REAL,
    finished_at REAL,
    source_id TEXT,                     -- the row's own id (its table's id column), NULL when it has none
    PRIMARY KEY (job_id, position)
);
CREATE INDEX IF NOT EXISTS batch_documents_doc ON batch_documents (doc_id, status);
CREATE INDEX IF NOT EXISTS batch_documents_status ON batch_documents (job_id, status);
"""

INSERT_CHUNK = 500


@dataclass(frozen=True)
class JobInfo:
    id: str
    label: str
    options: dict[str, Any]
    config: dict[str, Any]
    config_key: str
    total: int
    done: int
    errors: int
    pending: int
    created_at: float
    finished_at: float | None

    @property
    def status(self) -> str:
        return "done" if self.pending == 0 else ("unfinished" if self.done or self.errors else "pending")


@dataclass(frozen=True)
class PendingDocument:
    job_id: str
    position: int
    doc_id: str
    name: str
    text: str


@dataclass(frozen=True)
class DocumentRow:
    position: int
    doc_id: str | None
    name: str
    status: str
    result: str | None
    error: str | None
    reused: bool
    attempts: int
    source_id: str = ""


def config_key(config: dict[str, Any], options: dict[str, Any]) -> str:
    payload = json.dumps({"config": config, "options": options}, sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


def new_claimer() -> str:
    """Who is working: host + pid + a nonce (a pid can be reused after a crash)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def _claimer_alive(claimer: str) -> bool:
    host, _, rest = claimer.partition(":")
    pid_text = rest.partition(":")[0]
    if host != socket.gethostname() or not pid_text.isdigit():
        return True  # another host: only the lease can tell
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
