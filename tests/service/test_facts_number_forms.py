"""Number forms of encyclopedic and news text (issue 15, fifth pass), from invented pairs: compound ordinals in
words, a scaled number before its unit, a height in feet and inches written out, durations. Each fails without its
fix."""

from __future__ import annotations

from service.facts import check_translation, extract_facts


def numbers(text: str, lang: str) -> list[tuple[str, list[str]]]:
    return [(f.text, f.keys) for f in extract_facts(text, lang) if f.type == "number"]


def details(fr: str, en: str) -> list[str]:
    return [i.detail for i in check_translation(fr, en)]


def test_a_compound_ordinal_in_words_is_one_number():
    assert numbers("He was the forty-fourth president.", "en") == [("forty-fourth", ["n:44"])]
    assert numbers("le vingt et unième siècle", "fr")[0] == ("vingt et unième", ["n:21"])
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
