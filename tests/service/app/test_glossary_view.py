"""The Glossary tab: the table <-> glossary conversion (unit), and in a real browser: add a term, save and apply it,
and see it in the next translation."""

from __future__ import annotations

import pytest

from service.app.tabs.glossary import KEEP_NOTE, doc_to_rows, remove, rows_to_doc, upsert
from service.errors import InputError
from service.glossary_edit import GlossaryDoc, GlossaryTerm


def test_rows_round_trip_and_blank_rows_are_skipped():
    doc = GlossaryDoc(terms=[GlossaryTerm(fr=["l'Otan", "Otan"], en="NATO")], keep=["Jean Dupont"])
    rows = doc_to_rows(doc)
    assert rows == [["term", "l'Otan | Otan", "NATO"], ["keep", "Jean Dupont", KEEP_NOTE]]
    assert rows_to_doc(rows + [["", "", ""]]) == doc
    with pytest.raises(InputError, match="row 2: kind is 'glossary'"):
        rows_to_doc([rows[0], ["glossary", "X", "Y"]])


def test_upsert_replaces_the_row_sharing_a_form_and_remove_drops_it():
    rows = [["term", "l'Otan | Otan", "NATO"], ["keep", "Jean Dupont", KEEP_NOTE]]
    rows = upsert(rows, "OTAN", "the Atlantic Alliance", keep=False)  # same form, other case: replaced in place
    assert rows == [["term", "OTAN", "the Atlantic Alliance"], ["keep", "Jean Dupont", KEEP_NOTE]]
    rows = upsert(rows, "Zorglub", "", keep=True)
    assert rows[-1] == ["keep", "Zorglub", KEEP_NOTE]
    with pytest.raises(InputError, match="give the English for 'Matignon'"):
        upsert(rows, "Matignon", " ", keep=False)
    rows, n = remove(rows, "jean dupont")
    assert n == 1 and [r[1] for r in rows] == ["OTAN", "Zorglub"]


class EchoModel:
    """Stands in for the tiny random model below the glossary protection: returns its (protected) input, so what
    reaches the English is exactly what the glossary put there. Everything else is the wrapped translator's."""

    def __init__(self, inner):
        self.inner = inner

    def translate(self, sentences, progress=None):
        if progress is not None:
            progress(len(sentences), len(sentences))
        return list(sentences)

    def __getattr__(self, name):
        return getattr(self.inner, name)


@pytest.mark.browser
def test_add_a_term_and_see_it_in_the_next_translation(page, live_app, user_glossary, monkeypatch, artifacts):
    protected = live_app.runtime.pipeline.stacks["fr"].glossary
    monkeypatch.setattr(protected, "inner", EchoModel(protected.inner))

    page.get_by_role("tab", name="Glossary").click()
    page.wait_for_selector("#wb-glossary-status :text('in effect')", timeout=30_000)
    shipped = len(live_app.runtime.pipeline.glossary)
    assert f"shipped: {shipped}" in page.inner_text("#wb-glossary-status")
    page.fill("#wb-glossary-fr textarea", "le Zorglub | Zorglub")
    page.fill("#wb-glossary-en textarea", "the Zorglub Agency")
    page.click("#wb-glossary-add")
    page.locator("#wb-glossary-user :text('the Zorglub Agency') >> visible=true").first.wait_for(timeout=30_000)
    page.click("#wb-glossary-save")
    page.wait_for_selector("#wb-glossary-message .wb-ok:has-text('applied')", timeout=30_000)
    assert "Zorglub Agency" in user_glossary.read_text(encoding="utf-8")
    page.screenshot(path=str(artifacts / "app-glossary.png"), full_page=True)

    page.get_by_role("tab", name="Dispatch").click()
    page.fill("#wb-dispatch-text textarea", "Le Zorglub a signé jeudi un accord avec les syndicats.")
    page.click("#wb-run")
    page.wait_for_selector("#wb-dispatch-progress .wb-finished", timeout=120_000)
    english = page.input_value("#wb-dispatch-translation textarea")
    assert english.startswith("The Zorglub Agency "), english
    assert "The Zorglub Agency" in page.inner_text("#wb-dispatch-sbs .wb-dst[data-k='0-0']")
    assert page.js_errors == []
