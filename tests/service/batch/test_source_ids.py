"""Issue 16 point 8: a CSV/JSONL row keeps its own id (its ``id``/``slug`` column, or the one the user names) in
every batch output — summary.csv, results.jsonl, the Markdown file names, errors.jsonl and History — through the
job function, the CLI and the REST API."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import zipfile

import pytest
from typer.testing import CliRunner

from service.batch import api
from service.batch.id_column import MissingIdColumn
from service.batch.inputs import iter_uploads, split_items
from service.batch.jobs import JobStore
from service.settings import Settings
from service.store import Database, ResultStore
from tests.service.batch.helpers import csv_bytes

ROWS = [
    ("AFP-0412", "Le gouvernement a annoncé mardi une hausse du budget."),
    ("AFP-0413", "Les syndicats appellent à la grève jeudi."),
]


@pytest.fixture
def settings(tmp_path):
    return Settings(db_path=tmp_path / "db.sqlite3")


def _ids(files, settings, **kw):
    docs, problems = split_items(iter_uploads(files, settings, **kw))
    assert problems == []
    return [d.source_id for d in docs]


def test_an_id_column_is_detected_or_named(settings):
    assert _ids([("w.csv", csv_bytes(["id", "text"], [list(r) for r in ROWS]))], settings) == ["AFP-0412", "AFP-0413"]
    assert _ids([("w.csv", csv_bytes(["body", "Slug"], [[t, s] for s, t in ROWS]))], settings) == ["AFP-0412", "AFP-0413"]
    named = csv_bytes(["ref", "id", "text"], [["r1", "x", ROWS[0][1]], ["r2", "y", ROWS[1][1]]])
    assert _ids([("w.csv", named)], settings, id_column="REF") == ["r1", "r2"]
    jsonl = "".join(json.dumps({"story_id": 7 + i, "article": t}) + "\n" for i, (_, t) in enumerate(ROWS)).encode()
    assert _ids([("w.jsonl", jsonl)], settings) == ["7", "8"]
    assert _ids([("w.csv", csv_bytes(["text"], [[ROWS[0][1]]]))], settings) == [""]  # no id column: no ids
    with pytest.raises(MissingIdColumn, match="no column named 'ref' for the row ids; its columns are 'id', 'text'"):
        _ids([("w.csv", csv_bytes(["id", "text"], [list(ROWS[0])]))], settings, id_column="ref")


def _check_outputs(folder, expected_ids):
    rows = list(csv.DictReader(io.StringIO((folder / "summary.csv").read_text(encoding="utf-8"))))
    assert [r["id"] for r in rows] == expected_ids
    results = [json.loads(line) for line in (folder / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["extra"]["source"]["id"] for r in results] == expected_ids
    names = sorted(p.name for p in (folder / "markdown").glob("*.md"))
    assert names == [f"{i:05d}-{sid}.md" for i, sid in enumerate(expected_ids)]


def _check_history(db_path, expected_ids):
    db = Database(db_path)
    try:
        store = ResultStore(db)
        rows = store.recent(50)
        for sid in expected_ids:
            row = next((r for r in rows if r.first_line.startswith(f"[{sid}] ")), None)
            assert row is not None, f"{sid} is not in History: {[r.first_line for r in rows]}"
            assert store.get(row.id).extra["source"]["id"] == sid
    finally:
        db.close()


def test_run_batch_keeps_row_ids_in_every_output_and_history(tiny_settings, pipeline, tmp_path):
    settings = tiny_settings.model_copy(update={"db_path": tmp_path / "wb.sqlite3"})
    source = tmp_path / "wire.csv"
    source.write_bytes(csv_bytes(["id", "text"], [list(r) for r in ROWS]))
    _, counts, files = api.run_batch([source], tmp_path / "out", settings, summaries=["headline"], pipeline=pipeline)
    assert (counts.done, counts.errors) == (2, 0)
    _check_outputs(files.folder, ["AFP-0412", "AFP-0413"])
    _check_history(settings.db_path, ["AFP-0412", "AFP-0413"])


def test_the_cli_takes_an_id_column(tiny_settings, pipeline, tmp_path, monkeypatch):
    from service import cli, settings as settings_module
    from service.pipeline import Pipeline

    settings = tiny_settings.model_copy(update={"db_path": tmp_path / "wb.sqlite3"})
    monkeypatch.setattr(settings_module, "get_settings", lambda: settings)
    monkeypatch.setattr(Pipeline, "from_settings", classmethod(lambda cls, s: pipeline))
    source = tmp_path / "wire.csv"
    source.write_bytes(csv_bytes(["ref", "id", "text"], [["R-1", "x", ROWS[0][1]], ["R-2", "y", ROWS[1][1]]]))
    out = tmp_path / "out"
    run = CliRunner().invoke(cli.app, ["batch", str(source), "--out", str(out), "-s", "headline", "--id-column", "ref"])
    assert run.exit_code == 0, run.output
    _check_outputs(out, ["R-1", "R-2"])
    _check_history(settings.db_path, ["R-1", "R-2"])


def test_the_rest_api_keeps_row_ids_in_the_zip_and_history(tiny_settings, pipeline, tmp_path):
    from tests.service.api.test_hostile_storage import Served, _wait_job

    settings = tiny_settings.model_copy(update={"db_path": tmp_path / "db" / "wb.sqlite3", "concurrency": 1})
    with Served(settings, pipeline) as served:
        data = csv_bytes(["slug", "content"], [[s, t] for s, t in ROWS])
        job = served.client.post("/v1/batch", files=[("files", ("wire.csv", data))], data={"summaries": "headline"})
        assert job.status_code == 200, job.text
        assert _wait_job(served.client, job.json()["job_id"])["done"] == 2
        archive = served.app.state.batch.export_zip(job.json()["job_id"])
        with zipfile.ZipFile(archive) as z:
            assert sorted(n for n in z.namelist() if n.startswith("markdown/")) == [
                "markdown/00000-AFP-0412.md", "markdown/00001-AFP-0413.md"
            ]
            rows = list(csv.DictReader(io.StringIO(z.read("summary.csv").decode("utf-8"))))
        assert [r["id"] for r in rows] == ["AFP-0412", "AFP-0413"]
        # Submitted over REST, watched by no page: its documents are in History all the same.
        history = {r.first_line.split("] ")[0] + "]" for r in served.runtime.store.recent(50)}
        assert {"[AFP-0412]", "[AFP-0413]"} <= history


def test_a_store_from_before_row_ids_is_upgraded(tmp_path):
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(
        "CREATE TABLE batch_documents (job_id TEXT NOT NULL, position INTEGER NOT NULL, doc_id TEXT, name TEXT NOT NULL,"
        " text TEXT, status TEXT NOT NULL, result TEXT, error TEXT, reused INTEGER NOT NULL DEFAULT 0,"
        " attempts INTEGER NOT NULL DEFAULT 0, claimed_by TEXT, claimed_at REAL, finished_at REAL,"
        " PRIMARY KEY (job_id, position))"
    )
    conn.close()
    store = JobStore(path)
    try:
        columns = {row["name"] for row in store._conn.execute("PRAGMA table_info(batch_documents)")}
        assert "source_id" in columns
    finally:
        store.close()
