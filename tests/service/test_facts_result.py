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
