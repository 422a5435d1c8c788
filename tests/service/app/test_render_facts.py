"""View builders for fact checks and summary provenance: each fact issue of ``Result.facts`` is shown beside the
sentence it concerns, summary items link to their supporting sentences by side-by-side key, weakly supported items
are marked, and everything from the model or the source is escaped."""

from __future__ import annotations

import re

from service.app.sbs import render_result
from service.app.views import render_summaries, sentence_keys
from service.facts import check_result
from service.result import Summary
from tests.service.results_factory import make_result

SOURCES = [
    ["Le gouvernement a annoncé mardi un plan de 2,5 milliards d'euros.", "Les agriculteurs bloquent les autoroutes."],
    ["Une réunion est prévue lundi avec les syndicats."],
]
TRANSLATIONS = [
    ["The government announced on Tuesday a plan of 3 billion euros.", "Farmers are blocking motorways."],
    ["A meeting with the unions is planned on Monday."],
]
BULLETS = ["Farmers are blocking motorways", "A meeting with the unions is planned on Monday", "Cats <b>sleep</b> 40 hours"]


def checked_result():
    result = make_result(sources=SOURCES, translations=TRANSLATIONS)
    result.summaries["bullets"] = Summary(
        preset="bullets", text="\n".join(f"- {b}" for b in BULLETS), items=BULLETS, method="extractive-lead"
    )
    result.facts = check_result(result)  # the real fact checker, no model needed
    return result


def row(html: str, p: int) -> str:
    """The HTML of paragraph p's row."""
    return html.split(f'data-p="{p}"', 1)[1].split('class="wb-row', 1)[0]


def test_fact_issue_is_shown_beside_its_sentence():
    result = checked_result()
    money = [i for i in result.facts["translation"] if i["type"] == "money"]
    assert {(i["paragraph"], i["sentence"]) for i in money} == {(0, 0)}  # the checker located it
    html = render_result(result)
    first = row(html, 0)
    # the sentence concerned is flagged on both sides, its neighbour is not
    assert re.search(r'class="wb-s wb-src wb-flagged" data-k="0-0"', first)
    assert re.search(r'class="wb-s wb-dst wb-flagged" data-k="0-0"', first)
    assert 'class="wb-s wb-src" data-k="0-1"' in first
    # one plain sentence per issue, in the same row, keyed to the same sentence: missing vs added
    notes = re.findall(r'<li class="wb-note wb-flag-money" data-k="0-0"[^>]*>(.*?)</li>', first)
    assert notes == [
        "The English does not give the amount &#x27;2,5 milliards d&#x27;euros&#x27; (sentence 1).",
        "The English mentions &#x27;3 billion euros&#x27;, which the French does not (sentence 1).",
    ]
    assert "wb-flag-" not in row(html, 1)  # paragraph 1 has no fact issue


def test_kept_facts_are_counted_never_beside_a_flag_about_them():
    from service.app.glance import render_flag_list, render_glance
    from service.plain_checks import kept_count

    result = checked_result()
    kept = {(f["paragraph"], f["sentence"], f["source"]) for f in result.facts["found"]}
    assert (0, 0, "mardi") in kept and (1, 0, "lundi") in kept
    # a fact both kept and flagged (the checker's "found" is per surface form) counts as flagged only
    result.facts["found"].append({"type": "money", "source": "2,5 milliards d'euros", "value": "EUR 2500000000",
                                  "paragraph": 0, "sentence": 0})
    assert kept_count(result.facts) == len(kept)
    glance = render_glance(result)
    assert f"{len(kept)} facts of the source" in glance and "2 things to check" in glance
    html = render_result(result) + render_flag_list(result)
    assert "kept" not in html.lower()


def test_flag_list_groups_by_kind_with_counts_without_duplicates_or_codes():
    from service.app.glance import render_flag_list

    result = checked_result()
    result.facts["translation"].append(dict(result.facts["translation"][0]))  # the checker reporting one twice
    html = render_flag_list(result)
    items = re.findall(r'<li class="wb-flag" data-kind="([a-z]+)" data-k="([\d-]+)">', html)
    assert items == [("money", "0-0"), ("money", "0-0")]  # the duplicate is gone
    assert '<div class="wb-flag-group" data-kind="money"><h5>Amounts (2)</h5>' in html  # grouped by kind
    assert 'data-kind="all" aria-pressed="true">All (2)</button>' in html
    assert 'data-kind="money" aria-pressed="false">Amounts (2)</button>' in html
    reader_part = html.split('<details class="wb-tech">', 1)[0]
    assert "fact.money" not in reader_part and "fact.money.source" in html  # codes only behind the toggle


