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
    # one note per issue, in the same row, keyed to the same sentence, saying missing vs unsupported
    notes = re.findall(r'<li class="wb-note wb-fact wb-fact-money" data-k="0-0"[^>]*>(.*?)</li>', first)
    assert len(notes) == len(money) == 2
    assert any("money missing" in n and "2,5 milliards d&#x27;euros" in n for n in notes)
    assert any("money unsupported" in n and "3 billion euros" in n for n in notes)
    assert "wb-fact " not in row(html, 1)  # paragraph 1 has no fact issue


def test_source_facts_kept_are_listed_beside_their_sentence():
    result = checked_result()
    kept = {(f["paragraph"], f["sentence"], f["source"]) for f in result.facts["found"]}
    # "mardi" and "lundi" survived as Tuesday / Monday; the changed amount is not among the kept facts
    assert (0, 0, "mardi") in kept and (1, 0, "lundi") in kept
    assert not any("milliards" in source for _, _, source in kept)
    html = render_result(result)
    note = re.search(r'<li class="wb-note wb-fact-kept" data-k="1-0">(.*?)</li>', row(html, 1)).group(1)
    assert "kept" in note and "lundi" in note
    first = re.search(r'<li class="wb-note wb-fact-kept" data-k="0-0">(.*?)</li>', row(html, 0)).group(1)
    assert "mardi" in first and "milliards" not in first


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
    third = html.split('data-prov=""', 1)[1].split("</li></ul>", 1)[0]
    assert "unsupported (0%)" in third
    assert "Cats &lt;b&gt;sleep&lt;/b&gt; 40 hours" in third and "<b>sleep" not in html
    assert re.search(r'wb-sum-fact" data-fact-type="number".*not in the source.*<q>40', third)


def test_copy_button_copies_the_summary_text_not_the_badges():
    result = checked_result()
    html = render_summaries(result)
    card = html.split('data-preset="bullets"', 1)[1]
    copy = re.search(r'data-copy-text="([^"]*)"', card).group(1)
    assert copy.replace("&lt;", "<").replace("&gt;", ">") == result.summaries["bullets"].text
    assert "unsupported" not in copy
