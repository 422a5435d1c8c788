"""The fact checker's word lexicon (FreeDict dictd files): reading them, and names a translator renders word by word
("Verseau" → "Aquarius", "Jardin d'été" → "Summer Garden") counted as kept, while a name swapped for another is
still reported."""

from __future__ import annotations

import gzip
import logging
import os
from pathlib import Path

import pytest

from service.facts import check_translation
from service.facts import lexicon as lexicon_module
from service.facts.lexicon import DEFAULT_DIR, Lexicon, load_lexicon, preload_lexicon

_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def _b64(n: int) -> str:
    out = ""
    while True:
        out = _B64[n % 64] + out
        n //= 64
        if not n:
            return out


def write_dictd(folder: Path, name: str, entries: list[tuple[str, str]], short: str) -> None:
    """A dictd dictionary as FreeDict ships it: ``name.index`` (headword, base-64 offset and length) and
    ``name.dict.dz`` (gzip; dictzip is gzip with an index the reader does not need)."""
    body, index = b"", []
    for head, text in [("00databaseshort", short + "\n")] + entries:
        raw = text.encode("utf-8")
        index.append(f"{head}\t{_b64(len(body))}\t{_b64(len(raw))}")
        body += raw
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.index").write_text("\n".join(index) + "\n", encoding="utf-8")
    (folder / f"{name}.dict.dz").write_bytes(gzip.compress(body))


FRENCH_ENGLISH = [
    ("verseau", "verseau /vɛʀso/ <n, masc>\nAquarius\n"),
    ("pierre", "pierre /pjɛʀ/ <n, masc>\nstone\n"),
    ("celui", "celui /səlɥi/\nthat, that one\n"),
    ("boire", "boire /bwaʀ/ <vt>\n1. drink\n2. to take a drink of alcohol at night\n"),
]
ENGLISH_FRENCH = [("garden", "garden /gɑːdn/\njardin\n"), ("summer", "summer /sʌmər/\nété\n")]


@pytest.fixture()
def lexicon_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "dictd"
    write_dictd(folder, "freedict-fra-eng", FRENCH_ENGLISH, "French-English FreeDict Dictionary ver. 9.9.1")
    write_dictd(folder, "freedict-eng-fra", ENGLISH_FRENCH, "English-French FreeDict Dictionary ver. 1.2")
    return folder


@pytest.fixture()
def use_lexicon(monkeypatch, lexicon_dir):
    """The checker's default lexicon comes from ``lexicon_dir`` (WIREBRIEF_FACT_LEXICON_DIR's role)."""
    monkeypatch.setattr(lexicon_module, "_setting_dir", lambda: str(lexicon_dir))
    return lexicon_dir


def test_both_dictionaries_are_read_and_the_english_french_one_backwards(lexicon_dir):
    lex = load_lexicon(lexicon_dir)
    assert lex.translations("Verseau") == {"aquarius"}
    assert lex.translations("jardin") == {"garden"}  # from "garden → jardin"
    assert lex.translations("Pierres") == {"stone"}  # a plural finds its singular
    assert lex.translations("boire") == {"drink"}  # an explanation of more than three words is no rendering
    assert lex.signature() == "freedict-fra-eng 9.9.1 + freedict-eng-fra 1.2"


def test_a_missing_lexicon_is_empty_and_the_warning_says_what_to_install(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="wirebrief.facts"):
        lex = load_lexicon(tmp_path / "nothing-here")
    assert len(lex) == 0 and lex.signature() == "none"
    assert "apt-get install dict-freedict-fra-eng dict-freedict-eng-fra" in caplog.text
    assert "WIREBRIEF_FACT_LEXICON_DIR" in caplog.text


def test_a_damaged_dictionary_is_skipped_with_a_warning_and_the_other_still_read(lexicon_dir, caplog):
    (lexicon_dir / "freedict-fra-eng.dict.dz").write_bytes(b"not gzip at all")
    with caplog.at_level(logging.WARNING, logger="wirebrief.facts"):
        lex = load_lexicon(lexicon_dir)
    assert lex.translations("jardin") == {"garden"}
    assert lex.translations("verseau") == frozenset()
    assert lex.signature() == "freedict-eng-fra 1.2"
    assert "could not read the word lexicon" in caplog.text


