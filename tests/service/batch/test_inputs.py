"""Batch inputs: every format, column detection, broken lines, limits at and just over."""

from __future__ import annotations

import io
import json

import pytest

from service.batch.inputs import (
    AmbiguousTextColumn,
    Document,
    MissingTextColumn,
    Problem,
    document_id,
    iter_paths,
    iter_uploads,
    split_items,
    table_columns,
)
from service.errors import InputError, LimitExceeded
from service.settings import Settings
from tests.service.batch.helpers import csv_bytes

FR = "Le gouvernement a annoncé mardi une hausse de 3 % du budget."


def _docx_bytes(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for p in paragraphs:
        document.add_paragraph(p)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


@pytest.fixture
def settings(tmp_path):
    return Settings(db_path=tmp_path / "db.sqlite3")


def test_every_file_format_in_a_folder_recursively(tmp_path, settings):
    root = tmp_path / "archive"
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / "a.txt").write_text(FR, encoding="utf-8")
    (root / "b.md").write_text("# Titre\n\nPremier paragraphe.", encoding="utf-8")
    (root / "sub" / "c.html").write_text(
        "<html><head><title>x</title><script>var a=1;</script></head><body><p>Un.</p><p>Deux.</p></body></html>",
        encoding="utf-8",
    )
    (root / "sub" / "d.docx").write_bytes(_docx_bytes(["Premier.", "Second."]))
    (root / "sub" / "deeper" / "e.csv").write_bytes(csv_bytes(["id", "body"], [["1", "Ligne un."], ["2", "Ligne deux."]]))
    (root / "sub" / "deeper" / "f.jsonl").write_text(json.dumps({"article": "Article un."}) + "\n", encoding="utf-8")
    (root / "ignored.pdf").write_bytes(b"%PDF")
    (root / ".hidden.txt").write_text("caché", encoding="utf-8")

    docs, problems = split_items(iter_paths([root], settings))
    assert problems == []
    texts = [d.text for d in docs]
    assert texts == [FR, "# Titre\n\nPremier paragraphe.", "Un.\n\nDeux.", "Premier.\n\nSecond.", "Ligne un.", "Ligne deux.", "Article un."]
    assert "var a" not in texts[2]
    assert docs[2].notes == ("HTML reduced to text",)
    assert docs[4].name.endswith("e.csv row 1") and docs[6].name.endswith("f.jsonl line 1")


def test_id_is_the_content_hash_whatever_the_source(tmp_path, settings):
    (tmp_path / "x.txt").write_text(FR, encoding="utf-8")
    (tmp_path / "y.jsonl").write_text(json.dumps({"text": FR}) + "\n", encoding="utf-8")
    docs, _ = split_items(iter_paths([tmp_path / "x.txt", tmp_path / "y.jsonl"], settings))
    assert docs[0].id == docs[1].id == document_id(FR)
    assert document_id(FR + " ") != document_id(FR)


def test_jsonl_broken_line_is_reported_and_the_others_processed(settings):
    lines = [
        json.dumps({"text": "Premier."}),
        '{"text": "cassé',
        "",
        json.dumps(["not", "an", "object"]),
        json.dumps({"text": 42}),
        json.dumps({"other": "x"}),
        json.dumps({"text": "Dernier."}),
    ]
    items = list(iter_uploads([("wire.jsonl", "\n".join(lines).encode())], settings))
    docs, problems = split_items(items)
    assert [d.text for d in docs] == ["Premier.", "Dernier."]
    assert [(p.line, p.name) for p in problems] == [(2, "wire.jsonl line 2"), (4, "wire.jsonl line 4"), (5, "wire.jsonl line 5"), (6, "wire.jsonl line 6")]
    assert "not valid JSON" in problems[0].reason
    assert "JSON object" in problems[1].reason
    assert "int" in problems[2].reason
    assert "no 'text' field" in problems[3].reason


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_ambiguous_text_column_lists_candidates_and_text_column_chooses(suffix, settings):
    if suffix == ".csv":
        data = csv_bytes(["id", "Body", "content"], [["1", "corps", "contenu"]])
    else:
        data = (json.dumps({"id": 1, "Body": "corps", "content": "contenu"}) + "\n").encode()
    with pytest.raises(AmbiguousTextColumn) as info:
        list(iter_uploads([("t" + suffix, data)], settings))
    assert info.value.candidates == ["Body", "content"]
    assert "'Body'" in info.value.message and "--text-column" in info.value.message
    docs, _ = split_items(iter_uploads([("t" + suffix, data)], settings, text_column="content"))
    assert [d.text for d in docs] == ["contenu"]
    docs, _ = split_items(iter_uploads([("t" + suffix, data)], settings, text_column="body"))
    assert [d.text for d in docs] == ["corps"]
    assert table_columns("t" + suffix, data)[1] == ["Body", "content"]


