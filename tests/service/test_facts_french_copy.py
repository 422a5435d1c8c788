"""French-original copy (issue 15, tenth pass): what a French newsroom writes that newstest2013 and FLORES-200 hardly
do, found on OrangeSum's development sentences. AFP's "13H00" clock, holidays written "le 1er-Mai", "multiplié par
quatre" as "fourfold", Paris's ministries by their address ("la place Beauvau"), the neighbour named from France
("outre-Rhin"), French parties and acronyms, a body's acronym spelled out beside it. Each faithful pair passes; the
same pair with the fact changed is still reported."""

from __future__ import annotations

import pytest

from service.facts import check_translation, extract_facts
from service.facts.gazetteer import target_forms


def details(fr: str, en: str) -> list[str]:
    return [i.detail for i in check_translation(fr, en)]


FAITHFUL = [
    ("Vers 13H00, le centre commercial a rouvert.", "At around 1:00 pm, the shopping centre reopened."),
    ("Le feu a été éteint vers 04H00 du matin.", "The fire was put out at around 4:00 am."),
    ("Les manifestants sont arrivés vers 20H.", "The protesters arrived at around 8 pm."),
    ("Il a été mis en examen pour les violences du 1er-Mai 2018.", "He was charged over the May Day 2018 violence."),
    ("Le défilé du 14-Juillet a été annulé.", "The Bastille Day parade was cancelled."),
    # "until May" alone would be the month: the holiday is read first
    ("Les Ehpad resteront fermés jusqu'au 1er-Mai.", "Care homes will stay closed until May Day."),
    ("Appels multipliés par quatre, ventes par cinq, ramettes par sept...",
     "Calls up fourfold, sales fivefold, reams sevenfold..."),
    ("avait indiqué la place Beauvau dimanche.", "the interior ministry said on Sunday."),
    ("Le virus circule dans l'Hexagone depuis mars.", "The virus has been circulating in France since March."),
    ("Les ventes ont chuté outre-Rhin, selon la presse.", "Sales fell in Germany, according to the press."),
    ("La décision a surpris outre-Atlantique.", "The decision surprised the United States."),
    ("La police nord-irlandaise a annoncé deux arrestations.", "Northern Ireland police announced two arrests."),
    ("les pays de la Communauté des Etats indépendants (CEI) signent.",
     "the countries of the Commonwealth of Independent States (CIS) sign."),
    ("les pays de la Communauté des Etats indépendants (CEI) signent.",
     "the countries of the Commonwealth of Independent States sign."),
    ("L'ex-numéro deux des Républicains est en campagne.", "The former number two of the Republicans is campaigning."),
    ("Marine Le Pen (Rassemblement national) et Jean-Luc Mélenchon (La France insoumise) ont réagi.",
     "Marine Le Pen (National Rally) and Jean-Luc Mélenchon (France Unbowed) reacted."),
    ('"Nous sommes contre toutes les GPA", a dit Xavier Breton.', '"We are against all surrogacy," Xavier Breton said.'),
    ("plus de 50 km/h au-dessus de la limite, NDLR), en hausse", "more than 50 km/h over the limit, editor's note), up"),
    ("Vladimir Poutine a répondu.", "Vladimir Putin replied."),
    # a second round of French news forms, written for this test (none from a measured set)
    ("Les moins de 60 ans sont prioritaires.", "The under-60s have priority."),
    ("Un homme d'une quarantaine d'années a été arrêté.", "A man in his forties was arrested."),
    ("Les prix ont flambé à la mi-mars.", "Prices soared in mid-March."),
    ("Les Bleus ont battu l'Allemagne.", "France beat Germany."),
    ("L'OM a battu l'OL 2-1.", "Marseille beat Lyon 2-1."),
    ("Selon Santé publique France, 1.200 cas ont été recensés.",
     "According to the French public health agency, 1,200 cases were recorded."),
    ("La Cour de cassation a rejeté le pourvoi.", "France's highest court rejected the appeal."),
    ("Il a obtenu un milliard de crédits supplémentaires.", "He secured an extra billion in funding."),
    ("L'enquête a été confiée à l'Inspection générale de la Gendarmerie nationale (IGGN).",
     "The inquiry went to the General Inspectorate of the National Gendarmerie (IGGN)."),
    ("Tout dépend de ce que Dame Nature a en réserve, souligne Jacques Fellay.",
     "It all depends on what Mother Nature has in store, Jacques Fellay stressed."),
    ("Les décès dans les Ehpad s'élèvent à 10.345.", "Deaths in care homes stand at 10,345."),
    # found by a review of this pass
    ("Les messes du réveillon de Noël ont été avancées.", "Christmas Eve masses were brought forward."),
    ("Le nombre de cas a quadruplé en deux semaines.", "The number of cases rose fourfold in two weeks."),
    ("Les ventes en ligne ont décuplé depuis 2019, selon 3 études.",
     "Online sales have grown tenfold since 2019, according to 3 studies."),
    ("Les Verts ont battu Lyon 2-0.", "Saint-Etienne beat Lyon 2-0."),
    ("La Russie eltsinienne était en crise.", "Yeltsin's Russia was in crisis."),
    ("Les plus de 65 ans sont prioritaires.", "The over-65s have priority."),
]


