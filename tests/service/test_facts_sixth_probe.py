"""Forms found by a second round of invented pairs (issue 15; none from the evaluation sets): regnal numbers,
a body's name spelled out before its acronym, a temperature scale, sports times, approximate thousands, rounds of
a cup, anniversaries said as an age. Each fails without its fix, and a changed fact is still reported."""

from __future__ import annotations

import pytest

from service.facts import check_translation, extract_facts


def details(fr: str, en: str) -> list[str]:
    return [i.detail for i in check_translation(fr, en)]


def numbers(text: str, lang: str) -> list[tuple[str, float]]:
    return [(f.text, f.data["value"]) for f in extract_facts(text, lang) if f.type == "number"]


def test_a_changed_regnal_number_is_reported():
    fr = "Henri VIII a épousé six femmes."
    assert details(fr, "Henry VIII married six women.") == []
    assert "number 8 ('VIII') is missing from the translation" in details(fr, "Henry VII married six women.")
    assert details("Le pape Grégoire XIII a réformé le calendrier.", "Pope Gregory XIV reformed the calendar.") != []
    assert details("Le pape Grégoire XIII a réformé le calendrier.", "Pope Gregory XIII reformed the calendar.") == []
    assert details("Le règne d'Henri IV a commencé en 1589.", "The reign of Henry V began in 1589.") != []  # elision
    # a regnal number the translator adds is no alarm; initials, lower-case context and other letters are no numerals
    assert details("Saint Louis mourut devant Tunis en 1270.", "Louis IX died outside Tunis in 1270.") == []
    assert numbers("Malcolm X est né à Omaha.", "fr") == [] and numbers("les II et III", "fr") == []
    assert numbers("She lives in Washington DC.", "en") == []


def test_a_name_inside_a_body_spelled_out_before_its_acronym_is_kept_by_the_acronym():
    fr = "Le Fonds des Nations unies pour l'enfance (Unicef) alerte sur la malnutrition."
    assert details(fr, "UNICEF warns about malnutrition.") == []
    assert details("Le Programme des Nations unies pour le développement (PNUD) publie son rapport.",
                   "The UN Development Programme (UNDP) publishes its report.") == []
    # without the acronym, or with another body in its place, the name is still reported
    assert "name 'Nations unies' is missing from the translation" in details(fr, "Oxfam warns about malnutrition.")
    assert "name 'Paris' is missing from the translation" in details("Le ministère (Paris) a parlé.", "The ECB spoke.")


@pytest.mark.parametrize("fr, en, dropped", [
    ("Emmanuel Macron et Olaf Scholz ont rencontré le chef de l'Organisation mondiale de la santé (OMS).",
     "Emmanuel Macron met the head of the WHO.", "Olaf Scholz"),
    ("Le maire de Lyon, Grégory Doucet (EELV), a parlé à Marseille.", "The EELV mayor spoke in Marseille.", "Lyon"),
    ("Le maire, Grégory Doucet (EELV), a parlé.", "The EELV mayor spoke.", "Grégory Doucet"),
    ("Christine Lagarde, directrice du Fonds monétaire international (FMI), a parlé.", "The IMF director spoke.",
     "Christine Lagarde"),
    ("Le sommet de Bruxelles sur la Banque centrale européenne (BCE) a échoué.", "The ECB summit failed.", "Bruxelles"),
    ("Le Parti socialiste de Rennes (PS) a voté.", "The PSG voted.", "Rennes"),
])
def test_a_name_outside_the_spelled_out_body_is_not_kept_by_its_acronym(fr, en, dropped):
    """From the review: a person before a party label, a name followed by a comma or by more than a few words before
    the bracket, or an acronym that only contains the source's, keep nothing."""
    assert f"name '{dropped}' is missing from the translation" in details(fr, en)



def test_a_temperature_scale_is_kept_by_its_symbol_and_a_swapped_one_is_reported():
    assert details("L'eau bout à 100 degrés Celsius.", "Water boils at 100°C.") == []
    assert details("Il fait 30 degrés Celsius.", "It is 30 °C.") == []
    assert "name 'Celsius' is missing from the translation" in details("Il fait 30 degrés Celsius.", "It is 30°F.")
    assert details("Il fait 86 degrés Fahrenheit.", "It is 86 degrees Celsius.") != []


@pytest.mark.parametrize("fr, en, wrong", [
    ("Bolt a couru le 100 m en 9 secondes 58.", "Bolt ran the 100m in 9.58 seconds.", "Bolt ran the 100m in 9.68 seconds."),
    ("Il a devancé son rival de 35 centièmes.", "He beat his rival by 0.35 seconds.", "He beat his rival by 0.45 seconds."),
    ("Une cinquantaine de milliers de manifestants ont défilé.", "Around 50,000 protesters marched.",
     "Around 5,000 protesters marched."),
    ("Le club fête ses 100 ans cette année.", "The club celebrates its centenary this year.",
     "The club celebrates its bicentenary this year."),
])
def test_sports_times_approximate_thousands_and_an_age_as_anniversary(fr, en, wrong):
    assert details(fr, en) == []
    assert details(fr, wrong) != []


@pytest.mark.parametrize("fr, en", [
    ("Un bus part toutes les 30 minutes.", "A bus leaves every half hour."),
    ("Il a inscrit un triplé.", "He scored a hat-trick."),
    ("La France s'est qualifiée pour les huitièmes de finale.", "France qualified for the last 16."),
    ("Elle a gagné le 200 m quatre nages.", "She won the 200m individual medley."),
])
def test_sports_and_timetable_idioms(fr, en):
    assert details(fr, en) == []


def test_the_idioms_hide_no_changed_figure():
    assert details("Un bus part toutes les 20 minutes.", "A bus leaves every half hour.") != []
    assert details("La France s'est qualifiée pour les huitièmes de finale.", "France qualified for the last 32.") != []


def test_a_place_named_like_a_function_word_is_a_name_to_keep():
    fr = "Depuis Florence, Sienne est à une heure de bus."
    assert details(fr, "Siena is an hour by bus from Florence.") == []
    assert "name 'Sienne' is missing from the translation" in details(fr, "Pisa is an hour by bus from Florence.")


def test_one_or_two_hours_of_travel_is_a_duration_to_keep():
    fr = "Depuis Florence, Sienne est à une heure de bus."
    assert details(fr, "Siena is two hours by bus from Florence.") != []
    assert details(fr, "Siena is one hour by bus from Florence.") == []
    assert details("Il est parti il y a une heure.", "He left an hour ago.") == []
    assert details("Il est rentré à une heure du matin.", "He came home at 1 am.") == []


def test_a_regnal_number_with_a_possessive_and_a_minute_with_an_article():
    """Two defects of the rules above, found when a reviewer adjudicated their new flags on FLORES-200."""
    assert details("Henri VIII a épousé six femmes.", "Henry VIII's six wives.") == []
    assert details("Henri VIII a épousé six femmes.", "Henry VII's six wives.") != []
    assert details("Ils ont observé une minute de silence.", "They observed a minute's silence.") == []
    assert details("Il a attendu pendant une minute.", "He waited for a minute.") == []
    assert details("Il a attendu pendant une minute.", "He waited for two minutes.") != []
