"""The labelled-lines parser on hand-written answers, well-formed and malformed."""

import pytest

from prompts import load_template
from service.brief.parse import ParseError, parse_output

from .brief_fixtures import GOOD_BRIEF

BRIEF = load_template("brief", 1)


def test_well_formed_brief():
    parsed = parse_output(GOOD_BRIEF, BRIEF)
    v = parsed.values
    assert v["headline"] == ["NATO allies agree to strengthen the alliance's training mission in Iraq"]
    assert v["dateline"] == ["BRUSSELS"] and len(v["bullets"]) == 3
    assert v["quote"][0].startswith("The security situation") and not v["quote"][0].endswith('"')
    assert v["attribution"] == ["NATO secretary general Jens Stoltenberg"]
    assert parsed.notes == []


def test_decorations_continuations_and_preamble():
    answer = """Sure! Here is the brief you asked for.

**HEADLINE:** NATO to expand Iraq mission
Dateline: BRUSSELS
- BULLET: Allies agreed to strengthen the mission.
2. BULLET 2: NATO has 500 personnel
in Iraq.
* Bullet: A decision is due in February.
QUOTE: « NATO is ready to expand its mission »
SAID BY: Jens Stoltenberg
NEXT: Ministers meet in February.
HEADLINE: A second headline"""
    parsed = parse_output(answer, BRIEF)
    v = parsed.values
    assert v["headline"] == ["NATO to expand Iraq mission"]
    assert v["bullets"] == [
        "Allies agreed to strengthen the mission.",
        "NATO has 500 personnel in Iraq.",
        "A decision is due in February.",
    ]
    assert v["quote"] == ["NATO is ready to expand its mission"]
    assert any("before the first labelled line" in n for n in parsed.notes)
    assert any("HEADLINE more than once" in n for n in parsed.notes)


@pytest.mark.parametrize(
    "answer, reason",
    [
        ("", "none of the labelled lines"),
        ("The allies agreed to expand the mission in Iraq.", "none of the labelled lines"),
        ("HEADLINE: <the news in one line, at most 15 words>\nBULLET: <one key fact>", "placeholders"),
        ("DATELINE: BRUSSELS\nBULLET: A fact.\nQUOTE: words\nSAID BY: him\nNEXT: Not stated.", "no HEADLINE:"),
        ("HEADLINE: Allies agree\nDATELINE: BRUSSELS", "no BULLET: or QUOTE: or SAID BY: or NEXT: line"),
        ("Ċ\n\n\n!!!! ???", "none of the labelled lines"),
    ],
)
def test_malformed_answers_raise_with_reason(answer, reason):
    with pytest.raises(ParseError) as info:
        parse_output(answer, BRIEF)
    assert reason in info.value.reason


def test_plain_who_lines_keep_their_inner_colon():
    parsed = parse_output(
        "WHAT HAPPENED: NATO will train more Iraqi troops.\nWHO: Jens Stoltenberg: head of NATO.\n"
        "WHO: NATO: a military alliance of North American and European countries.\nWHY IT MATTERS: It affects Iraq.",
        load_template("plain"),
    )
    assert parsed.values["who"] == [
        "Jens Stoltenberg: head of NATO.",
        "NATO: a military alliance of North American and European countries.",
    ]
