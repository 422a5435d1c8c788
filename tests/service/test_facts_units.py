"""A figure kept with another unit is a changed fact (found by a review of the checker: the number alone matched).
"2 heures" → "2 minutes", "10 km" → "10 miles", "3 ans" → "3 months", "une heure" → "a minute" are reported; a
conversion ("48 heures" → "two days", "10 km" → "six miles") and the same unit in other words are not."""

from __future__ import annotations

import pytest

from service.facts import check_translation, extract_facts
from service.facts.units import time_unit_after


def details(fr: str, en: str) -> list[str]:
    return [i.detail for i in check_translation(fr, en)]


@pytest.mark.parametrize(
    "fr, en, said",
    [
        ("Il a marché pendant 2 heures.", "He walked for 2 minutes.", "'2 heures' became '2 minutes'"),
        ("Le trajet fait 10 km.", "The trip is 10 miles.", "'10 km' became '10 miles'"),
        ("Il a été condamné à 3 ans de prison.", "He was sentenced to 3 months in prison.", "'3 ans' became '3 months'"),
        ("Il a couru pendant une heure.", "He ran for a minute.", "'une heure' became 'a minute'"),
        ("Le colis pèse 20 kg.", "The parcel weighs 20 pounds.", "'20 kg' became '20 pounds'"),
        ("La grève a duré 12 jours.", "The strike lasted 12 weeks.", "'12 jours' became '12 weeks'"),
        # found by a review: another use of the number, without a unit, does not excuse the change
        ("Les secours ont mis 3 heures à arriver, 3 victimes sont mortes.",
         "Rescuers took 3 minutes to arrive; 3 victims died.", "'3 heures' became '3 minutes'"),
        # a soft "deux" is checked for its unit
        ("Il a été condamné à deux ans de prison.", "He was sentenced to two months in prison.",
         "'deux ans' became 'two months'"),
        ("L'appartement fait 50 m².", "The flat is 50 square feet.", "'50 m²' became '50 square feet'"),
        ("Il travaille 3 jours/semaine.", "He works 3 weeks a day.", "'3 jours' became '3 weeks'"),  # a rate
        # a second review: two figures whose units were swapped
        ("Il a dormi 2 heures puis couru 5 minutes.", "He slept 2 minutes then ran 5 hours.",
         "'2 heures' became '2 minutes'"),
        ("La grève a duré 15 jours.", "The strike lasted 15 weeks.", "'15 jours' became '15 weeks'"),
    ],
)
def test_a_figure_kept_with_another_unit_is_reported(fr, en, said):
    assert [d for d in details(fr, en) if said in d and d.startswith("unit changed")], details(fr, en)


@pytest.mark.parametrize(
    "fr, en",
    [
        ("Il a marché pendant 2 heures.", "He walked for 2 hours."),
        ("Il a marché pendant 2 heures.", "He walked for two hours."),
        ("Il a marché pendant 2 heures.", "He walked for 120 minutes."),
        ("Il a été détenu 48 heures.", "He was held for two days."),  # a conversion, no number in common
        ("Il a été détenu 48 heures.", "He was held for 48 hours."),
        ("Il a été détenu pendant 48 heures.", "He was held in a 48-hour custody."),
        ("Le trajet fait 10 km.", "The trip is six miles."),
        ("Le trajet fait 10 km.", "The trip is 10 kilometres (six miles)."),
        ("Un garçon de 12 ans est mort.", "A 12-year-old boy died."),
        ("Un garçon de 12 ans est mort.", "A boy aged 12 died."),
        ("Il a couru pendant une heure.", "He ran for an hour."),
        ("Il a couru pendant une heure.", "He ran for 60 minutes."),
        ("Il a couru pendant 30 minutes.", "He ran for half an hour."),
        ("Les travaux dureront 18 mois.", "The work will last 18 months."),
        ("La vitesse était de 130 km/h.", "The speed was 130 km/h."),
        ("Rendez-vous à 20 h.", "Meet at 8 pm."),
        ("Il a purgé 2 ans, soit 24 mois.", "He served 2 years, or 24 months."),
        ("Il a été condamné à deux ans de prison.", "He got a two-year prison sentence."),
        ("L'appartement fait 50 m².", "The flat is 50 square metres."),
        ("Un homme de 45 ans a été tué, 45 minutes après.", "A 45-year-old man was killed 45 minutes later."),
        # a second review: the other unit belongs to another figure of the source ("48 heures" → "two days") or
        # says an article ("une journée" → "one day"); "huit jours" is a week, "15 jours" two
        ("Un garçon de 2 ans, porté disparu depuis 48 heures, a été retrouvé.",
         "A boy, 2, missing for two days, has been found."),
        ("Un enfant de 2 ans, disparu depuis 15 jours, a été retrouvé.", "A child aged two, missing for two weeks, was found."),
        ("Le joueur de 20 ans a marqué 20 buts en seconde période.", "The player, 20, scored 20 second-half goals."),
        ("Une semaine après le drame, une journée de deuil a été décrétée.",
         "A week after the tragedy, one day of mourning was declared."),
        ("Un mois après, une grève de 24 heures a eu lieu.", "A month later, a one-day strike took place."),
        ("Un an après, une trêve de huit jours.", "A year later, a one-week truce."),
        ("La grève a duré 15 jours.", "The strike lasted two weeks."),
        # units offered as alternatives after a slash: the figure may be read in either
        ("Le mur fait 12 pieds.", "The wall is 12 m/ft high."),
    ],
)
def test_the_same_quantity_in_any_unit_is_no_alarm(fr, en):
    assert details(fr, en) == []