@pytest.mark.parametrize("fr, en", FAITHFUL)
def test_faithful_french_copy_passes(fr: str, en: str) -> None:
    assert details(fr, en) == []


CHANGED = [
    ("Vers 13H00, le centre commercial a rouvert.", "At around 3:00 pm, the shopping centre reopened.", "13H00"),
    ("Il a été mis en examen pour les violences du 1er-Mai 2018.", "He was charged over the Bastille Day 2018 violence.",
     "1er-Mai"),
    ("Appels multipliés par quatre.", "Calls up fivefold.", "4"),
    ("Le virus circule dans l'Hexagone depuis mars.", "The virus has been circulating in Spain since March.", "Spain"),
    ("La décision a surpris outre-Manche.", "The decision came as a surprise in Germany.", "Germany"),
    ("les pays de la Communauté des Etats indépendants (CEI) signent.", "the countries of the group sign.", "CEI"),
    ("L'ex-numéro deux des Républicains est en campagne.", "The former number two of the Socialists is campaigning.",
     "Républicains"),
    # a person the gazetteer knows, however short, needs the source's support
    ("Le président russe a répondu.", "Russian President Putin replied.", "Putin"),
    ("Les moins de 60 ans sont prioritaires.", "The under-50s have priority.", "60"),
    ("Un homme d'une quarantaine d'années a été arrêté.", "A man in his fifties was arrested.", "quarantaine"),
    ("Les prix ont flambé à la mi-mars.", "Prices soared in mid-April.", "mars"),
    ("Les Bleus ont battu l'Allemagne.", "Spain beat Germany.", "Spain"),
    ("La Cour de cassation a rejeté le pourvoi.", "Spain's highest court rejected the appeal.", "Spain"),
    ("Il a obtenu un milliard de crédits supplémentaires.", "He secured an extra million in funding.", "milliard"),
    # the acronym kept, the body's spelled-out name swapped for a person's: no longer that body's English name
    ("L'enquête a été confiée à l'Inspection générale de la Gendarmerie nationale (IGGN).",
     "The inquiry went to the Xi Jinping (IGGN).", "Inspection générale"),
    # found by a review of this pass: what the first version of these rules let through
    ("Il n'a jamais décroché de CDI.", "He has never landed a fixed-term contract.", "CDI"),
    ("La Confédération générale du travail (CGT) appelle à la grève.",
     "The Workers' Force union (FO) is calling a strike.", "CGT"),
    ("Les pays de la Communauté des Etats indépendants (CEI) signent.",
     "The countries of the Gulf Cooperation Council (GCC) sign.", "CEI"),
    ("Selon la place Beauvau, 250.000 personnes ont manifesté.",
     "According to the Spanish interior ministry, 250,000 people demonstrated.", "Beauvau"),
    ("Santé publique France a recensé 12.000 nouveaux cas.", "The Belgian health agency recorded 12,000 new cases.",
     "Santé publique France"),
    ("Les moins de 30 ans sont les plus touchés.", "The over-30s are the hardest hit.", "bound changed"),
    ("Un homme de 40 ans a été arrêté.", "A man in his forties was arrested.", "40"),
    ("Lors du défilé du 14-Juillet, 14 personnes ont été blessées.", "During the Bastille Day parade, people were injured.",
     "14"),
]


@pytest.mark.parametrize("fr, en, said", CHANGED)
def test_changed_fact_is_still_reported(fr: str, en: str, said: str) -> None:
    assert any(said in d for d in details(fr, en)), details(fr, en)


def test_afp_clock_is_one_time_not_two_numbers() -> None:
    facts = extract_facts("Vers 13H00, le centre a rouvert.", "fr")
    assert [(f.type, f.keys) for f in facts] == [("date", ["t:13:00"])]


def test_a_month_abbreviation_alone_is_a_word() -> None:
    """ "par sept..." (seven, then an ellipsis) is no September; "le 7 sept. 2019" is."""
    assert [f.type for f in extract_facts("Ventes par cinq, ramettes par sept...", "fr")] == ["number", "number"]
    assert any(f.keys == ["dm:7-9"] for f in extract_facts("le 7 sept. 2019", "fr"))


def test_given_names_are_not_whole_people_on_the_english_side() -> None:
    """ "Jean: [John]" helps match a name; an English "John" alone is not checked as a known person."""
    assert details("De la part de telle personne, qui m'a demandé de transmettre.",
                   "From John Doe, who asked me to pass it on.") == []


def test_glossary_rendering_has_a_core_a_translator_writes() -> None:
    assert target_forms("the French interior ministry") == ["the French interior ministry", "interior ministry"]
    assert target_forms("NATO") == ["NATO"]
    assert target_forms("French Guiana") == ["French Guiana"]
