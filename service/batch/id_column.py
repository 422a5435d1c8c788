"""A table's own id column: the CSV/JSONL column that names each row in the newsroom's system (``id``, ``slug``…).

The id travels with the row into every batch output (summary.csv, results.jsonl, the Markdown file names, the
History entry), so an editor can match a result to the row it came from. It does not replace the document id
(a hash of the text), which the job store needs to resume and to reuse earlier Results.

Chosen with ``id_column`` (exact name, else case-insensitive); otherwise detected: the first of
``ID_COLUMN_NAMES`` that the table has. A table with none of them simply has no source ids.
"""

from __future__ import annotations

from typing import Any, Sequence

from service.errors import InputError

ID_COLUMN_NAMES = ("id", "slug", "guid", "uuid", "uid", "doc_id", "document_id", "article_id", "story_id", "key")
MAX_ID_CHARS = 200


class MissingIdColumn(InputError):
    code = "missing_column"

    def __init__(self, source: str, columns: Sequence[str], wanted: str):
        super().__init__(
            f"{source}: no column named {wanted!r} for the row ids; its columns are "
            f"{', '.join(map(repr, columns)) or '(none)'}",
            code="missing_column",
        )
        self.columns = list(columns)


def choose_id_column(
    source: str, columns: Sequence[str], text_column: str, id_column: str | None = None
) -> str | None:
    """The column holding each row's own id, or None when the table has none (and none was asked for)."""
    names = [c for c in columns if isinstance(c, str)]
    if id_column:
        if id_column in names:
            return id_column
        folded = [c for c in names if c.strip().lower() == id_column.strip().lower()]
        if len(folded) == 1:
            return folded[0]
        raise MissingIdColumn(source, names, id_column)
    by_name = {c.strip().lower(): c for c in reversed(names) if c != text_column}
    return next((by_name[n] for n in ID_COLUMN_NAMES if n in by_name), None)


def id_value(value: Any) -> str:
    """A row's id as text: strings stripped, whole numbers without '.0', anything else (lists, objects, null)
    gives no id; clipped to MAX_ID_CHARS."""
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (str, int, float)):
        return str(value).strip()[:MAX_ID_CHARS]
    return ""
