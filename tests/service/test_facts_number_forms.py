"""Number forms of encyclopedic and news text (issue 15, fifth pass), from invented pairs: compound ordinals in
words, a scaled number before its unit, a height in feet and inches written out, durations. Each fails without its
fix."""

from __future__ import annotations

import pytest

from service.facts import check_translation, extract_facts


def numbers(text: str, lang: str) -> list[tuple[str, list[str]]]:
    return [(f.text, f.keys) for f in extract_facts(text, lang) if f.type == "number"]


def details(fr: str, en: str) -> list[str]:
    return [i.detail for i in check_translation(fr, en)]


def test_a_compound_ordinal_in_words_is_one_number():
    assert numbers("He was the forty-fourth president.", "en") == [("forty-fourth", ["n:44"])]
    assert numbers("le vingt et unième siècle", "fr")[0] == ("vingt et unième", ["n:21", "cent:21"])  # a century
    assert details("Il était le 44e président.", "He was the forty-fourth president.") == []
    assert details("Il était le 44e président.", "He was the forty-fifth president.") != []
    assert numbers("forty four people", "en") == [("forty four", ["n:44"])]  # a cardinal stays one
    assert numbers("the forty-second street", "en") == [("forty-second", ["n:42"])]
    # "the first twenty days": two numbers, not the 21st
    assert numbers("les vingt premiers jours", "fr") == [("vingt", ["n:20"]), ("premiers", ["n:1"])]
    assert details("Les vingt premiers jours ont été durs.", "The first twenty days were hard.") == []


def test_a_scaled_number_before_de_and_its_unit_is_a_measure():
    fr = "La sonde a parcouru 6,4 milliards de kilomètres."
    assert details(fr, "The probe travelled 4 billion miles.") == []
    assert details(fr, "The probe travelled 6.4 billion kilometres.") == []
    assert details(fr, "The probe travelled 9 billion miles.") != []


def test_a_height_in_feet_and_inches_written_out_is_one_length():
    assert details("Il mesure 1,80 m.", "He is 5 ft 11 in tall.") == []
    assert details("Il mesure 1,80 m.", "He is 5 feet 11 inches tall.") == []
    assert details("Il mesure 1,80 m.", "He is 6 ft 11 in tall.") != []


def test_a_duration_in_hours_and_minutes_is_kept_in_any_english_form_and_required():
    fr = "Le vol dure 2 h 30."
    for en in ("The flight lasts 2.5 hours.", "The flight lasts two and a half hours.",
               "The flight lasts 2 hours 30 minutes."):
        assert details(fr, en) == [], en
    assert details(fr, "The flight lasts hours.") == ["duration '2 h 30' is missing from the translation"]
    assert [i.type for i in check_translation(fr, "The flight lasts hours.")] == ["number"]  # an amount, not a date
    # "durée de" ends in "de", which also reads as a clock cue: still a duration
    assert details("Le film a une durée de 1h30.", "The film is 1.5 hours long.") == []
    fr = "On peut circuler pendant 1h30."
    assert details(fr, "You can ride for an hour and a half.") == []
    assert details(fr, "You can ride for hours.") != []


def test_a_duration_is_not_counted_like_a_figure_nor_makes_english_number_words_checked():
    # written twice and kept twice in two forms: no "appears 2 times" issue
    assert details("Le premier vol dure 2 h 30 et le retour dure 2 h 30.",
                   "The first flight lasts 2h30 and the return flight 2.5 hours.") == []
    # a source whose only figure is a duration: the translation's number words are its own explicitness, as for a
    # source with no figure at all
    assert details("Ils ont attendu pendant 1h30 devant la préfecture.",
                   "The three men waited for an hour and a half outside the prefecture.") == []


def test_an_anniversary_a_term_or_an_age_in_one_word_supports_its_number():
    assert details("La ville fête son bicentenaire.", "The city celebrates its 200th anniversary.") == []
    assert details("Il a été élu pour un quinquennat.", "He was elected for a five-year term.") == []
    assert details("L'octogénaire a été arrêté.", "The 80-year-old was arrested.") == []
    # it supports its own number only
    assert details("La ville fête son bicentenaire.", "The city celebrates its 300th anniversary.") == [
        "number 300 ('300th') is not in the source"]


def test_an_article_before_a_roman_ordinal_is_not_a_roman_numeral():
    """ "Le IIIe Reich": "Le" is the article, not L (50) + "e"; "Le Ve arrondissement" names no one."""
    assert details("Le IIIe Reich s'effondra en 1945.", "The Third Reich collapsed in 1945.") == []
    assert details("Ce XXe siècle fut violent.", "This 20th century was violent.") == []
    assert details("Les Ve et VIe siècles furent troublés.", "The 5th and 6th centuries were troubled.") == []
    assert details("Le Ve arrondissement est calme.", "The 5th arrondissement is quiet.") == []
    assert details("Le Ve arrondissement est calme.", "The 6th arrondissement is quiet.") == [
        "number 5 ('Ve') is missing from the translation", "number 6 ('6th') is not in the source"]


def test_a_million_and_a_half_in_words_is_one_and_a_half_million():
    fr = "La ville compte un million et demi d'habitants."
    assert details(fr, "The city has 1.5 million inhabitants.") == []
    assert details(fr, "The city has 2.5 million inhabitants.") != []
    assert details("La ville compte deux millions et demi d'habitants.",
                   "The city has two and a half million inhabitants.") == []


