"""The bound said before a figure (issue 15, a miss of the invented pairs): "plus de 400 mètres" → "less than 400
metres" kept the number and reversed the fact. Reported now; the same bound in other words, a figure said without
one, and a bound under a negation (unknown) are not."""

from __future__ import annotations

import pytest

from service.facts import check_translation
from service.facts.bounds import bound_after, bound_before


def details(fr: str, en: str) -> list[str]:
    return [i.detail for i in check_translation(fr, en)]


@pytest.mark.parametrize(
    "fr, en, said",
    [
        ("Il y a plus de 400 mètres.", "There are less than 400 metres.", "'plus de 400' became 'less than 400'"),
        ("Pas moins de 20 personnes sont mortes.", "Fewer than 20 people died.", "'Pas moins de 20' became 'Fewer than 20'"),
        ("Moins de 3 millions d'euros ont été versés.", "More than €3 million was paid.", "became 'More than €3 million'"),
        ("Le taux est inférieur à 2 %.", "The rate is above 2%.", "'inférieur à 2 %' became 'above 2%'"),
        # found by a review: another use of the number, unbounded, does not excuse the swap
        ("Plus de 3 morts et 3 blessés.", "Fewer than 3 dead and 3 injured.", "'Plus de 3' became 'Fewer than 3'"),
        # a soft "deux" is checked for its bound
        ("Il y a plus de deux ans.", "Less than two years ago.", "'plus de deux' became 'Less than two'"),
        # a negation outside the bound's reach leaves it known
        ("Ce n'est pas un hasard si plus de 400 personnes sont venues.",
         "It is no coincidence that fewer than 400 people came.", "'plus de 400' became 'fewer than 400'"),
        ("Les sans-abri, plus de 400, dorment dehors.", "The homeless, fewer than 400, sleep outside.",
         "became 'fewer than 400'"),
        # more forms of a bound, before and after the figure
        ("Au maximum 400 personnes.", "A minimum of 400 people.", "'Au maximum 400' became 'A minimum of 400'"),
        ("Plus de 400 personnes sont venues.", "400 people or fewer came.", "became '400 people or fewer'"),
        ("Moins de 400 personnes sont venues.", "400-plus people came.", "'Moins de 400' became '400-plus'"),
        # a second review: an age's bound against a bare English number
        ("Les moins de 18 ans ne peuvent pas voter.", "Those over 18 cannot vote.", "'moins de 18' became 'over 18'"),
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
        ("Plus de 400 personnes sont venues.", "400-plus people came."),
        ("Plus de 400 personnes sont venues.", "400 people or more came."),
        ("Les enfants de moins de 5 ans.", "Children under 5."),
        # a second review: "as much as" is "jusqu'à"; "au-dessus de" is read; "handed over" is no bound; "plus d'un"
        # is "many"; "au plus de" is "at most"
        ("La Bourse a perdu jusqu'à 5 % avant de terminer au-dessus de 5 %.",
         "The stock market lost as much as 5% before closing above 5%."),
        ("Jusqu'à 3 personnes ont été arrêtées ; la police a remis 3 suspects.",
         "As many as 3 people were arrested; police handed over 3 suspects."),
        ("Plus d'un habitant vit sous un même toit.", "Many residents live under one roof."),
        ("Le déficit devra être au plus de 3 % du PIB.", "The deficit must be at most 3% of GDP."),
        ("Les plus de 65 ans.", "The over-65s."),
    ],
)
def test_the_same_bound_or_none_is_no_alarm(fr, en):
    assert details(fr, en) == []


def test_the_opposite_bound_of_another_figure_is_not_this_ones():
    """ "Plus de 10 km … en moins de 10 minutes" → "More than six miles … in under 10 minutes": 'under 10' is the
    minutes' bound (the count of 10s is still compared: one 10 became six miles)."""
    said = details("Plus de 10 km de bouchons se sont formés en moins de 10 minutes.",
                   "More than six miles of traffic jams formed in under 10 minutes.")
    assert not [d for d in said if d.startswith("bound changed")], said


def test_bounds_are_read_longest_first():
    assert bound_before("pas moins de 20", 13, "fr") == ("min", "pas moins de")
    assert bound_before("pas plus de 20", 12, "fr") == ("max", "pas plus de")
    assert bound_before("no more than 20", 13, "en") == ("max", "no more than")
    assert bound_before("de 20", 3, "fr") is None


def test_bounds_after_the_figure_stop_before_another_phrase():
    assert bound_after("400 ou plus.", 3, "fr") == ("min", "ou plus")
    assert bound_after("400 personnes ou plus tard", 3, "fr") is None
    assert bound_after("400 morts et plus de 20 blessés", 3, "fr") is None  # the next figure's bound
    assert bound_after("400 or more than that", 3, "en") is None
