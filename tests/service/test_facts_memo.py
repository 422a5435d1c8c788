"""The per-sentence fact-check memo: a sentence pair seen before is not checked again, and its issues and found
facts land at the sentence's new place; the payload is the same as without the memo."""

from service.facts import check_result
from service.facts import result as result_module
from service.facts.memo import SentenceFactsMemo
from service.result import LanguageInfo, Paragraph, Result, Sentence

FR = LanguageInfo(code="fr", name="French", confidence=1.0)
NATO = ("L'Otan a actuellement 500 personnels en Irak.", "NATO currently has 5,000 personnel in Iraq.")
ALLIES = ("Les Alliés ont accepté vendredi de renforcer la mission.", "The allies agreed on Friday to strengthen the mission.")
TOLL = ("Le bilan est passé de 12 à 17 morts mardi.", "The toll rose from 12 to 17 dead on Tuesday.")


def _result(*paragraphs: list[tuple[str, str]]) -> Result:
    return Result(language=FR, translated=True, paragraphs=[
        Paragraph(index=p, sentences=[Sentence(index=i, source=s, translation=t) for i, (s, t) in enumerate(pairs)])
        for p, pairs in enumerate(paragraphs)])


def _counting(monkeypatch) -> list[str]:
    checked: list[str] = []
    real = result_module.check_sentences

    def spy(pairs, *args, **kwargs):
        checked.extend(s for s, _ in pairs)
        return real(pairs, *args, **kwargs)

    monkeypatch.setattr(result_module, "check_sentences", spy)
    return checked


def test_memo_gives_the_same_payload_and_checks_only_new_sentences(monkeypatch):
    version1 = _result([ALLIES, NATO])
    version2 = _result([TOLL], [ALLIES, NATO])  # a paragraph added on top: the old sentences move
    memo = SentenceFactsMemo()
    assert check_result(version1, memo=memo) == check_result(version1)

    checked = _counting(monkeypatch)
    with_memo = check_result(version2, memo=memo)
    assert checked == [TOLL[0]]
    checked.clear()
    assert with_memo == check_result(version2)
    assert {(i["paragraph"], i["sentence"], i["type"]) for i in with_memo["translation"]} == {(1, 1, "number")}
    assert {(f["paragraph"], f["sentence"]) for f in with_memo["found"]} >= {(0, 0), (1, 0)}


def test_memo_context_and_clear_force_a_new_check(monkeypatch):
    version1 = _result([NATO])
    memo = SentenceFactsMemo()
    check_result(version1, memo=memo, memo_context="glossary-a")
    checked = _counting(monkeypatch)
    check_result(version1, memo=memo, memo_context="glossary-a")
    assert checked == []
    check_result(version1, memo=memo, memo_context="glossary-b")  # another glossary: not the same check
    assert checked == [NATO[0]]
    memo.clear()
    check_result(version1, memo=memo, memo_context="glossary-a")
    assert checked == [NATO[0], NATO[0]]


def test_memo_is_bounded():
    memo = SentenceFactsMemo(max_entries=2)
    check_result(_result([ALLIES, NATO, TOLL]), memo=memo)
    assert len(memo) == 2


def test_name_renderings_are_asked_in_one_model_call():
    """The check asks the model for a name's rendering only when it finds the name no other way ("Sainte-Croix" →
    "Holy Cross"); a dispatch with several such names made one model call per name. Now one call asks for all of
    them, and the checks are the same as with one call per name."""
    from service.facts import NameTranslator, check_result
    from service.result import LanguageInfo, Paragraph, Result, Sentence

    renderings = {"Sainte-Croix": "Holy Cross", "Pointe-Noire": "Black Point", "Fort-Royal": "Royal Fort"}
    pairs = [
        ("Les habitants de Sainte-Croix ont voté mardi.", "The inhabitants of Holy Cross voted on Tuesday."),
        ("Le port de Pointe-Noire a fermé.", "The port of Black Point closed."),
        ("Le maire de Fort-Royal a démissionné.", "The mayor of Saint-Denis resigned."),
    ]
    result = Result(
        language=LanguageInfo(code="fr", name="French", confidence=1.0), translated=True,
        paragraphs=[Paragraph(index=i, sentences=[Sentence(index=0, source=s, translation=t)]) for i, (s, t) in enumerate(pairs)],
    )

    def model(calls: list):
        def translate(names: list[str]) -> list[str]:
            calls.append(list(names))
            return [renderings.get(n, n) for n in names]
        return translate

    batched: list = []
    facts = check_result(result, name_translator=NameTranslator(model(batched)), memo=SentenceFactsMemo())
    assert len(batched) == 1 and set(batched[0]) >= {"Sainte-Croix", "Fort-Royal"}, batched

    one_by_one: list = []
    translator = NameTranslator(model(one_by_one))
    from service.facts.result import check_sentences

    expected = [i for p, (s, t) in enumerate(pairs) for i in check_sentences([(s, t)], name_translator=translator, paragraph=p)]
    assert len(one_by_one) >= 2 and all(len(c) == 1 for c in one_by_one)  # what the check alone does
    got = [(i["paragraph"], i["type"], i["source"]) for i in facts["translation"]]
    assert got == [(i.paragraph, i.type, i.source) for i in expected]
    assert ("name" in {t for _, t, _ in got}) and any(src == "Fort-Royal" for _, _, src in got)  # the swapped name is still caught
