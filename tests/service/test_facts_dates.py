"""Dates and times: weekdays, months, "début janvier", "février 2021", "le 3 mars", 15h30 ↔ 3:30 pm / 15:30."""

import pytest

from service.facts import check_translation, extract_facts


def keys(text, lang):
    return {k for f in extract_facts(text, lang) if f.type == "date" for k in f.keys}


@pytest.mark.parametrize(
    "fr, key",
    [
        ("Les Alliés ont accepté vendredi de renforcer la mission.", "w:5"),
        ("Une frappe américaine début janvier près de Bagdad.", "m:1"),
        ("La prochaine réunion des ministres en février 2021.", "m:2"),
        ("La prochaine réunion des ministres en février 2021.", "y:2021"),
        ("Le sommet aura lieu le 3 mars.", "dm:3-3"),
        ("Le 1er mai, les syndicats défilent.", "dm:1-5"),
        ("Le train part à 15h30.", "t:15:30"),
        ("La séance reprendra à 9 heures.", "t:09:00"),
        ("Dans les années 1990, la ville a changé.", "dec:1990"),
    ],
)
def test_french_dates(fr, key):
    assert key in keys(fr, "fr")


@pytest.mark.parametrize(
    "fr, en",
    [
        ("Les Alliés ont accepté vendredi de renforcer la mission.", "The allies agreed on Friday to strengthen the mission."),
        ("Une frappe début janvier.", "A strike in early January."),
        ("La réunion des ministres en février 2021.", "The ministers' meeting in February 2021."),
        ("Le sommet aura lieu le 3 mars.", "The summit will take place on March 3."),
        ("Le sommet aura lieu le 3 mars.", "The summit will take place on 3 March."),
        ("Le train part à 15h30.", "The train leaves at 3:30 pm."),
        ("Le train part à 15h30.", "The train leaves at 15:30."),
        ("Le train part à 19h30.", "The train leaves at 7.30pm."),
        ("Dans les années 60, la ville a changé.", "In the '60s, the city changed."),
    ],
)
def test_faithful_dates_have_no_issue(fr, en):
    assert [i for i in check_translation(fr, en) if i.type == "date"] == []


@pytest.mark.parametrize(
    "fr, wrong",
    [
        ("Les Alliés ont accepté vendredi de renforcer la mission.", "The allies agreed on Thursday to strengthen the mission."),
        ("La réunion des ministres en février 2021.", "The ministers' meeting in March 2021."),
        ("La réunion des ministres en février 2021.", "The ministers' meeting in February 2012."),
        ("Le sommet aura lieu le 3 mars.", "The summit will take place on March 4."),
        ("Le train part à 15h30.", "The train leaves at 5:30 pm."),
    ],
)
def test_changed_date_is_flagged(fr, wrong):
    assert any(i.type == "date" for i in check_translation(fr, wrong))


def test_may_the_verb_is_not_a_month():
    assert keys("It may rain. Theresa May spoke.", "en") == set()
    assert "m:5" in keys("It happened in May.", "en")


@pytest.mark.parametrize(
    "fr, en",
    [
        ("La pension est revalorisée de 2 % au 1er janvier.", "The pension is raised by 2% on 1 January."),
        ("Mars met 687 jours à faire le tour du Soleil.", "Mars takes 687 days to orbit the Sun."),
        ("Le festival a lieu chaque année en mai.", "The festival takes place every May."),
    ],
)
def test_a_rate_the_planet_and_every_may_are_read_right(fr, en):
    """Invented pairs (second probe): "2 % au 1er janvier" is no day range, "Mars" opening a sentence without a day
    is the planet, "every May" is the month."""
    assert [i.brief() for i in check_translation(fr, en)] == []


def test_a_month_or_range_day_changed_is_still_flagged():
    assert any(i.type == "date" for i in check_translation("Le festival a lieu en mai.", "The festival takes place every June."))
    assert any(i.type == "date" for i in check_translation("Du 3 au 5 mars.", "From 4 to 5 March."))
    assert "m:3" in keys("Il est arrivé en mars. Mars 2020 fut pluvieux.", "fr")
