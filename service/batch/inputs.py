"""Batch inputs → Documents.

Accepts files, folders (recursively: .txt .md .docx .html .csv .jsonl) and uploads (name + bytes, for the app).
A CSV or JSONL contributes one document per row, from its text column: detected when exactly one column is
named text/body/content/article, chosen with ``text_column`` otherwise (an ambiguous or missing column is a
specific error listing the columns). Every document's id is the hash of its text, so the same text always has
the same id, whatever file or row it came from; a row's own id (its ``id``/``slug``… column, or ``id_column``)
is kept beside it as ``source_id`` (``id_column.py``) and named in every output.

A row or file that cannot be read does not stop the batch: it becomes a ``Problem`` (where + reason) that the
job reports in its errors file. Limits from the settings table (WIREBRIEF_MAX_BATCH_FILES, _MAX_BATCH_ROWS,
_MAX_FILE_BYTES) are enforced here, where input enters, with ``LimitExceeded``.

Reading is a generator, so a large archive is never held in memory at once.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence, TextIO, Union

from service.errors import InputError, LimitExceeded
from service.settings import Settings

from .budget import ParseBudget, json_depth
from .id_column import choose_id_column, id_value
from .readers import BOMS, DOCUMENT_SUFFIXES, read_document, suffix_of

TABLE_SUFFIXES = (".csv", ".jsonl")
SUPPORTED_SUFFIXES = DOCUMENT_SUFFIXES + TABLE_SUFFIXES
TEXT_COLUMN_NAMES = ("text", "body", "content", "article")


def document_id(text: str) -> str:
    """The stable id of a document: a hash of its text (128 bits, hex)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class Document:
    id: str
    name: str
    """Where it came from, for people: 'dispatch.txt', 'wire.jsonl line 12', 'wire.csv row 3'."""
    text: str
    notes: tuple[str, ...] = field(default=())
    source_id: str = ""
    """The row's own id from the table's id column ('' when it has none): kept in every output."""


@dataclass(frozen=True)
class Problem:
    """An input that produced no document: a broken JSONL line, an unreadable file, an empty row."""

    name: str
    reason: str
    line: int | None = None


Item = Union[Document, Problem]


class AmbiguousTextColumn(InputError):
    code = "ambiguous_column"

    def __init__(self, source: str, candidates: Sequence[str]):
        super().__init__(
            f"{source}: several columns could hold the text ({', '.join(map(repr, candidates))}); "
            "choose one with --text-column (or the column selector)",
            code="ambiguous_column",
        )
        self.candidates = list(candidates)


class MissingTextColumn(InputError):
    code = "missing_column"

    def __init__(self, source: str, columns: Sequence[str], wanted: str | None = None):
        what = f"no column named {wanted!r}" if wanted else (
            f"no text column (looked for {', '.join(TEXT_COLUMN_NAMES)})"
        )
        super().__init__(
            f"{source}: {what}; its columns are {', '.join(map(repr, columns)) or '(none)'}; "
            "choose one with --text-column",
            code="missing_column",
        )
        self.columns = list(columns)


def choose_text_column(source: str, columns: Sequence[str], text_column: str | None = None) -> str:
    """The column to read: ``text_column`` if given (exact, else case-insensitive), else the one column named
    like a text column."""
    if text_column is not None:
        if text_column in columns:
            return text_column
        folded = [c for c in columns if c.strip().lower() == text_column.strip().lower()]
        if len(folded) == 1:
            return folded[0]
        raise MissingTextColumn(source, columns, wanted=text_column)
    candidates = text_column_candidates(columns)
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        raise AmbiguousTextColumn(source, candidates)
    raise MissingTextColumn(source, columns)


def text_column_candidates(columns: Sequence[str]) -> list[str]:
    return [c for c in columns if isinstance(c, str) and c.strip().lower() in TEXT_COLUMN_NAMES]


# ------------------------------------------------------------------------------------------------ sources
@dataclass(frozen=True)
class _Source:
    """One input file, on disk or uploaded: its name, size and a way to open it."""

    name: str
    size: int
    read_bytes: Callable[[], bytes]
    open_text: Callable[[], TextIO]