def test_missing_text_column_names_the_columns(settings):
    data = csv_bytes(["id", "headline"], [["1", "titre"]])
    with pytest.raises(MissingTextColumn) as info:
        list(iter_uploads([("t.csv", data)], settings))
    assert info.value.columns == ["id", "headline"]
    with pytest.raises(MissingTextColumn, match="no column named 'nope'"):
        list(iter_uploads([("t.csv", data)], settings, text_column="nope"))


def test_csv_quoted_newlines_and_empty_rows(settings):
    data = csv_bytes(["text"], [["Ligne un.\n\nParagraphe deux."], [""], ["   "], ["Trois."]])
    docs, problems = split_items(iter_uploads([("t.csv", data)], settings))
    assert [d.text for d in docs] == ["Ligne un.\n\nParagraphe deux.", "Trois."]
    assert problems == []  # blank rows are not rows


def test_unreadable_file_is_a_problem_not_a_crash(settings):
    items = list(iter_uploads([("bad.docx", b"not a zip"), ("latin.txt", "é".encode("latin-1")), ("ok.txt", b"Bon.")], settings))
    docs, problems = split_items(items)
    assert [d.text for d in docs] == ["Bon."]
    assert [p.name for p in problems] == ["bad.docx", "latin.txt"]
    assert "docx" in problems[0].reason and "UTF-8" in problems[1].reason


def test_unsupported_or_missing_paths_are_specific_errors(tmp_path, settings):
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    with pytest.raises(InputError, match="unsupported file type .pdf"):
        list(iter_paths([tmp_path / "x.pdf"], settings))
    with pytest.raises(InputError, match="no such file or folder"):
        list(iter_paths([tmp_path / "nope.txt"], settings))


def test_file_count_limit_at_and_just_over(settings):
    limited = settings.model_copy(update={"max_batch_files": 3})
    files = [(f"{i}.txt", f"Texte {i}.".encode()) for i in range(3)]
    assert len(list(iter_uploads(files, limited))) == 3
    with pytest.raises(LimitExceeded) as info:
        list(iter_uploads(files + [("3.txt", b"x")], limited))
    assert info.value.limit_name == "WIREBRIEF_MAX_BATCH_FILES" and info.value.actual == 4


def test_file_size_limit_at_and_just_over(tmp_path, settings):
    limited = settings.model_copy(update={"max_file_bytes": 10})
    (tmp_path / "ok.txt").write_bytes(b"0123456789")
    (tmp_path / "big.txt").write_bytes(b"0123456789A")
    assert len(list(iter_paths([tmp_path / "ok.txt"], limited))) == 1
    with pytest.raises(LimitExceeded) as info:
        list(iter_paths([tmp_path / "ok.txt", tmp_path / "big.txt"], limited))
    assert info.value.limit_name == "WIREBRIEF_MAX_FILE_BYTES" and info.value.actual == 11


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_row_limit_at_and_just_over(suffix, settings):
    limited = settings.model_copy(update={"max_batch_rows": 4})

    def table(n: int) -> bytes:
        if suffix == ".csv":
            return csv_bytes(["text"], [[f"Ligne {i}."] for i in range(n)])
        return "\n".join(json.dumps({"text": f"Ligne {i}."}) for i in range(n)).encode()

    assert len(list(iter_uploads([("t" + suffix, table(4))], limited))) == 4
    with pytest.raises(LimitExceeded) as info:
        list(iter_uploads([("t" + suffix, table(5))], limited))
    assert info.value.limit_name == "WIREBRIEF_MAX_BATCH_ROWS"