@pytest.mark.parametrize(
    ("french", "english"),
    [
        ("La comète traverse la constellation du Verseau cette semaine.",
         "The comet crosses the Aquarius constellation this week."),
        ("Les touristes se promènent dans le Jardin d'été de Saint-Pétersbourg.",
         "Tourists stroll in the Summer Garden of St Petersburg."),
        ("Le musée expose la Pierre de Rosette depuis 1802.", "The museum has shown the Rosetta Stone since 1802."),
    ],
)
def test_a_name_rendered_word_by_word_is_kept_only_with_the_lexicon(french, english, use_lexicon, monkeypatch):
    assert [i for i in check_translation(french, english) if i.type == "name"] == []
    monkeypatch.setattr(lexicon_module, "_setting_dir", lambda: str(use_lexicon / "absent"))
    assert [i.source for i in check_translation(french, english) if i.type == "name"] != []


@pytest.mark.parametrize(
    ("french", "english", "name"),
    [
        ("La comète traverse la constellation du Verseau cette semaine.",
         "The comet crosses the Orion constellation this week.", "Verseau"),
        ("Le musée expose la Pierre de Rosette depuis 1802.", "The museum has shown the Rosetta papyrus since 1802.",
         "Pierre"),
    ],
)
def test_a_name_swapped_for_another_is_still_reported(french, english, name, use_lexicon):
    assert name in [i.source for i in check_translation(french, english) if i.type == "name"]


def test_a_rendering_in_lower_case_names_nothing(use_lexicon):
    """ "the stone" is a thing, not the "Pierre" of a name: only a capitalized rendering counts."""
    french = "Le musée expose la Pierre de Rosette depuis 1802."
    assert "Pierre" in [i.source for i in check_translation(french, "The museum has shown the stone since 1802.")]


def test_the_preload_reads_the_lexicon_once_for_the_process(lexicon_dir):
    thread = preload_lexicon(lexicon_dir)
    thread.join(timeout=30)
    assert not thread.is_alive()
    assert load_lexicon(str(lexicon_dir)) is load_lexicon(lexicon_dir)


def test_the_installed_freedict_lexicon_gives_the_renderings_the_checker_relies_on():
    """The real dictionaries (Debian dict-freedict-fra-eng and dict-freedict-eng-fra, installed by make install),
    not a fixture: the renderings above exist in them."""
    if not (Path(DEFAULT_DIR) / "freedict-fra-eng.index").exists():
        reason = f"FreeDict's dictionaries are not in {DEFAULT_DIR}: apt-get install dict-freedict-fra-eng dict-freedict-eng-fra"
        if os.environ.get("CI"):
            pytest.fail(reason + " (make test installs them; CI must have them)")
        pytest.skip(reason)
    lex = load_lexicon(DEFAULT_DIR)
    assert lex.signature().startswith("freedict-fra-eng ") and "freedict-eng-fra " in lex.signature()
    assert {"troy"} <= lex.translations("Troie") and {"flanders"} <= lex.translations("Flandre")
    assert {"aquarius"} <= lex.translations("Verseau") and {"garden"} <= lex.translations("jardin")
    assert {"holy"} <= lex.translations("Sainte") and {"cross"} <= lex.translations("Croix")
    assert len(lex) > 8000


def test_an_empty_lexicon_changes_nothing():
    assert len(Lexicon()) == 0 and Lexicon().translations("Troie") == frozenset()


def test_a_name_half_changed_is_reported_and_one_word_paraphrased_is_not(use_lexicon):
    def name_issues(french: str, english: str) -> list[str]:
        return [i.source for i in check_translation(french, english) if i.type == "name"]

    french = "Les touristes se promènent dans le Jardin Impérial de Saint-Pétersbourg."
    assert name_issues(french, "Tourists stroll in the Imperial Garden of St Petersburg.") == []
    assert name_issues(french, "Tourists stroll in the Winter Garden of St Petersburg.") == ["Jardin Impérial"]
    # two words of three kept ("Garden" by the lexicon, "Imperial" as written), one paraphrased: kept
    french = "Les touristes se promènent dans le Jardin Botanique Impérial de Saint-Pétersbourg."
    assert name_issues(french, "Tourists stroll in the Imperial Plant Garden of St Petersburg.") == []
    assert name_issues(french, "Tourists stroll in the Royal Plant Garden of St Petersburg.") == ["Jardin Botanique Impérial"]
