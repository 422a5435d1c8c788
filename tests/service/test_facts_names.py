"""Named entities: capitalization, the gazetteer (Otan → NATO, États-Unis → US, Irak → Iraq…), cognates, swaps."""

from pathlib import Path

import pytest

from service.facts import check_translation, extract_facts
from service.facts.gazetteer import load_gazetteer


@pytest.mark.parametrize(
    "fr, en",
    [
        ("Les ministres de l'Otan se sont réunis.", "NATO ministers met."),
        ("Les Alliés des Etats-Unis ont accepté.", "The allies of the United States agreed."),
        ("Les Alliés des États-Unis ont accepté.", "US allies agreed."),
        ("La mission en Irak sera renforcée.", "The mission in Iraq will be strengthened."),
        ("Une réunion à Bruxelles.", "A meeting in Brussels."),
        ("L'Allemagne maintient ses engagements.", "Germany is keeping its commitments."),
        ("Un vol pour Londres.", "A flight to London."),
        ("Selon le secrétaire général Jens Stoltenberg.", "According to Secretary General Jens Stoltenberg."),
        ("Pendant le règne de Moubarak, ces tribunaux réprimaient.", "During Mubarak's rule, these courts repressed."),
        ("Le test d'APS présente des erreurs.", "The PSA test shows errors."),
        ("Toutefois, Berlin doit faire preuve de prudence.", "However, Germany must be cautious."),
        ("Le Dr Martel l'explique.", "Dr Martel explains it."),
        ("Un rapport du Centre Brennan de 2011.", "A 2011 Brennan Centre report."),
    ],
)
def test_faithful_names_have_no_issue(fr, en):
    assert [i for i in check_translation(fr, en) if i.type == "name"] == []


@pytest.mark.parametrize(
    "fr, wrong",
    [
        ("Selon le secrétaire général Jens Stoltenberg.", "According to Secretary General Mark Rutte."),
        ("Une réunion à Bruxelles.", "A meeting in Madrid."),
        ("La Cour suprême des États-Unis confirma la loi.", "The Supreme Court of Canada upheld the law."),
        ("Un rapport du Centre Brennan de 2011.", "A 2011 Merkel Centre report."),
        ("A la suite de ces révélations, M. Tremblay a démissionné.", "Following these revelations, Mr Johnson resigned."),
    ],
)
def test_swapped_name_is_flagged(fr, wrong):
    assert any(i.type == "name" for i in check_translation(fr, wrong))


def test_sentence_initial_words_are_not_names():
    names = [f.text for f in extract_facts("Les dirigeants républicains justifièrent leur politique.", "fr") if f.type == "name"]
    assert names == []
    names = [f.text for f in extract_facts("Is this because they have better enforcement?", "en") if f.type == "name"]
    assert names == []


def test_gazetteer_has_a_few_hundred_entries():
    g = load_gazetteer()
    assert len(g.fr2en) >= 300
    assert "NATO" in g.fr2en["otan"] and "Iraq" in g.fr2en["irak"]


def test_real_dispatch_against_a_faithful_translation(data_root: Path | None = None):
    """The shared NATO/Iraq dispatch, first paragraphs, against a careful human-style English rendering."""
    from service.settings import get_settings

    sample = get_settings().data_root / "samples" / "otan-irak.fr.txt"
    if not sample.exists():
        pytest.skip("shared data not available")
    fr = sample.read_text(encoding="utf-8").splitlines()
    en = [
        "BRUSSELS: United States allies on Friday agreed to strengthen NATO's mission in Iraq and warned Washington "
        "against a unilateral withdrawal from that country and from Afghanistan, at a meeting of their defence "
        "ministers in Brussels.",
        '"The security situation in Iraq remains worrying, but NATO is ready to strengthen and extend its mission to '
        'train Iraqi forces," NATO Secretary General Jens Stoltenberg announced.',
        'NATO currently has 500 personnel in Iraq as part of its mission and is ready to "increase their number and '
        'broaden their responsibilities in consultation with the Iraqi authorities and with the global coalition '
        'against the Islamic State group," he said.',
        '"I cannot say now what their number will be. Planning will start and it will be discussed at the next '
        'meeting of defence ministers in February 2021," he explained.',
    ]
    for s, t in zip(fr[:4], en):
        assert check_translation(s, t) == [], (s, t)
