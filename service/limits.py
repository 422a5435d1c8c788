"""The named limits of the settings table, checked where input enters the server (REST, the app, gradio_client),
before any work is queued. Every refusal is a ``LimitExceeded`` naming the setting and the actual value.

Also the per-request generation deadline (WIREBRIEF_MAX_TIME): ``request_deadline`` starts the clock when a
request gets its slot; the model wrappers (``service.translate.hf``, ``service.summarize.seq2seq``) read it through
``deadline_for`` and raise ``GenerationTimeout`` once it has passed, so an over-long request ends with a clear 504
and frees its slot instead of running on or being silently cut short.
"""

from __future__ import annotations

import re
import threading
import time
import unicodedata
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import PureWindowsPath
from typing import BinaryIO, Iterator

from service.errors import Cancelled, GenerationTimeout, InputError, LimitExceeded
from service.settings import Settings

# ------------------------------------------------------------------------------------------------ text
_SURROGATE = re.compile("[\ud800-\udfff]")


def check_text(text: object, settings: Settings) -> str:
    """A dispatch as the edge accepts it: a non-empty string of at most WIREBRIEF_MAX_CHARS characters."""
    if not isinstance(text, str):
        raise InputError(f"the dispatch must be text, not {type(text).__name__}", code="invalid_input")
    if len(text) > settings.max_chars:
        raise LimitExceeded("WIREBRIEF_MAX_CHARS", settings.max_chars, len(text), "the dispatch length in characters")
    surrogate = _SURROGATE.search(text)
    if surrogate:
        raise InputError(
            f"the dispatch holds an invalid character at position {surrogate.start()}: a lone UTF-16 surrogate "
            "(\\ud800–\\udfff), which is not text; remove it (or copy the text again from its source)",
            code="invalid_input",
        )
    if not text.strip():
        raise InputError("the dispatch is empty: paste or upload some text", code="empty_input")
    return text


# ------------------------------------------------------------------------------------------------ uploads
# Multipart framing around each file (boundary, headers) and the small option fields: slack allowed on top of the
# files themselves before the request body is refused unread.
MULTIPART_SLACK_BYTES = 64 * 1024
_CHUNK = 64 * 1024


def check_body_size(content_length: str | None, settings: Settings, files: int) -> None:
    """Refuse a request body larger than ``files`` files of WIREBRIEF_MAX_FILE_BYTES can be, before reading it."""
    if content_length is None:
        return
    try:
        length = int(content_length)
    except ValueError:
        raise InputError(f"bad Content-Length header {content_length!r}", code="invalid_input") from None
    allowed = files * (settings.max_file_bytes + MULTIPART_SLACK_BYTES)
    if length > allowed:
        setting = "WIREBRIEF_MAX_FILE_BYTES" if files == 1 else "WIREBRIEF_MAX_FILE_BYTES × WIREBRIEF_MAX_BATCH_FILES"
        raise LimitExceeded(setting, allowed, length, "the request body in bytes")


def check_file_count(count: int, settings: Settings) -> None:
    if count > settings.max_batch_files:
        raise LimitExceeded("WIREBRIEF_MAX_BATCH_FILES", settings.max_batch_files, count, "the number of files")
    if count == 0:
        raise InputError("upload at least one file", code="empty_input")


def read_limited(stream: BinaryIO, name: str, settings: Settings) -> bytes:
    """The bytes of one uploaded file, read in chunks and refused as soon as they pass WIREBRIEF_MAX_FILE_BYTES
    (the message gives the size read so far: the limit + at least one byte)."""
    limit = settings.max_file_bytes
    parts: list[bytes] = []
    size = 0
    while True:
        chunk = stream.read(_CHUNK)
        if not chunk:
            break
        size += len(chunk)
        if size > limit:
            raise LimitExceeded("WIREBRIEF_MAX_FILE_BYTES", limit, size, f"the size of {name} in bytes (at least)")
        parts.append(chunk)
    return b"".join(parts)


def check_file_size(size: int, name: str, settings: Settings) -> None:
    if size > settings.max_file_bytes:
        raise LimitExceeded("WIREBRIEF_MAX_FILE_BYTES", settings.max_file_bytes, size, f"the size of {name} in bytes")


_UNSAFE_NAME = re.compile(r"[^\w.\- ()\[\]+,]", re.UNICODE)


