"""One SQLite file, one connection per thread, WAL mode.

SQLite connections must not be shared across threads without care; the app serves requests from a thread pool
and runs the pipeline in worker threads, so each thread gets its own connection (``threading.local``). WAL lets
readers proceed while one writer commits; ``busy_timeout`` makes a second writer wait instead of failing.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

BUSY_TIMEOUT_MS = 10_000


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        return None
    return stat.st_dev, stat.st_ino


class Database:
    def __init__(self, path: str | Path):
        self.path = Path(path).expanduser()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._all_lock = threading.Lock()
        # Switch the file to WAL once; the mode is persistent in the file.
        self.connection().execute("PRAGMA journal_mode=WAL")
        self._identity = _identity(self.path)

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

    def write_problem(self) -> str | None:
        """None when the store takes a write now; else why not, in plain words (what health reports). A deleted
        or replaced file is caught by its identity: SQLite would go on writing to the unlinked inode, and every
        result written there would be lost at the next restart."""
        identity = _identity(self.path)
        if identity is None:
            return f"the database file {self.path} was deleted while the server ran; new results cannot be kept — restore it or restart the server"
        if identity != self._identity:
            return f"the database file {self.path} was replaced while the server ran; restart the server to use the new file"
        # A fresh connection, as the next request thread would open: the long-lived ones keep pages cached and
        # would not notice a file damaged under them.
        conn = None
        try:
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000)
            with conn:
                conn.execute("CREATE TABLE IF NOT EXISTS health_probe (id INTEGER PRIMARY KEY, at REAL NOT NULL)")
                conn.execute("INSERT OR REPLACE INTO health_probe (id, at) VALUES (1, ?)", (time.time(),))
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc):  # another writer holds it: the file is writable
                return None
            if getattr(exc, "sqlite_errorname", "").startswith("SQLITE_READONLY"):
                return f"the database {self.path} is read-only for the server ({exc}); let the server's user write the file and its folder, then retry"
            return f"the database {self.path} cannot be written ({exc}); check the disk space and the file's permissions"
        except sqlite3.Error as exc:
            return f"the database {self.path} is damaged ({exc}); restore it from a backup or move it away and restart"
        finally:
            if conn is not None:
                conn.close()
        return None

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
