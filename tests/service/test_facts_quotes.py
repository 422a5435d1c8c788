"""Quotations « … », "…", “…” with their speakers, in translations and in summaries."""

from service.facts import check_summary, check_translation, extract_facts

SRC = ('"La situation sécuritaire en Irak reste préoccupante, mais l\'Otan est prête à renforcer sa mission", '
       "a annoncé le secrétaire général de l'Otan Jens Stoltenberg.")
EN = ('"The security situation in Iraq remains worrying, but NATO is ready to strengthen its mission," '
      "NATO Secretary General Jens Stoltenberg announced.")


def quotes(text, lang):
    return [f for f in extract_facts(text, lang) if f.type == "quote"]


def test_speakers_after_and_before_the_quote():
    (q,) = quotes(SRC, "fr")
    assert q.data["speaker"] == "Jens Stoltenberg"
    (q,) = quotes("Jens Stoltenberg a déclaré : « Nous resterons en Afghanistan aussi longtemps que nécessaire ».", "fr")
    assert q.data["speaker"] == "Jens Stoltenberg"
    (q,) = quotes("« Les prochains mois seront décisifs », a-t-il averti.", "fr")
    assert q.data["speaker"] is None and q.data["speaker_pronoun"]
    (q,) = quotes('"We must discuss it together," said Jens Stoltenberg.', "en")
    assert q.data["speaker"] == "Jens Stoltenberg"
    (q,) = quotes("“We must discuss it together,” he said.", "en")
    assert q.data["speaker"] is None


def test_faithful_quote_has_no_issue():
    assert check_translation(SRC, EN) == []
    assert check_translation(SRC.replace('"', "«", 1).replace('",', "»,"), EN) == []


def test_quote_that_lost_its_marks_is_flagged():
    unquoted = EN.replace('"', "")
    assert any(i.type == "quote" for i in check_translation(SRC, unquoted))


def test_misattributed_quote_is_flagged():
    wrong = EN.replace("NATO Secretary General Jens Stoltenberg", "Defence Minister Annegret Kramp-Karrenbauer")
    issues = check_translation(SRC, wrong)
    assert any(i.type == "quote" and "attributed" in i.detail for i in issues)


def test_summary_reworded_quote_is_flagged():
    summary = '"The situation in Iraq is worrying," Stoltenberg said.'
    issues = check_summary(EN, summary)
    assert any(i.type == "quote" and "reworded" in i.detail for i in issues)


def test_summary_verbatim_quote_passes():
    summary = 'Stoltenberg said "NATO is ready to strengthen its mission".'
    assert [i for i in check_summary(EN, summary) if i.type == "quote"] == []