def safe_label(name: str | None, fallback: str = "upload") -> str:
    """A client-supplied file name reduced to a label: its last component only (``../`` and absolute paths, with
    / or \\, lose their folders), no control or path characters, at most 120 characters. Used to name the
    document in results and to pick a reader by suffix — never as a path."""
    raw = "".join(ch for ch in (name or "") if unicodedata.category(ch)[0] != "C")
    base = PureWindowsPath(raw.replace("/", "\\")).name  # handles both separators and drive letters
    base = _UNSAFE_NAME.sub("_", base).strip(" .")
    if not base:
        return fallback
    if len(base) > 120:
        stem, dot, suffix = base.rpartition(".")
        base = (stem[: 119 - len(suffix)] + "." + suffix) if dot and len(suffix) <= 10 else base[:120]
    return base


# ------------------------------------------------------------------------------------------------ time
@dataclass(frozen=True)
class Deadline:
    at: float
    """time.monotonic() value after which generation must stop."""
    seconds: float
    setting: str = "WIREBRIEF_MAX_TIME"
    cancelled: threading.Event | None = field(default=None, compare=False)
    """Set when nobody waits for the work any more (a streaming client went away): the deadline has passed at
    once, so every stage that keeps the deadline stops, and the batching queue drops the request's sentences."""
    stop: threading.Event | None = field(default=None, compare=False)
    """Set by the caller (the reader pressed Stop): the deadline counts as passed from then on, and a partial
    request returns what is done."""

    def remaining(self) -> float:
        if self.stopped or (self.cancelled is not None and self.cancelled.is_set()):
            return 0.0
        return self.at - time.monotonic()

    def expired(self) -> bool:
        return self.remaining() <= 0

    @property
    def stopped(self) -> bool:
        return self.stop is not None and self.stop.is_set()

    def error(self, what: str, detail: str = "") -> GenerationTimeout:
        tail = f"; {detail}" if detail else ""
        if self.cancelled is not None and self.cancelled.is_set():
            return Cancelled(f"{what} was cancelled: the client stopped waiting{tail}")
        if self.stopped:
            return GenerationTimeout(f"{what} was stopped at the reader's request{tail}", code="stopped")
        return GenerationTimeout(
            f"{what} took longer than the limit of {self.seconds:g} s (setting {self.setting}){tail}"
        )


_current: ContextVar[Deadline | None] = ContextVar("wirebrief_request_deadline", default=None)


@contextmanager
def request_deadline(
    seconds: float | None,
    setting: str = "WIREBRIEF_MAX_TIME",
    cancelled: threading.Event | None = None,
    stop: threading.Event | None = None,
) -> Iterator[Deadline | None]:
    """Give the code run inside (in this thread) a generation deadline ``seconds`` from now; it ends early when
    ``cancelled`` is set (nobody waits any more) or ``stop`` (a reader's Stop)."""
    if not seconds:
        if cancelled is None and stop is None:
            yield None
            return
        seconds = float("inf")
    deadline = Deadline(time.monotonic() + seconds, seconds, setting, cancelled, stop)
    if deadline.expired():
        raise deadline.error("the request", "before it started")
    token = _current.set(deadline)
    try:
        yield deadline
    finally:
        _current.reset(token)


def current_deadline() -> Deadline | None:
    return _current.get()


@contextmanager
def within(deadline: Deadline | None) -> Iterator[Deadline | None]:
    """Run the code inside (in this thread) under an existing ``deadline``: how a worker thread that generates for
    other threads' requests (``service.translate.queue``) hands their deadline down to the model wrappers."""
    token = _current.set(deadline)
    try:
        yield deadline
    finally:
        _current.reset(token)


def deadline_for(own_seconds: float | None, started: float | None = None) -> Deadline | None:
    """The deadline a model call must keep: the earlier of the request's and the component's own limit
    (``own_seconds`` from ``started``, default now)."""
    request = current_deadline()
    own = None
    if own_seconds:
        own = Deadline((started if started is not None else time.monotonic()) + own_seconds, own_seconds)
    if request is None:
        return own
    if own is None:
        return request
    return request if request.at <= own.at else own


# ------------------------------------------------------------------------------------------------ token cap
@dataclass(frozen=True)
class CapHit:
    """A sentence (or clause) whose generation stopped at the new-token cap: its output may be cut short."""

    source: str
    tokens: int
    setting: str


_cap_hits: ContextVar[list[CapHit] | None] = ContextVar("wirebrief_cap_hits", default=None)


@contextmanager
def collect_cap_hits() -> Iterator[list[CapHit]]:
    """Collect the cap hits reported by the translators called inside (in this thread)."""
    hits: list[CapHit] = []
    token = _cap_hits.set(hits)
    try:
        yield hits
    finally:
        _cap_hits.reset(token)


def report_cap_hit(hit: CapHit) -> None:
    hits = _cap_hits.get()
    if hits is not None:
        hits.append(hit)
