"""Uploading a file in the Dispatch view fills the text box; HTML is reduced to text, with a note."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_html_upload_is_reduced_to_text_with_a_note(page, tmp_path):
    path = tmp_path / "depeche.html"
    path.write_text(
        "<html><head><style>p{}</style></head><body><h1>Grève</h1><p>Les cheminots sont en grève <b>jeudi</b>.</p>"
        "<script>alert(1)</script></body></html>",
        encoding="utf-8",
    )
    page.set_input_files("#wb-dispatch-upload input[type=file]", str(path))
    page.wait_for_function(
        "() => document.querySelector('#wb-dispatch-text textarea').value.includes('cheminots')", timeout=30_000
    )
    text = page.input_value("#wb-dispatch-text textarea")
    assert "Les cheminots sont en grève jeudi." in text and "Grève" in text
    assert "alert" not in text and "<" not in text
    assert "HTML reduced to text" in page.inner_text("#wb-dispatch-upload-note")


def test_unsupported_upload_is_refused_with_the_reason(page, tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Réunion à l'Élysée".encode("latin-1"))
    page.set_input_files("#wb-dispatch-upload input[type=file]", str(path))
    page.wait_for_selector("#wb-dispatch-upload-note :text('Could not read the file')", timeout=30_000)
    assert "UTF-8" in page.inner_text("#wb-dispatch-upload-note")
