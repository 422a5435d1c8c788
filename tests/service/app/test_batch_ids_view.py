"""Issue 16 point 8 in a real browser: a CSV's own id column stays with each row in the Batch view's table, the
ZIP's file names and summary.csv, and the History list; a row opens side by side."""

from __future__ import annotations

import csv
import io

import pytest

from tests.service.app.test_batch_view import open_batch_tab, wait_for_zip

pytestmark = pytest.mark.browser

ROWS = [
    ("AFP-7731", "Le conseil régional a voté jeudi un budget de 40 millions d'euros pour les lycées."),
    ("AFP-7732", "Les pompiers ont maîtrisé vendredi un incendie dans une forêt des Landes."),
]


def test_csv_row_ids_in_table_zip_and_history(page, tmp_path, artifacts):
    path = tmp_path / "depeches.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "text"])
        writer.writerows(ROWS)
    open_batch_tab(page)
    page.set_input_files("#wb-batch-files input[type=file]", [str(path)])
    page.wait_for_function("() => document.querySelector('#wb-batch-files').innerText.includes('depeches')", timeout=30_000)
    page.click("#wb-batch-start")
    archive = wait_for_zip(page)
    assert sorted(n for n in archive.namelist() if n.startswith("markdown/")) == [
        "markdown/00000-AFP-7731.md", "markdown/00001-AFP-7732.md"
    ]
    rows = list(csv.DictReader(io.StringIO(archive.read("summary.csv").decode("utf-8"))))
    assert [r["id"] for r in rows] == ["AFP-7731", "AFP-7732"]
    table = page.inner_text("#wb-batch-results")
    assert "id AFP-7731" in table and "id AFP-7732" in table
    page.locator("#wb-batch-results :text('id AFP-7732') >> visible=true").first.click()
    page.wait_for_selector("#wb-batch-doc-sbs .wb-src", timeout=30_000)
    assert page.inner_text("#wb-batch-doc-sbs .wb-src[data-k='0-0']") == ROWS[1][1]
    page.screenshot(path=str(artifacts / "reader-batch-ids.png"), full_page=False)
    page.get_by_role("tab", name="History").click()
    page.wait_for_function(
        "() => document.querySelector('#wb-history-table').innerText.includes('[AFP-7731]')", timeout=30_000
    )
    assert "[AFP-7732] " + ROWS[1][1][:40] in page.inner_text("#wb-history-table")
    assert page.js_errors == []