def test_the_exponent_of_a_unit_written_without_superscript_is_not_a_number():
    assert details("Le parc s'étend sur 1 000 km2.", "The park covers 1,000 square kilometres.") == []
    assert details("La superficie est de 643 801 km².", "The area is 643,801 km2.") == []
    assert details("L'appartement fait 45 m2.", "The flat is 45 square metres.") == []
    assert details("L'appartement fait 45 m2.", "The flat is 54 square metres.") != []


def test_nil_in_a_score_is_zero():
    assert details("L'équipe a gagné 3 à 0.", "The team won three-nil.") == []
    assert details("L'équipe a gagné 3 à 1.", "The team won three-nil.") == ["number 1 ('1') is missing from the translation"]


def test_round_the_clock_is_no_figure_to_keep():
    assert details("La boutique est ouverte 24 heures sur 24.", "The shop is open around the clock.") == []
    assert details("La boutique est ouverte 24h/24 et 7j/7.", "The shop never closes.") == []
    assert details("La boutique est ouverte 24 heures sur 24.", "The shop is open 24/7.") == []
    assert details("La boutique est ouverte 24 heures sur 24.", "The shop is open 12 hours a day.") == [
        "number 12 ('12') is not in the source"]


def test_a_century_is_its_hundreds():
    assert details("Le château date du XVIIIe siècle.", "The castle dates from the 1700s.") == []
    assert details("Le château date du 18e siècle.", "The castle dates from the 1700s.") == []
    assert details("Le château date du XVIIIe siècle.", "The castle dates from the 1600s.") != []


def test_minutes_and_fractions_of_an_hour_are_one_duration():
    assert details("Il faut 30 minutes en bus.", "It takes half an hour by bus.") == []
    assert details("Il faut 45 minutes en bus.", "It takes three quarters of an hour by bus.") == []
    assert details("Il faut 15 minutes à pied.", "It takes a quarter of an hour on foot.") == []
    assert details("La visite dure une heure et demie.", "The tour lasts 90 minutes.") == []
    assert details("La visite dure 90 minutes.", "The tour lasts an hour and a half.") == []
    assert details("Il faut 30 minutes en bus.", "It takes an hour by bus.") == ["number 30 ('30') is missing from the translation"]
    assert details("La visite dure une heure et demie.", "The tour lasts 80 minutes.") == ["number 80 ('80') is not in the source"]


def test_a_half_after_the_noun_counts():
    assert details("Il a fallu deux ans et demi.", "It took 2.5 years.") == []
    assert details("Il a fallu 2 ans et demi.", "It took two and a half years.") == []
    assert details("Il a fallu deux ans et demi.", "It took 3.5 years.") == [
        "number 2.5 ('deux') is missing from the translation", "number 3.5 ('3.5') is not in the source"]


def test_an_angle_in_degrees_is_no_temperature():
    assert details("Le virage fait 90 degrés.", "The bend is 90 degrees.") == []
    assert details("La pente est de 10 degrés.", "The slope is 50 °F.") != []


@pytest.mark.parametrize(("french", "english"), [
    # a duration said in words supports the same duration, never the bare figure elsewhere
    ("En une heure, la police a interpellé 60 personnes.", "Within an hour, police arrested dozens of people."),
    ("Le trajet dure une demi-heure.", "The trip takes 30 seconds."),
    ("Le discours a duré 30 secondes.", "The speech lasted half an hour."),
    ("L'attaque a fait 90 morts.", "The attack lasted an hour and a half; dozens died."),
    # a century or an anniversary supports itself only
    ("Dans les années 2000, 21 pays ont signé.", "In the 2000s, many countries signed."),
    ("La ville compte 100 habitants depuis son centenaire.", "The town has had few inhabitants since its centenary."),
    ("La ville fête son 300e anniversaire.", "The city celebrates its bicentenary."),
    # a dropped half is a changed figure
    ("Il a été condamné à deux ans et demi de prison.", "He was sentenced to two years in prison."),
    ("Il a été condamné à 5 ans de prison.", "He was sentenced to five and a half years in prison."),
])
def test_the_new_equivalences_hide_no_changed_figure(french, english):
    assert [i for i in check_translation(french, english) if i.type == "number"] != []


def test_the_equivalences_still_hold_both_ways():
    assert details("La ville fête son 200e anniversaire.", "The city celebrates its bicentenary.") == []
    assert details("Il a été condamné à 5 ans et demi de prison.", "He was sentenced to five and a half years in prison.") == []
    assert details("Le train roule à 100 km à l'heure.", "The train runs at 62 miles an hour.") == []
    # "Le millénaire" is the article and a noun, not L (50); "au km2" is a kilometre post, not an exponent
    assert details("Le millénaire a commencé en l'an 1001.", "The millennium began in the year 1001.") == []
    assert details("La route passe au km2 du parcours.", "The road passes kilometre 2 of the course.") == []


def test_a_clock_time_and_a_half_or_a_quarter():
    assert details("Le train part à 14 heures et demie.", "The train leaves at 2:30 pm.") == []
    assert details("Le train part à 9 heures et quart.", "The train leaves at 9:15.") == []
    assert details("Le train part à 14 heures et demie.", "The train leaves at 2 pm.") != []