def test_a_slash_alternative_does_not_hide_a_changed_unit_elsewhere():
    assert details("Le mur fait 12 pieds.", "The wall is 12 m high.")[0].startswith("unit changed")
    assert details("La vitesse était de 130 km/h.", "The speed was 130 km/h.") == []  # a speed, no alternative


@pytest.mark.parametrize(
    "fr, en",
    [
        # time converts exactly: a 5 % margin (right for rounded miles) hid a changed prison term
        ("Il a été condamné à 35 mois de prison.", "He was sentenced to three years in prison."),
        ("Il a été condamné à 23 mois de prison.", "He was sentenced to two years in prison."),
    ],
)
def test_a_time_is_no_rounded_conversion(fr, en):
    assert "number 35 ('35') is missing from the translation" in details(fr, en) or \
        "number 23 ('23') is missing from the translation" in details(fr, en)


def test_the_other_figure_with_that_number_is_not_called_a_changed_unit():
    """ "72 ans … 72 heures" → "72-year-old … three days": the '72-year-old' is the age, the hours became days."""
    said = details("Une femme de 72 ans a été sauvée après 72 heures sous les décombres.",
                   "A 72-year-old woman was rescued after three days under the rubble.")
    assert not [d for d in said if d.startswith("unit changed")]


def test_odd_letters_that_match_a_unit_without_case_do_not_raise():
    assert time_unit_after("2 ſecondes", 1, "fr") is None and time_unit_after("2 MİN", 1, "en") is None
    assert details("2 ſecondes plus tard, 3 moıs après.", "2 seconds later, 3 months after.") == []


def test_units_of_time_are_read_per_language():
    assert time_unit_after("3 heures", 1, "fr") == ("time", 3600)
    assert time_unit_after("a 30-year-old", 4, "en") == ("time", 365.25 * 86400)
    assert time_unit_after("130 km/h", 3, "fr") is None  # a speed
    assert time_unit_after("the 1990s", 8, "en") is None  # a decade, not seconds
    assert time_unit_after("$2 an hour", 2, "en") is None  # "an" is French only
    assert time_unit_after("2 hourly", 1, "en") is None  # a word that starts like a unit


def test_deux_heures_stays_a_soft_deux():
    """Units of time are kept apart from measures: "deux" before one is still soft ("a couple of hours")."""
    deux = [f for f in extract_facts("Il a attendu deux heures.", "fr") if f.type == "number"]
    assert deux and all(f.soft for f in deux)


@pytest.mark.parametrize(
    "fr, value",
    [("Il fera moins 5 °C.", -5.0), ("Il a couru au moins 25 km.", 25000.0), ("Il fait plus ou moins 25 °C.", 25.0),
     ("Il fera -5 °C.", -5.0)],
)
def test_moins_is_a_sign_only_alone(fr, value):
    """ "au moins 25 km" is a bound, not -25 km (a wrong sign made a unit given after a slash look changed)."""
    measures = [f.data.get("measure") for f in extract_facts(fr, "fr") if f.type == "number"]
    assert measures and measures[0][0][1] == value
    assert details("Il a couru au moins 25 km.", "He ran at least 25 miles/km.") == []


@pytest.mark.parametrize(
    "fr, en, kept",
    [
        ("Il a été retenu 24 heures.", "He was held for a day.", True),  # found on real news by a helper
        ("La grève a duré 15 jours.", "The strike lasted a fortnight.", True),
        ("Il a été condamné à 12 mois.", "He was sentenced to a year.", True),
        ("Il a été retenu 24 heures.", "He was held for a week.", False),
        ("Il a été condamné à 11 mois.", "He was sentenced to a year.", False),
    ],
)
def test_a_quantity_of_time_said_with_the_article(fr, en, kept):
    assert (details(fr, en) == []) is kept, details(fr, en)
