"""Numbers in French and English typography, words, scales, percentages and ordinals — real French examples."""

import pytest

from service.facts import check_translation, extract_facts


def numbers(text, lang):
    return {f.value for f in extract_facts(text, lang) if f.type == "number"}


@pytest.mark.parametrize(
    "fr, value",
    [
        ("La mission Resolute Support compte 12.000 personnels.", "12000"),
        ("Elle compte 12 000 personnels.", "12000"),
        ("Elle compte 12\u202f000 personnels.", "12000"),  # narrow no-break space, as typeset by AFP
        ("Le taux est de 3,5 en moyenne.", "3.5"),
        ("La ville compte 1,2 million d'habitants.", "1200000"),
        ("Le déficit atteint 1,2 milliard.", "1200000000"),
        ("Le chômage a reculé de 11% en un an.", "11"),
        ("Le chômage a reculé de 11 % en un an.", "11"),
        ("Il a terminé 2e du classement.", "2"),
        ("Le 1er ministre est arrivé.", "1"),
        ("Au XXe siècle, la ville a doublé.", "20"),
        ("Il y a dix-neuf blessés.", "19"),
        ("On compte quatre-vingt-dix-sept victimes.", "97"),
        ("Ils étaient deux cent cinquante.", "250"),
        ("Cinq millions de personnes peuplent la Norvège.", "5000000"),
    ],
)
def test_french_formats(fr, value):
    assert value in numbers(fr, "fr")


@pytest.mark.parametrize(
    "en, value",
    [
        ("It has 12,000 staff.", "12000"),
        ("The rate is 3.5 on average.", "3.5"),
        ("A city of 1.2 million people.", "1200000"),
        ("A deficit of 1.2 billion.", "1200000000"),
        ("Unemployment fell by 11 per cent.", "11"),
        ("He finished 2nd.", "2"),
        ("nineteen were injured", "19"),
        ("two hundred and fifty people", "250"),
    ],
)
def test_english_formats(en, value):
    assert value in numbers(en, "en")


@pytest.mark.parametrize(
    "fr, en",
    [
        ("Elle compte 12.000 personnels.", "It has 12,000 staff."),
        ("Elle compte 12 000 personnels.", "It has 12,000 staff."),
        ("La ville compte 1,2 million d'habitants.", "The city has 1.2 million inhabitants."),
        ("Le déficit atteint 1,2 milliard.", "The deficit reaches 1.2 billion."),
        ("Une hausse de 3,5 %.", "A 3.5% rise."),
        ("De fait, 11% des citoyens américains, soit 21 millions de personnes en âge de voter, ne possèdent pas de "
         "cartes d'identité avec photo.", "In fact, 11% of American citizens, i.e. 21 million people of voting age, "
         "do not possess a photo ID card."),
        ("Le 1er tour a eu lieu.", "The 1st round took place."),
        ("Il est arrivé 3e.", "He came third."),
        ("Au XXe siècle.", "In the 20th century."),
        ("Nous sommes qualifiés pour les 8es de finale.", "We qualified for the last 16."),
        ("Il a couru 10 km.", "He ran six miles."),
        ("D'ailleurs, les avocats républicains n'ont recensé que 300 cas de fraude électorale aux États-Unis en dix ans.",
         "Indeed, Republican lawyers identified only 300 cases of electoral fraud in the United States in a decade."),
    ],
)
def test_faithful_translation_has_no_number_issue(fr, en):
    assert [i for i in check_translation(fr, en) if i.type == "number"] == []


def test_changed_number_is_flagged_both_ways():
    fr = "L'Otan a actuellement 500 personnels en Irak."
    issues = check_translation(fr, "NATO currently has 600 personnel in Iraq.")
    kinds = {(i.type, i.side) for i in issues}
    assert ("number", "source") in kinds and ("number", "target") in kinds
    assert any("500" in i.source for i in issues)


def test_dropped_number_is_flagged():
    issues = check_translation("L'Otan a actuellement 500 personnels en Irak.", "NATO currently has personnel in Iraq.")
    assert [i.type for i in issues] == ["number"]


def test_number_written_in_words_matches_digits():
    assert check_translation("Ils ont attendu trois semaines.", "They waited 3 weeks.") == []


def test_repeated_figure_dropped_once_is_flagged():
    issues = check_translation("Le score était de 1-1, puis de 1-1 encore.", "The score was 1-1, then 1 again.")
    assert any(i.type == "number" and "times" in i.detail for i in issues)


def test_scaled_range_whose_second_number_is_zero():
    # "de 10 à 0 millions": the scale of the second number applies to the first; its digits being 0 once raised
    # ZeroDivisionError (issue 15)
    fr = "Le budget passera de 10 à 0 millions d'euros."
    facts = extract_facts(fr, "fr")
    assert any(f.type in ("money", "number") for f in facts)
    assert check_translation(fr, "The budget will go from 10 to 0 million euros.") == []
    twelve = [f for f in extract_facts("entre 12 et 0 millions", "fr") if f.text == "12"]
    assert twelve and "n:12000000" in twelve[0].provides
