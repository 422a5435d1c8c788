"""service.text.normalize: invisible characters, line breaks and French spacing."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.settings import get_settings
from service.text.normalize import Normalized, normalize


def _data_file(*parts: str) -> Path:
    path = get_settings().data_root.joinpath(*parts)
    if not path.is_file():
        pytest.skip(f"evaluation data not found at {path} (set WIREBRIEF_DATA_ROOT)")
    return path


def test_clean_text_is_unchanged_and_has_no_notes():
    text = "Les ministres ont également discuté de la mission Resolute Support en Afghanistan."
    assert normalize(text) == Normalized(text=text, notes=[])


def test_nfc_composes_accents():
    result = normalize("Les Alliés des E\u0301tats-Unis")  # "É" as E + combining acute
    assert result.text == "Les Alliés des États-Unis"
    assert "applied Unicode NFC composition" in result.notes


def test_zero_width_characters_are_removed_and_counted():
    text = "\ufeffL'Otan\u200b a\u200c actuellement\u200d 500\u2060 personnels en Irak."
    result = normalize(text)
    assert result.text == "L'Otan a actuellement 500 personnels en Irak."
    assert "removed 5 zero-width characters" in result.notes


def test_bidi_controls_are_removed_and_counted():
    text = "\u202aBRUXELLES\u202c : \u2066Jens Stoltenberg\u2069\u200e a\u200f annoncé\u202e.\u202d\u202b\u2067\u2068"
    result = normalize(text)
    assert result.text == "BRUXELLES : Jens Stoltenberg a annoncé."
    assert "removed 11 bidirectional formatting characters" in result.notes


def test_control_characters_removed_tab_becomes_space_newline_kept():
    result = normalize("Les Américains\x07 ont\tdemandé\x00 de transférer\nà l'Otan\x1b.")
    assert result.text == "Les Américains ont demandé de transférer\nà l'Otan."
    assert "removed 3 control characters" in result.notes


def test_windows_and_old_mac_line_endings_become_newlines():
    result = normalize("BRUXELLES : Les Alliés.\r\nLes ministres.\rFin.")
    assert result.text == "BRUXELLES : Les Alliés.\nLes ministres.\nFin."
    assert "converted 2 line endings to \\n" in result.notes


def test_french_nbsp_before_punctuation_becomes_plain_space():
    text = "Il a averti\u00a0: «\u00a0Un dilemme va se poser\u00a0»\u202f! Pourquoi\u202f? Parce que\u00a0; voilà."
    result = normalize(text)
    assert result.text == "Il a averti : « Un dilemme va se poser » ! Pourquoi ? Parce que ; voilà."
    assert "replaced 6 non-breaking spaces with plain spaces" in result.notes


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Elle compte 12\u202f000 personnels.", "Elle compte 12 000 personnels."),
        ("Elle compte 12\u00a0000 personnels.", "Elle compte 12 000 personnels."),
        ("soit 1\u00a0234\u00a0567 euros", "soit 1 234 567 euros"),
        ("soit 35\u2009000 dollars", "soit 35 000 dollars"),  # thin space, also a digit separator
    ],
)
def test_digit_grouping_keeps_a_plain_space(raw, expected):
    assert normalize(raw).text == expected


def test_space_runs_collapse_and_lines_are_stripped():
    result = normalize("  Les   ministres \t ont discuté.   \nElle compte  12.000 personnels.\t \n")
    assert result.text == "Les ministres ont discuté.\nElle compte 12.000 personnels."
    assert result.notes == []


def test_three_or_more_newlines_collapse_to_a_blank_line():
    result = normalize("Premier paragraphe.\n\n\n\n\nDeuxième.\n \n \nTroisième.\n\nQuatrième.")
    assert result.text == "Premier paragraphe.\n\nDeuxième.\n\nTroisième.\n\nQuatrième."


def test_soft_hyphen_and_unicode_line_separator():
    result = normalize("désen\u00adgagement\u2028suite")
    assert result.text == "désengagement\nsuite"
    assert "removed 1 soft hyphen" in result.notes
    assert "replaced 1 Unicode line separator with \\n" in result.notes


def test_singular_note_wording():
    assert normalize("a\u200bb").notes == ["removed 1 zero-width character"]


def test_idempotent():
    messy = "\ufeff  BRUXELLES\u00a0:\r\n\r\n\r\n\u202eLes Alliés\u200b ont\t\taccepté\x07.  "
    once = normalize(messy).text
    again = normalize(once)
    assert again.text == once
    assert again.notes == []


def test_real_dispatch_is_already_clean():
    text = _data_file("samples", "otan-irak.fr.txt").read_text(encoding="utf-8")
    result = normalize(text)
    assert result.text == text.strip()
    assert result.notes == []


def test_real_newstest_nbsp_lines():
    lines = _data_file("newstest2013-fr-en", "newstest2013.fr").read_text(encoding="utf-8").splitlines()
    with_nbsp = [ln for ln in lines if "\u00a0" in ln]
    assert with_nbsp, "newstest2013.fr is known to contain non-breaking spaces"
    for line in with_nbsp:
        result = normalize(line)
        assert "\u00a0" not in result.text
        assert result.text.replace(" ", "") == line.replace("\u00a0", "").replace(" ", "").strip()
        assert any("non-breaking space" in note for note in result.notes)
    killed = next(ln for ln in lines if "77\u00a0personnes" in ln)  # "a abattu 77 personnes"
    assert "77 personnes" in normalize(killed).text