def table_text(data: bytes) -> str:
    """A CSV/JSONL file's text: UTF-16/UTF-32 when it starts with their byte-order mark, else UTF-8 (BOM or not);
    ``UnicodeDecodeError`` otherwise (reported as a Problem by the readers)."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data.decode(encoding)
    return data.decode("utf-8-sig")


def _path_source(path: Path) -> _Source:
    return _Source(
        name=str(path),
        size=path.stat().st_size,
        read_bytes=path.read_bytes,
        open_text=lambda: io.StringIO(table_text(path.read_bytes()), newline=""),
    )


def _upload_source(name: str, data: bytes) -> _Source:
    return _Source(
        name=name,
        size=len(data),
        read_bytes=lambda: data,
        open_text=lambda: io.StringIO(table_text(data), newline=""),
    )


def expand_paths(inputs: Iterable[str | os.PathLike]) -> list[Path]:
    """Files named directly, plus supported files found recursively under folders (sorted, hidden skipped)."""
    files: list[Path] = []
    for raw in inputs:
        path = Path(raw).expanduser()
        if path.is_dir():
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    if not name.startswith(".") and suffix_of(name) in SUPPORTED_SUFFIXES:
                        files.append(Path(root) / name)
        elif path.is_file():
            if suffix_of(path.name) not in SUPPORTED_SUFFIXES:
                raise InputError(
                    f"{path}: unsupported file type {suffix_of(path.name) or '(none)'}; "
                    f"supported: {', '.join(SUPPORTED_SUFFIXES)}",
                    code="unsupported_file",
                )
            files.append(path)
        else:
            raise InputError(f"{path}: no such file or folder", code="not_found")
    return files


def iter_paths(
    inputs: Iterable[str | os.PathLike],
    settings: Settings,
    text_column: str | None = None,
    id_column: str | None = None,
) -> Iterator[Item]:
    """Documents and problems from files and folders, in a stable order."""
    files = expand_paths(inputs)
    _check_file_count(len(files), settings)
    sources = []
    for path in files:
        source = _path_source(path)
        _check_file_size(source, settings)
        sources.append(source)
    for source in sources:
        yield from _iter_source(source, settings, text_column, id_column)


def iter_uploads(
    files: Sequence[tuple[str, bytes]],
    settings: Settings,
    text_column: str | None = None,
    id_column: str | None = None,
) -> Iterator[Item]:
    """Documents and problems from uploaded files (name, bytes): what the app's batch view hands over."""
    _check_file_count(len(files), settings)
    sources = [_upload_source(name, data) for name, data in files]
    for source in sources:
        _check_file_size(source, settings)
    for source in sources:
        yield from _iter_source(source, settings, text_column, id_column)


def split_items(items: Iterable[Item]) -> tuple[list[Document], list[Problem]]:
    documents: list[Document] = []
    problems: list[Problem] = []
    for item in items:
        (documents if isinstance(item, Document) else problems).append(item)
    return documents, problems


def table_columns(name: str, data: bytes) -> tuple[list[str], list[str]]:
    """(all columns, likely text columns) of an uploaded CSV/JSONL: what a column selector offers."""
    suffix = suffix_of(name)
    text = data.decode("utf-8-sig", errors="replace")
    if suffix == ".csv":
        header = next(csv.reader(io.StringIO(text, newline="")), [])
        return header, text_column_candidates(header)
    if suffix == ".jsonl":
        for line in text.splitlines():
            try:
                obj = json.loads(line)
            except ValueError:
                continue
            if isinstance(obj, dict):
                keys = list(obj)
                return keys, text_column_candidates(keys)
        return [], []
    raise InputError(f"{name}: not a CSV or JSONL file", code="unsupported_file")


# ------------------------------------------------------------------------------------------------ limits
def _check_file_count(count: int, settings: Settings) -> None:
    if count > settings.max_batch_files:
        raise LimitExceeded("WIREBRIEF_MAX_BATCH_FILES", settings.max_batch_files, count, "the number of files")
    if count == 0:
        raise InputError("no input files (supported: " + ", ".join(SUPPORTED_SUFFIXES) + ")", code="empty_input")


def _check_file_size(source: _Source, settings: Settings) -> None:
    if source.size > settings.max_file_bytes:
        raise LimitExceeded("WIREBRIEF_MAX_FILE_BYTES", settings.max_file_bytes, source.size, f"the size of {source.name} in bytes")


def _row_limit(source: _Source, settings: Settings, rows: int) -> None:
    if rows > settings.max_batch_rows:
        raise LimitExceeded("WIREBRIEF_MAX_BATCH_ROWS", settings.max_batch_rows, rows, f"the number of rows in {source.name} (at least)")


