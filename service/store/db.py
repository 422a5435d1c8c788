"""One SQLite file, one connection per thread, WAL mode.

SQLite connections must not be shared across threads without care; the app serves requests from a thread pool
and runs the pipeline in worker threads, so each thread gets its own connection (``threading.local``). WAL lets
readers proceed while one writer commits; ``busy_timeout`` makes a second writer wait instead of failing.
"""

from __future__ import annotations

import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

BUSY_TIMEOUT_MS = 10_000


class Database:
    def __init__(self, path: str | Path):
        self.path = Path(path).expanduser()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._all_lock = threading.Lock()
        # Switch the file to WAL once; the mode is persistent in the file.
        self.connection().execute("PRAGMA journal_mode=WAL")

    def connection(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA foreign_keys=ON")
            self._local.conn = conn
            with self._all_lock:
                self._all.append(conn)
        return conn

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction taken with BEGIN IMMEDIATE, so concurrent writers queue on the busy timeout."""
        conn = self.connection()
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.rollback()
            raise
        else:
            conn.commit()

    def executescript(self, script: str) -> None:
        self.connection().executescript(script)

    def journal_mode(self) -> str:
        return self.connection().execute("PRAGMA journal_mode").fetchone()[0]

    def close(self) -> None:
        with self._all_lock:
            for conn in self._all:
                try:
                    conn.close()
                except sqlite3.ProgrammingError:  # closed from its own thread already
                    pass
            self._all.clear()
        self._local = threading.local()
