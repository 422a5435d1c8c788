"""``uploaded_file``: the app's own check (independent of Gradio's) that a client-given path is an upload."""

from __future__ import annotations

import pytest

from service.app.uploads import NotUploaded, uploaded_file


@pytest.fixture
def folders(tmp_path, monkeypatch):
    uploads, outside = tmp_path / "uploads", tmp_path / "outside"
    uploads.mkdir(), outside.mkdir()
    monkeypatch.setenv("GRADIO_TEMP_DIR", str(uploads))
    (outside / "secret.txt").write_text("secret", encoding="utf-8")
    (uploads / "abc").mkdir()
    (uploads / "abc" / "dispatch.txt").write_text("Le vote a eu lieu.", encoding="utf-8")
    return uploads, outside


def test_a_file_in_the_upload_folder_is_allowed(folders):
    uploads, _ = folders
    assert uploaded_file(uploads / "abc" / "dispatch.txt") == (uploads / "abc" / "dispatch.txt").resolve()


@pytest.mark.parametrize("make", [
    lambda up, out: out / "secret.txt",                                   # a plain server path
    lambda up, out: up / ".." / "outside" / "secret.txt",                 # climbing out with ..
    lambda up, out: up / "abc",                                           # a folder, not a file
    lambda up, out: up / "missing.txt",                                   # nothing there
    lambda up, out: "/etc/passwd",
])
def test_paths_outside_or_not_files_are_refused(folders, make):
    uploads, outside = folders
    with pytest.raises(NotUploaded) as info:
        uploaded_file(make(uploads, outside))
    assert "secret" not in info.value.message and "outside" not in info.value.message


def test_a_link_inside_the_upload_folder_pointing_out_is_refused(folders):
    uploads, outside = folders
    link = uploads / "abc" / "link.txt"
    link.symlink_to(outside / "secret.txt")
    with pytest.raises(NotUploaded):
        uploaded_file(link)


def test_without_an_upload_folder_nothing_is_allowed(folders, monkeypatch):
    uploads, _ = folders
    monkeypatch.delenv("GRADIO_TEMP_DIR")
    with pytest.raises(NotUploaded):
        uploaded_file(uploads / "abc" / "dispatch.txt")
