"""service.text.detect: language of a dispatch (lingua, restricted to common news languages)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from service.result import LanguageInfo
from service.settings import PROJECT_ROOT, get_settings
from service.text.detect import LANGUAGES, SAMPLE_CHARS, NoLanguageError, _detector, detect_language, language_name


def _data_file(*parts: str) -> Path:
    path = get_settings().data_root.joinpath(*parts)
    if not path.is_file():
        pytest.skip(f"evaluation data not found at {path} (set WIREBRIEF_DATA_ROOT)")
    return path


def test_real_french_dispatch():
    text = _data_file("samples", "otan-irak.fr.txt").read_text(encoding="utf-8")
    info = detect_language(text)
    assert isinstance(info, LanguageInfo)
    assert (info.code, info.name, info.given) == ("fr", "French", False)
    assert info.confidence > 0.9


def test_real_newstest_sentences_fr_and_en():
    root = ("newstest2013-fr-en",)
    fr = _data_file(*root, "newstest2013.fr").read_text(encoding="utf-8").splitlines()[:60]
    en = _data_file(*root, "newstest2013.en").read_text(encoding="utf-8").splitlines()[:60]
    # Single sentences, some of them four-word headlines: measured 60/60 for each (199/200 fr and
    # 196/200 en over the first 200 lines).
    assert sum(detect_language(s).code == "fr" for s in fr) >= 58
    assert sum(detect_language(s).code == "en" for s in en) >= 58
    # A paragraph of them is unambiguous.
    assert detect_language(" ".join(en[:5])).code == "en"
    assert detect_language(" ".join(fr[:5])).confidence > 0.9


@pytest.mark.parametrize(
    ("text", "code", "name"),
    [
        (
            "NATO allies agreed on Friday to expand the alliance's training mission in Iraq and warned "
            "Washington against a unilateral withdrawal from the country and from Afghanistan.",
            "en",
            "English",
        ),
        (
            "Die Verbündeten der Vereinigten Staaten haben am Freitag beschlossen, die Mission der Nato im "
            "Irak zu verstärken, und Washington vor einem einseitigen Rückzug gewarnt.",
            "de",
            "German",
        ),
        (
            "Los aliados de Estados Unidos acordaron el viernes reforzar la misión de la OTAN en Irak y "
            "advirtieron a Washington contra una retirada unilateral del país y de Afganistán.",
            "es",
            "Spanish",
        ),
    ],
)
def test_other_languages_with_confidence(text, code, name):
    info = detect_language(text)
    assert (info.code, info.name) == (code, name)
    assert info.confidence > 0.5


def test_french_quoting_english_stays_french():
    text = (
        "Le président américain a lancé devant ses partisans : « We will never give up, we will fight "
        "until the very end », avant de quitter la salle sous les applaudissements."
    )
    assert detect_language(text).code == "fr"
    straight = 'Jens Stoltenberg a cité le slogan "Stronger together, safer together" à Bruxelles vendredi.'
    assert detect_language(straight).code == "fr"


def test_confidence_is_in_unit_interval():
    for text in ("Bonjour", "Hello", "OTAN", "Irak"):
        info = detect_language(text)
        assert 0.0 <= info.confidence <= 1.0
        assert len(info.code) == 2 and info.code.islower()


@pytest.mark.parametrize("text", ["", "   \n\t ", "12 000 — 3,5 % !!! 15:30 ?", "🙂🙂 ... 2021"])
def test_no_letters_raises(text):
    with pytest.raises(NoLanguageError, match="no letters"):
        detect_language(text)


def test_no_language_error_is_a_value_error():
    assert issubclass(NoLanguageError, ValueError)


def test_script_outside_the_candidates_raises():
    with pytest.raises(NoLanguageError, match="no candidate language"):
        detect_language("สวัสดีครับ ยินดีต้อนรับ")  # Thai is not among the 20 candidates


def test_only_the_opening_is_read():
    french = "Les ministres de la Défense de l'Otan se sont réunis à Bruxelles vendredi. " * 40
    assert len(french) > SAMPLE_CHARS
    english = "The ministers met in Brussels on Friday and agreed on a plan. " * 200
    assert detect_language(french + english).code == "fr"


def test_detector_is_cached_and_restricted():
    assert _detector() is _detector()
    assert len(LANGUAGES) == 20


def test_import_does_not_build_the_detector():
    code = (
        "import service.text.detect as d, service.text.segment, service.text.normalize; "
        "d.language_name('fr'); print(d._detector.cache_info().currsize)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "0"


def test_language_name_for_a_stated_language():
    assert language_name("fr") == "French"
    assert language_name("DE") == "German"
    assert language_name("pt-BR") == "Portuguese"
    assert language_name("xx") == "xx"
