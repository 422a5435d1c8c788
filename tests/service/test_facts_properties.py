"""The fact checker never raises, whatever the text: property-based tests (Hypothesis) throw arbitrary strings and
number-, money- and date-heavy strings at every extractor and at the checks, in both languages (issue 15: a
range "de 10 à 0 millions" once raised ZeroDivisionError, a 500 for the reader)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from service.facts import check_summary, check_translation, extract_facts, link_provenance
from service.facts.dates import find_dates
from service.facts.gazetteer import load_gazetteer
from service.facts.money import find_money
from service.facts.names import find_english_names, find_french_names
from service.facts.ner import load_ner
from service.facts.numbers import find_numerals
from service.facts.quotes import find_quotes
from service.facts.text import sentence_starts

# Pieces real dispatches are made of, glued by arbitrary separators: digits in both typographies, scales, number
# words, currencies, months, weekdays, clock times, ordinals, percent signs, quotation marks, names.
PIECES = [
    "0", "00", "000", "0,0", "1", "10", "12", "1.280", "1,280", "12 000", "12\u202f000", "3,5", "3.5", "1er", "2e",
    "XXe", "IVe", "1963", "2013", "99999999999999999999", "1e308", "-", "–", "à", "et", "ou", "de", "entre", "to",
    "and", "between", "from", "million", "millions", "milliard", "milliards", "mille", "milles", "billion", "md",
    "bn", "m", "k", "%", "pour cent", "per cent", "€", "$", "£", "euros", "dollars", "d'euros", "zéro", "un", "une",
    "deux", "dix", "vingt", "quatre-vingt", "cent", "neuf", "dix-neuf", "one", "twenty", "hundred", "a", "half",
    "demi", "et demi", "dizaine", "dozens", "janvier", "mars", "mai", "March", "May", "lundi", "Monday", "le", "the",
    "15h30", "3:30", "pm", "h", "km", "miles", "°C", "«", "»", "\"", "“", "”", ":", ",", ".", "(", ")", "M.", "Mme",
    "Jean-Marc Ayrault", "Bruxellois", "Otan", "NATO", "ASFC", "l'", "d'", "J.-C", "\n",
]
SEPARATORS = st.sampled_from([" ", "", "\u00a0", "\u202f", "-", ", ", ". ", "'"])
number_heavy = st.lists(st.tuples(st.sampled_from(PIECES), SEPARATORS), max_size=25).map(
    lambda parts: "".join(p + s for p, s in parts)
)
any_text = st.text(max_size=200)
texts = st.one_of(any_text, number_heavy)
LANGS = st.sampled_from(["fr", "en"])

# Bounded run time: few examples each, no deadline per example (the shared CI box is slow and noisy).
FAST = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module", autouse=True)
def _ner_loaded():
    load_ner()  # once, outside the timed examples


@FAST
@given(texts, LANGS)
def test_extractors_never_raise(text, lang):
    starts = sentence_starts(text)
    numerals = find_numerals(text, lang)
    money, money_spans = find_money(text, lang, numerals)
    dates, date_spans = find_dates(text, lang, numerals, starts)
    gaz = load_gazetteer()
    if lang == "fr":
        names = find_french_names(text, starts, money_spans + date_spans, gaz, load_ner())
    else:
        names = find_english_names(text, starts, money_spans + date_spans, gaz)
    find_quotes(text, lang, names)
    for fact in extract_facts(text, lang):
        assert 0 <= fact.start <= fact.end <= len(text)


@FAST
@given(texts, texts)
@example("Le budget passera de 10 à 0 millions d'euros.", "The budget will go from 10 to 0 million euros.")
def test_check_translation_never_raises(source, translation):
    issues = check_translation(source, translation)
    assert all(i.detail for i in issues)


@FAST
@given(texts, texts)
def test_summary_checks_never_raise(source, summary):
    check_summary(source, summary)
    link_provenance([summary], [source])