def test_glossary_and_keep_terms_are_reported_as_such():
    from service.plain_checks import fact_flag, glossary_terms
    from service.facts import Glossary

    glossary = Glossary.from_dict({"terms": [{"fr": ["Matignon"], "en": "the Prime Minister's office"}], "keep": ["FNSEA"]})
    terms = glossary_terms(glossary)
    keep = fact_flag({"type": "name", "source": "FNSEA", "detail": "glossary: 'FNSEA' should be translated as 'FNSEA'"}, 3, terms)
    assert keep == ("keep", "The English should keep 'FNSEA' as it is (sentence 3).")
    name = fact_flag({"type": "name", "source": "Matignon", "detail": "name 'Matignon' is missing from the translation"}, 2, terms)
    assert name == ("glossary", "The glossary translates 'Matignon' as 'the Prime Minister's office'; the English does "
                                "not use it (sentence 2).")
    same = fact_flag({"type": "name", "source": "AFP", "detail": "glossary: 'AFP' should be translated as 'AFP'"}, 1, terms)
    assert same == ("keep", "The English should keep 'AFP' as it is (sentence 1).")
    other = fact_flag({"type": "name", "source": "Jens Stoltenberg", "detail": "name 'Jens Stoltenberg' is missing from the translation"}, 2, terms)
    assert other == ("name", "The English does not mention 'Jens Stoltenberg' (sentence 2).")


def test_a_missing_duration_is_called_a_duration():
    from service.facts import check_translation
    from service.plain_checks import fact_flag

    [issue] = check_translation("Le vol dure 2 h 30.", "The flight lasts hours.")
    assert fact_flag(issue.model_dump(), 1, {}) == ("number", "The English does not give the duration '2 h 30' (sentence 1).")


def test_result_without_fact_checks_renders_as_before():
    result = make_result(sources=SOURCES, translations=TRANSLATIONS)
    assert result.facts is None
    assert "wb-flagged" not in render_result(result) and "wb-fact" not in render_result(result)
    assert "data-prov" not in render_summaries(result)


def test_summary_items_link_to_their_supporting_sentences():
    result = checked_result()
    assert sentence_keys(result) == ["0-0", "0-1", "1-0"]
    html = render_summaries(result)
    assert 'data-wb-result="r1"' in html and 'data-wb-result="r1"' in render_result(result)
    items = re.findall(r'<li class="(wb-prov[^"]*)" data-prov="([^"]*)"', html)
    assert len(items) == 3
    provenance = result.facts["summaries"]["bullets"]["provenance"]
    for (classes, keys), prov in zip(items, provenance):
        assert keys.split() == [sentence_keys(result)[i] for i in prov["sentences"]]
        assert ("wb-unsupported" in classes) == (not prov["supported"])
    # the first bullet copies sentence 0-1 word for word; the invented third one has no support
    assert items[0] == ("wb-prov", "0-1")
    assert items[1][1] == "1-0"
    assert items[2] == ("wb-prov wb-unsupported", "")


def test_unsupported_bullet_is_marked_and_its_invented_fact_listed_escaped():
    html = render_summaries(checked_result())
    bullets = html.split('data-preset="bullets"', 1)[1]
    third = bullets.split('data-prov=""', 1)[1].split("</li></ul>", 1)[0]
    assert "weakly supported (0%)" in third
    assert "Cats &lt;b&gt;sleep&lt;/b&gt; 40 hours" in third and "<b>sleep" not in html
    assert re.search(r'wb-sum-fact" data-fact-type="number">The summary says <q>40</q>, which the dispatch does not', third)


def test_copy_button_copies_the_summary_text_not_the_badges():
    result = checked_result()
    html = render_summaries(result)
    card = html.split('data-preset="bullets"', 1)[1]
    copy = re.search(r'data-copy-text="([^"]*)"', card).group(1)
    assert copy.replace("&lt;", "<").replace("&gt;", ">") == result.summaries["bullets"].text
    assert "unsupported" not in copy
