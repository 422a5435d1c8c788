"""The seeded error injection and the false-alarm / recall measurement on the first 300 lines of newstest2013."""

import random

import pytest

from eval.facts_inject import inject, run
from service.facts import check_translation


def test_injections_are_seeded_and_of_the_right_kind():
    ref = "NATO allies agreed on Friday in Brussels to send 500 more troops to Iraq, at a cost of €30 million."
    a = [inject(ref, k, random.Random(3)) for k in ("number-change", "number-drop", "date-change", "name-swap",
                                                    "money-change")]
    b = [inject(ref, k, random.Random(3)) for k in ("number-change", "number-drop", "date-change", "name-swap",
                                                    "money-change")]
    assert a == b and all(x and x != ref for x in a)
    assert "Friday" not in a[2]
    src = ("Les alliés de l'Otan ont accepté vendredi à Bruxelles d'envoyer 500 soldats de plus en Irak, pour un coût "
           "de 30 millions d'euros.")
    assert check_translation(src, ref) == []
    for kind, bad in zip(("number", "number", "date", "name", "money"), a):
        assert any(i.type == kind for i in check_translation(src, bad)), (kind, bad)


def test_a_number_the_reference_adds_is_not_dropped_one_the_source_has_is():
    """Dropping a number the source does not have ("Seven testing points" for "Le réseau des centres") brings the
    translation closer to the source: no error to plant. The draw is the same either way (the random stream of
    later injections does not move)."""
    ref = "Seven testing points will open next year."
    rng_has, rng_added = random.Random(1), random.Random(1)
    dropped = inject(ref, "number-drop", rng_has, source="Sept centres d'examen ouvriront l'an prochain.")
    skipped = inject(ref, "number-drop", rng_added, source="Le réseau des centres d'examen ouvrira l'an prochain.")
    assert dropped == "testing points will open next year."
    assert skipped is None
    assert rng_has.random() == rng_added.random()


@pytest.fixture(scope="module")
def newstest_head():
    from service.settings import get_settings

    d = get_settings().data_root / "newstest2013-fr-en"
    if not (d / "newstest2013.fr").exists():
        pytest.skip("shared newstest2013 not available")
    src = (d / "newstest2013.fr").read_text(encoding="utf-8").splitlines()[:300]
    ref = (d / "newstest2013.en").read_text(encoding="utf-8").splitlines()[:300]
    return src, ref


def test_false_alarms_and_recall_on_newstest_head(newstest_head):
    res = run(*newstest_head, seed=0)
    assert res["false_alarms"]["rate"] <= 0.03
    by = res["recall_by_type"]
    assert by["number"]["injected"] >= 50 and by["number"]["recall"] >= 0.95
    assert by["name"]["injected"] >= 50 and by["name"]["recall"] >= 0.75
    dm = by["date"]["detected"] + by["money"]["detected"]
    assert dm >= 0.8 * (by["date"]["injected"] + by["money"]["injected"])


def test_the_dateparser_comparison_turns_its_dates_into_the_checkers_keys():
    """eval.facts_dates_compare: dateparser's matches become date facts keyed as the checker's own (a day, a
    weekday), and the filtered variant drops matches that name no date ("25 %")."""
    from eval.facts_dates_compare import dateparser_dates, dateparser_named_dates

    text = "Le sommet s'ouvre le 3 mars 2021."
    facts, spans = dateparser_dates(text, "fr", [], set())
    keys = {k for f in facts for k in f.provides}
    assert "dm:3-3" in keys and "y:2021" in keys
    assert all(f.text == text[a:b] for f, (a, b) in zip(facts, spans))
    weekday, _ = dateparser_dates("Le sommet s'ouvre mardi.", "fr", [], set())
    assert [f.keys for f in weekday] == [["w:2"]]
    raw, _ = dateparser_dates("Le chômage touche 25% des jeunes.", "fr", [], set())
    named, _ = dateparser_named_dates("Le chômage touche 25% des jeunes.", "fr", [], set())
    assert raw and not named
