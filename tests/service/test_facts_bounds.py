"""The bound said before a figure (issue 15, a miss of the invented pairs): "plus de 400 mètres" → "less than 400
metres" kept the number and reversed the fact. Reported now; the same bound in other words, a figure said without
one, and a bound under a negation (unknown) are not."""

from __future__ import annotations

import pytest

from service.facts import check_translation
from service.facts.bounds import bound_before


def details(fr: str, en: str) -> list[str]:
    return [i.detail for i in check_translation(fr, en)]


@pytest.mark.parametrize(
    "fr, en, said",
    [
        ("Il y a plus de 400 mètres.", "There are less than 400 metres.", "'plus de 400' became 'less than 400'"),
        ("Pas moins de 20 personnes sont mortes.", "Fewer than 20 people died.", "'Pas moins de 20' became 'Fewer than 20'"),
        ("Moins de 3 millions d'euros ont été versés.", "More than €3 million was paid.", "became 'More than €3 million'"),
        ("Le taux est inférieur à 2 %.", "The rate is above 2%.", "'inférieur à 2 %' became 'above 2%'"),
    ],
)
def test_a_reversed_bound_is_reported(fr, en, said):
    assert [d for d in details(fr, en) if d.startswith("bound changed") and said in d], details(fr, en)


@pytest.mark.parametrize(
    "fr, en",
    [
        ("Il y a plus de 400 mètres.", "There are more than 400 metres."),
        ("Il y a plus de 400 mètres.", "There are over 400 metres."),
        ("Il y a plus de 400 mètres.", "There are 400 metres."),  # a bound dropped is a looser translation, not a swap
        ("Pas moins de 20 personnes sont mortes.", "No fewer than 20 people died."),
        ("Pas moins de 20 personnes sont mortes.", "At least 20 people died."),
        ("Moins de 3 millions d'euros ont été versés.", "Under €3 million was paid."),
        ("Jusqu'à 300 personnes pourront entrer.", "Up to 300 people will be admitted."),
        # under a negation the bound is unknown: "not smaller than 14 cm" is "at least 14 cm"
        ("Les bananes ne doivent pas être d'une taille inférieure à 14 cm.", "Bananas must measure at least 14 cm."),
        # the figure is also said elsewhere without the opposite bound
        ("Plus de 40 % des votants, soit 40 % des inscrits.", "Less than 40% of those who voted, 40% of the registered."),
    ],
)
def test_the_same_bound_or_none_is_no_alarm(fr, en):
    assert details(fr, en) == []


def test_bounds_are_read_longest_first():
    assert bound_before("pas moins de 20", 13, "fr") == ("min", "pas moins de")
    assert bound_before("pas plus de 20", 12, "fr") == ("max", "pas plus de")
    assert bound_before("no more than 20", 13, "en") == ("max", "no more than")
    assert bound_before("de 20", 3, "fr") is None
