"""The Batch view in a real browser: three files in, progress over documents, results table, ZIP out; a CSV whose
text column is ambiguous asks the user to choose."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest

from service.result import Result

pytestmark = pytest.mark.browser

FILES = {
    "hopitaux.txt": "Le ministre a annoncé lundi un plan pour les hôpitaux.\n\nLes syndicats demandent plus de moyens.",
    "otan.md": "La réunion des ministres de la Défense s'est tenue vendredi à Bruxelles.",
    "routes.html": (
        "<html><head><title>t</title><script>var x = 1;</script></head><body>"
        "<p>Les agriculteurs bloquent des autoroutes.</p><p>Le gouvernement promet des aides.</p></body></html>"
    ),
}


def open_batch_tab(page) -> None:
    page.click("button[role='tab']:has-text('Batch')")
    page.wait_for_selector("#wb-batch-files input[type=file]", state="attached")


def wait_for_zip(page) -> zipfile.ZipFile:
    page.wait_for_selector("#wb-batch-zip", state="visible", timeout=240_000)
    with page.expect_download() as download:
        page.click("#wb-batch-zip")
    return zipfile.ZipFile(download.value.path())


def test_three_files_to_a_zip(page, tmp_path, artifacts):
    paths = []
    for name, text in FILES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / name))
    open_batch_tab(page)
    page.set_input_files("#wb-batch-files input[type=file]", paths)
    page.wait_for_function(
        "() => ['hopitaux', 'otan', 'routes'].every(n => document.querySelector('#wb-batch-files').innerText.includes(n))",  # names and suffixes render apart
        timeout=30_000,
    )
    page.click("#wb-batch-start")
    archive = wait_for_zip(page)

    assert page.get_attribute("#wb-batch-progress .wb-batch-progress", "data-state") == "done"
    assert "3/3 documents (3 done, 0 errors)" in page.inner_text("#wb-batch-progress")
    names = sorted(archive.namelist())
    markdown = [n for n in names if n.startswith("markdown/")]
    assert len(markdown) == 3 and {"summary.csv", "results.jsonl"} <= set(names)
    results = [Result.model_validate_json(line) for line in archive.read("results.jsonl").decode().splitlines()]
    assert [r.paragraphs[0].sentences[0].source for r in results] == [
        "Le ministre a annoncé lundi un plan pour les hôpitaux.",
        "La réunion des ministres de la Défense s'est tenue vendredi à Bruxelles.",
        "Les agriculteurs bloquent des autoroutes.",
    ]
    assert all("var x" not in r.source_text for r in results)  # HTML reduced to its visible text
    for name, result in zip(markdown, results):
        assert result.paragraphs[0].translation in archive.read(name).decode()
    rows = list(csv.DictReader(io.StringIO(archive.read("summary.csv").decode())))
    assert [row["status"] for row in rows] == ["done"] * 3
    assert [row["headline"] for row in rows] == [r.summaries["headline"].text for r in results]

    table = page.inner_text("#wb-batch-results")
    for name in FILES:
        assert name in table
    assert "Les agriculteurs bloquent des autoroutes." in table
    jobs = page.inner_text("#wb-batch-jobs")
    assert "hopitaux.txt, otan.md, routes.html" in jobs
    page.screenshot(path=str(artifacts / "app-batch.png"), full_page=True)
    assert page.js_errors == []


def test_ambiguous_csv_column_is_chosen_by_the_user(page, tmp_path):
    path = tmp_path / "wire.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "text", "body"])
        writer.writerow(["1", "titre court", "Le Sénat a adopté mardi le projet de loi."])
        writer.writerow(["2", "autre titre", "Les députés examineront le texte en juin."])
    open_batch_tab(page)
    page.set_input_files("#wb-batch-files input[type=file]", [str(path)])
    page.wait_for_selector("#wb-batch-column", state="visible")
    assert "choose one" in page.inner_text("#wb-batch-column-note")
    page.click("#wb-batch-column input")
    page.click("ul[role='listbox'] li:has-text('body')")
    page.click("#wb-batch-start")
    archive = wait_for_zip(page)
    results = [json.loads(line) for line in archive.read("results.jsonl").decode().splitlines()]
    sources = [r["paragraphs"][0]["sentences"][0]["source"] for r in results]
    assert sources == ["Le Sénat a adopté mardi le projet de loi.", "Les députés examineront le texte en juin."]