# ------------------------------------------------------------------------------------------------ readers
def _iter_source(
    source: _Source, settings: Settings, text_column: str | None, id_column: str | None = None
) -> Iterator[Item]:
    suffix = suffix_of(source.name)
    if suffix == ".csv":
        yield from _iter_csv(source, settings, text_column, ParseBudget.from_settings(settings, source.name), id_column)
    elif suffix == ".jsonl":
        yield from _iter_jsonl(source, settings, text_column, ParseBudget.from_settings(settings, source.name), id_column)
    else:
        try:
            budget = ParseBudget.from_settings(settings)
            read = read_document(source.name, source.read_bytes(), settings.max_docx_expanded_bytes, budget)
        except InputError as exc:
            yield Problem(source.name, exc.message)
            return
        yield _document(source.name, read.text, read.notes)


def _document(name: str, text: str, notes: tuple[str, ...] = ()) -> Item:
    if not text.strip():
        return Problem(name, "the document is empty")
    return Document(id=document_id(text), name=name, text=text, notes=notes)


def _iter_jsonl(
    source: _Source, settings: Settings, text_column: str | None, budget: ParseBudget, id_column: str | None = None
) -> Iterator[Item]:
    column: str | None = None
    key_column: str | None = None
    rows = 0
    try:
        with source.open_text() as fh:
            for number, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                rows += 1
                _row_limit(source, settings, rows)
                where = f"{source.name} line {number}"
                try:
                    obj = json.loads(line)
                except ValueError as exc:
                    yield Problem(where, f"not valid JSON ({exc})", number)
                    continue
                except RecursionError:  # '[[[[…' deeper than Python's recursion limit
                    budget.depth(budget.max_depth + 1)
                json_depth(obj, budget)
                if not isinstance(obj, dict):
                    yield Problem(where, f"expected a JSON object, found {type(obj).__name__}", number)
                    continue
                if column is None:
                    column = choose_text_column(source.name, list(obj), text_column)
                    key_column = choose_id_column(source.name, list(obj), column, id_column)
                yield _row_document(where, number, obj, column, key_column)
    except UnicodeDecodeError as exc:
        yield Problem(source.name, f"not UTF-8 text ({exc.reason} at byte {exc.start} of a chunk); later lines skipped")


def _iter_csv(
    source: _Source, settings: Settings, text_column: str | None, budget: ParseBudget, id_column: str | None = None
) -> Iterator[Item]:
    csv.field_size_limit(max(csv.field_size_limit(), settings.max_file_bytes))
    try:
        with source.open_text() as fh:
            reader = csv.reader(fh)
            header = next(reader, None)
            if header is None:
                yield Problem(source.name, "the CSV file is empty")
                return
            column = choose_text_column(source.name, header, text_column)
            index = header.index(column)
            key_column = choose_id_column(source.name, header, column, id_column)
            key_index = header.index(key_column) if key_column is not None else None
            rows = 0
            for row_number, row in enumerate(reader, start=1):
                budget.tick(max(1, len(row)))
                if not any(cell.strip() for cell in row):
                    continue
                rows += 1
                _row_limit(source, settings, rows)
                where = f"{source.name} row {row_number}"
                if len(row) <= index:
                    yield Problem(where, f"the row has {len(row)} fields, no {column!r} value", row_number)
                    continue
                cells = {column: row[index]}
                if key_index is not None and key_index < len(row):
                    cells[key_column] = row[key_index]
                yield _row_document(where, row_number, cells, column, key_column)
    except UnicodeDecodeError as exc:
        yield Problem(source.name, f"not UTF-8 text ({exc.reason}); later rows skipped")
    except csv.Error as exc:
        yield Problem(source.name, f"malformed CSV ({exc}); later rows skipped")


def _row_document(where: str, number: int, obj: dict, column: str, key_column: str | None = None) -> Item:
    if column not in obj:
        return Problem(where, f"no {column!r} field", number)
    value = obj[column]
    if not isinstance(value, str):
        return Problem(where, f"the {column!r} field is {type(value).__name__}, not text", number)
    if not value.strip():
        return Problem(where, f"the {column!r} field is empty", number)
    source_id = id_value(obj.get(key_column)) if key_column is not None else ""
    return Document(id=document_id(value), name=where, text=value, source_id=source_id)
