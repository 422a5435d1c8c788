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
        # units offered as alternatives after a slash: the figure may be read in either
        ("Le mur fait 12 pieds.", "The wall is 12 m/ft high."),
    ],
)
def test_the_same_quantity_in_any_unit_is_no_alarm(fr, en):
    assert details(fr, en) == []


def test_a_slash_alternative_does_not_hide_a_changed_unit_elsewhere():
    assert details("Le mur fait 12 pieds.", "The wall is 12 m high.")[0].startswith("unit changed")
    assert details("La vitesse était de 130 km/h.", "The speed was 130 km/h.") == []  # a speed, no alternative


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
