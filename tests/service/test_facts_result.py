"""check_result: issues located at their paragraph and sentence, summaries checked and linked."""

from service.facts import check_result
from service.result import LanguageInfo, Paragraph, Result, Sentence, Summary


def test_check_result_locates_issues():
    result = Result(
        language=LanguageInfo(code="fr", name="French", confidence=1.0),
        translated=True,
        paragraphs=[
            Paragraph(index=0, sentences=[
                Sentence(index=0, source="Les Alliés ont accepté vendredi de renforcer la mission de l'Otan en Irak.",
                         translation="The allies agreed on Friday to strengthen NATO's mission in Iraq."),
                Sentence(index=1, source="L'Otan a actuellement 500 personnels en Irak.",
                         translation="NATO currently has 5,000 personnel in Iraq."),
            ]),
        ],
        summaries={"bullets": Summary(preset="bullets", text="NATO has 500 personnel in Iraq. Germany will help.",
                                      items=["NATO has 500 personnel in Iraq.", "Germany will help."],
                                      method="extractive-lead")},
    )
    facts = check_result(result)
    assert {(i["paragraph"], i["sentence"], i["type"]) for i in facts["translation"]} == {(0, 1, "number")}
    assert facts["counts"] == {"number": 2}
    prov = facts["summaries"]["bullets"]["provenance"]
    assert prov[0]["sentences"][0] == 1 and not prov[1]["supported"]
    assert any(i["type"] == "name" for i in facts["summaries"]["bullets"]["issues"])


def _two_paragraphs(second_translation: str) -> Result:
    return Result(
        language=LanguageInfo(code="fr", name="French", confidence=1.0),
        translated=True,
        paragraphs=[
            Paragraph(index=0, sentences=[
                Sentence(index=0, source="L'Otan a actuellement 500 personnels en Irak.",
                         translation="NATO currently has 5,000 personnel in Iraq."),
            ]),
            Paragraph(index=1, sentences=[
                Sentence(index=1, source="Le ministre a annoncé mardi 12 morts à Bagdad.",
                         translation=second_translation),
            ]),
        ],
    )


def test_memo_counts_the_sentences_it_checked_afresh():
    from service.facts.memo import SentenceFactsMemo

    memo = SentenceFactsMemo()
    fresh = check_result(_two_paragraphs("The minister announced 12 dead in Baghdad on Tuesday."))
    first = check_result(_two_paragraphs("The minister announced 12 dead in Baghdad on Tuesday."), memo=memo, memo_context="g1")
    assert first == fresh and memo.last_checked == 2
    again = check_result(_two_paragraphs("The minister announced 12 dead in Baghdad on Tuesday."), memo=memo, memo_context="g1")
    assert again == fresh and memo.last_checked == 0  # a Continue checks nothing twice

    # A changed translation of paragraph 2 is checked afresh (and its new issue found); paragraph 1 is not.
    changed = check_result(_two_paragraphs("The minister announced 17 dead in Baghdad on Tuesday."), memo=memo, memo_context="g1")
    assert memo.last_checked == 1
    assert {(i["paragraph"], i["type"]) for i in changed["translation"]} == {(0, "number"), (1, "number")}
    # Another glossary version (scope) checks everything again.
    check_result(_two_paragraphs("The minister announced 17 dead in Baghdad on Tuesday."), memo=memo, memo_context="g2")
    assert memo.last_checked == 2



def test_one_check_extracts_each_sentence_once_and_finds_the_same(monkeypatch):
    """check_result asks for a French sentence's facts for the names to render, the check and the facts kept: within
    one call they are extracted once (service/facts/extract.py shared_extraction), with the same issues and found
    facts as extracting every time."""
    from service.facts import extract
    from tests.service.results_factory import make_result

    sources = [["Le ministre Jean Dupont a annoncé 12 morts à Bagdad mardi.", "Selon l'ONU, 3 000 personnes ont fui."]]
    translations = [["Minister Jean Dupont announced 12 dead in Baghdad.", "According to the UN, 300 people fled."]]
    calls: list[tuple[str, str]] = []
    real = extract._extract

    def counting(text, lang, gaz, ner):
        calls.append((text, lang))
        return real(text, lang, gaz, ner)

    monkeypatch.setattr(extract, "_extract", counting)
    shared = check_result(make_result(sources=sources, translations=translations))
    french = [c for c in calls if c[1] == "fr"]
    assert sorted(french) == sorted((s, "fr") for s in sources[0])

    calls.clear()
    with monkeypatch.context() as m:  # every call extracting afresh, as before
        m.setattr(extract, "shared_extraction", lambda: __import__("contextlib").nullcontext())
        m.setattr("service.facts.result.shared_extraction", lambda: __import__("contextlib").nullcontext())
        fresh = check_result(make_result(sources=sources, translations=translations))
    assert len([c for c in calls if c[1] == "fr"]) > len(french)
    assert shared == fresh and shared["counts"]  # the 3 000 → 300 is still reported
