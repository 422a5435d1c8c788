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
    ("meunier", "meunier /mønje/ <n, masc>\nmiller\n"),
    ("dame", "dame /dam/ <n, fem>\nlady, queen, king\n"),
    ("botanique", "botanique /bɔtanik/ <adj>\nbotanical\n"),
    ("cent", "cent /sɑ̃/ <num>\nhundred\n"),
    ("an", "an /ɑ̃/ <n, masc>\nyear\n"),
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


@pytest.mark.parametrize("damage", ["not gzip", "corrupt body"])
def test_a_damaged_dictionary_is_skipped_with_a_warning_and_the_other_still_read(lexicon_dir, caplog, damage):
    data = lexicon_dir / "freedict-fra-eng.dict.dz"
    if damage == "not gzip":
        data.write_bytes(b"not gzip at all")
    else:  # a valid gzip header, a broken deflate stream (zlib.error, not an OSError)
        raw = bytearray(data.read_bytes())
        raw[12:40] = b"\xff" * 28
        data.write_bytes(bytes(raw))
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
        # the lexicon gives singulars ("ans" → "year"): a plural word of a name is found in its English plural
        ("La guerre de Cent Ans dura en réalité cent seize ans.", "The Hundred Years' War actually lasted 116 years."),
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
        ("La guerre de Cent Ans dura en réalité cent seize ans.", "The Thirty Years' War actually lasted 116 years.",
         "Cent Ans"),
    ],
)
def test_a_name_swapped_for_another_is_still_reported(french, english, name, use_lexicon):
    assert name in [i.source for i in check_translation(french, english) if i.type == "name"]


def test_a_rendering_in_lower_case_names_nothing(use_lexicon):
    """ "the stone" is a thing, not the "Pierre" of a name: only a capitalized rendering counts."""
    french = "Le musée expose la Pierre de Rosette depuis 1802."
    assert "Pierre" in [i.source for i in check_translation(french, "The museum has shown the stone since 1802.")]


def test_a_lexicon_folder_that_is_a_file_gives_an_empty_lexicon(tmp_path):
    folder = tmp_path / "not-a-folder"
    folder.write_text("x")
    assert len(load_lexicon(folder)) == 0


def test_the_preload_reads_the_lexicon_once_for_the_process(lexicon_dir, monkeypatch):
    thread = preload_lexicon(lexicon_dir)
    thread.join(timeout=30)
    assert not thread.is_alive()

    def no_second_read(*args):
        raise AssertionError("the dictionaries were read again")

    monkeypatch.setattr(lexicon_module, "read_dictd", no_second_read)
    assert load_lexicon(str(lexicon_dir)).translations("verseau") == {"aquarius"}


def test_a_person_is_not_translated_word_for_word(use_lexicon):
    """ "M. Meunier" is no "Mr Miller", though "meunier" is "miller"."""
    assert "Meunier" in [i.source for i in check_translation("M. Meunier a été élu.", "Mr Miller was elected.")]


def test_a_capital_that_starts_a_sentence_renders_no_name(use_lexicon):
    french = "Le musée expose la Pierre de Rosette depuis 1802."
    assert "Pierre" in [i.source for i in check_translation(
        french, "The museum has shown the papyrus since 1802. Stone walls surround it.")]


def test_a_word_of_many_senses_renders_nothing(use_lexicon):
    """ "dame" is lady, queen or king (at draughts): "the Queen" of another source word vouches for no "Notre-Dame"."""
    assert "Notre-Dame" in [i.source for i in check_translation("La reine a visité Notre-Dame.", "The Queen visited St Paul's.")]


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
    assert {"cross"} <= lex.translations("Croix") and lex.translations("dame") == frozenset()  # three senses
    assert len(lex) > 8000


def test_an_empty_lexicon_changes_nothing():
    assert len(Lexicon()) == 0 and Lexicon().translations("Troie") == frozenset()


def test_a_name_half_changed_is_reported(use_lexicon):
    french = "Les touristes se promènent dans le Jardin Impérial de Saint-Pétersbourg."
    names = [i.source for i in check_translation(french, "Tourists stroll in the Winter Garden of St Petersburg.")]
    assert "Jardin Impérial" in names


def test_more_than_half_of_the_words_must_be_rendered_and_one_by_the_lexicon(lexicon_dir):
    """The rule itself, on a name's words (the NER's spans aside): "Pierre", "Jardin" rendered ("Stone", "Garden"),
    "Impérial" paraphrased."""
    from service.facts.name_match import TextIndex, rendered_word_by_word

    lex, words = load_lexicon(lexicon_dir), ["Pierre", "Jardin", "Impérial"]
    assert rendered_word_by_word(words, TextIndex("They saw the Royal Stone Garden."), lex)  # 2 of 3
    assert not rendered_word_by_word(words, TextIndex("They saw the Royal Stone Park."), lex)  # 1 of 3
    assert not rendered_word_by_word(words, TextIndex("They saw the royal stone garden."), lex)  # no capitals
    assert not rendered_word_by_word(words, TextIndex("They saw the Royal Stone Garden."), Lexicon())  # no lexicon
    # kept as written or as a cognate counts toward the half, but one word must be a rendering
    assert rendered_word_by_word(["Jardin", "Impérial"], TextIndex("They saw the Imperial Garden."), lex)
    assert not rendered_word_by_word(["Impérial"], TextIndex("They saw the Imperial Park."), lex)
