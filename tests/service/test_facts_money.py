"""Money: €, euros, dollars, livres/pounds, "30 €" ↔ "€30", scales, currency changes."""

import pytest

from service.facts import check_translation, extract_facts


def money(text, lang):
    return {f.value for f in extract_facts(text, lang) if f.type == "money"}


@pytest.mark.parametrize(
    "fr, value",
    [
        ("Un sandwich vous coûtera 10 € chacun.", "EUR 10"),
        ("Il a payé 30 euros.", "EUR 30"),
        ("La montagne de 30 millions d'euros a jailli de terre.", "EUR 30000000"),
        ("Un contrat de 1,2 milliard de dollars.", "USD 1200000000"),
        ("Il a versé 88 000 dollars canadiens.", "USD 88000"),
        ("Une amende de 10 livres sterling.", "GBP 10"),
        ("Un budget de 5 M€.", "EUR 5000000"),
    ],
)
def test_french_money(fr, value):
    assert value in money(fr, "fr")


@pytest.mark.parametrize(
    "en, value",
    [("It cost €30.", "EUR 30"), ("It cost 30 euros.", "EUR 30"), ("a $1.2bn contract", "USD 1200000000"),
     ("a £30m fine", "GBP 30000000"), ("the 30-million-euro mountain", "EUR 30000000")],
)
def test_english_money(en, value):
    assert value in money(en, "en")


@pytest.mark.parametrize(
    "fr, en",
    [
        ("Il coûte 30 €.", "It costs €30."),
        ("La montagne de 30 millions d'euros.", "The €30m mountain."),
        ("Un contrat de 1,2 milliard de dollars.", "A $1.2 billion contract."),
        ("Une amende de 10 livres sterling.", "A fine of 10 pounds."),
    ],
)
def test_faithful_money_has_no_issue(fr, en):
    assert check_translation(fr, en) == []


def test_currency_change_is_flagged_with_detail():
    issues = check_translation("Il coûte 30 €.", "It costs $30.")
    money_issues = [i for i in issues if i.type == "money"]
    assert money_issues and "currency changed" in money_issues[0].detail


def test_amount_change_is_flagged():
    assert any(i.type == "money" for i in check_translation("Il coûte 30 €.", "It costs €80."))
