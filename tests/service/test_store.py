"""The SQLite store: results history + cache by request key, extra updates, WAL, threads."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from service.result import Issue
from service.store import Database, ResultStore
from tests.service.results_factory import make_result


@pytest.fixture
def store(tmp_path):
    db = Database(tmp_path / "nested" / "dir" / "wb.sqlite3")
    yield ResultStore(db)
    db.close()


def test_creates_parent_dirs_and_uses_wal(tmp_path):
    path = tmp_path / "a" / "b" / "wb.sqlite3"
    db = Database(path)
    ResultStore(db)
    assert path.exists()
    assert db.journal_mode() == "wal"
    db.close()


def test_put_get_round_trip(store):
    result = make_result("abc")
    store.put(result, request_key="key-1")
    again = store.get("abc")
    assert again == result
    assert store.get("missing") is None


def test_put_requires_an_id(store):
    with pytest.raises(ValueError):
        store.put(make_result(""))


def test_lookup_by_request_key_keeps_models(store):
    result = make_result("abc")
    store.put(result, request_key="key-1")
    hit = store.lookup("key-1")
    assert hit is not None and hit.id == "abc"
    assert [(m.hub_id, m.revision) for m in hit.models] == [("org/m", "abc123")]
    assert store.lookup("key-2") is None


def test_lookup_ignores_rows_of_another_schema_version(store):
    store.put(make_result("abc"), request_key="key-1")
    conn = store.db.connection()
    conn.execute("UPDATE results SET schema_version = schema_version - 1")
    conn.commit()
    assert store.lookup("key-1") is None
    assert store.get("abc") is not None  # still reopenable by id


def test_recent_lists_newest_first_with_summary_columns(store):
    warnings = [
        Issue(code="normalized", message="x", severity="info"),
        Issue(code="degenerate.copy", message="y", paragraph=0, sentence=1),
    ]
    store.put(make_result("old", headline="Old news"))
    store.put(make_result("new", sources=[["Première ligne.\nsuite"]], headline="New news", warnings=warnings))
    rows = store.recent()
    assert [r.id for r in rows] == ["new", "old"]
    assert rows[0].first_line == "Première ligne."
    assert rows[0].headline == "New news"
    assert rows[0].warnings == 1  # info notes are not warnings
    assert rows[0].language == "fr"
    assert store.count() == 2
    assert [r.id for r in store.recent(limit=1, offset=1)] == ["old"]


def test_put_again_keeps_created_at(store):
    store.put(make_result("abc"))
    created = store.recent()[0].created_at
    store.put(make_result("abc", headline="changed"))
    row = store.recent()[0]
    assert row.created_at == created and row.headline == "changed"
    assert row.updated_at >= created


def test_update_extra_merges(store):
    store.put(make_result("abc"))
    store.update_extra("abc", {"brief": {"text": "one"}})
    updated = store.update_extra("abc", {"rating": 4})
    assert updated.extra == {"brief": {"text": "one"}, "rating": 4}
    assert store.get("abc").extra == {"brief": {"text": "one"}, "rating": 4}
    with pytest.raises(KeyError):
        store.update_extra("missing", {"x": 1})


def test_threads_each_get_a_connection_and_all_writes_land(store):
    errors: list[BaseException] = []
    connections: set[int] = set()

    def write(n: int) -> None:
        try:
            connections.add(id(store.db.connection()))
            for i in range(10):
                store.put(make_result(f"t{n}-{i}"), request_key=f"k{n}-{i}")
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert store.count() == 40
    assert len(connections) == 4


def test_data_is_visible_to_a_second_database_object(tmp_path):
    """What a restart sees: another connection on the same file."""
    path = tmp_path / "wb.sqlite3"
    first = ResultStore(Database(path))
    first.put(make_result("abc"), request_key="k")
    first.db.close()
    second = ResultStore(Database(path))
    assert second.lookup("k").id == "abc"
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT COUNT(*) FROM results").fetchone()[0] == 1
    conn.close()
    second.db.close()
