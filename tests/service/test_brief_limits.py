"""Word limits enforced on briefs without cutting a sentence in half."""

from prompts import load_template
from service.brief.limits import enforce, fit_item
from service.summarize.fit import count_words

BRIEF = load_template("brief", 1)


def _split(text):
    # A plain splitter keeps these tests independent of the segmenter's finer rules.
    import re

    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s]


def _values(**over):
    values = {
        "headline": ["NATO expands Iraq mission"],
        "dateline": ["BRUSSELS"],
        "bullets": ["Allies agreed on Friday.", "NATO has 500 personnel in Iraq.", "A decision is due in February."],
        "quote": ["NATO is ready to strengthen its mission."],
        "attribution": ["Jens Stoltenberg"],
        "next": ["Ministers meet in February 2021."],
    }
    values.update(over)
    return values


def _assert_within(sections, template):
    for brief_section, section in zip(sections, template.sections):
        assert len(brief_section.items) <= section.max_items
        assert all(count_words(i) <= section.max_words for i in brief_section.items)
    assert sum(s.words for s in sections) <= template.max_words


def test_items_within_limits_pass_unchanged():
    sections, notes = enforce(_values(), BRIEF, _split)
    assert [s.items for s in sections] == list(_values().values()) and notes == []


def test_long_headline_keeps_leading_clauses():
    headline = "NATO allies agree to expand the Iraq training mission, warn Washington against leaving Afghanistan and Iraq alone"
    sections, notes = enforce(_values(headline=[headline]), BRIEF, _split)
    assert sections[0].items == ["NATO allies agree to expand the Iraq training mission"]
    assert "leading clauses" in notes[0]


def test_long_item_keeps_whole_leading_sentences():
    first = "NATO has 500 personnel in Iraq as part of its training mission for the Iraqi forces."
    second = "It is ready to increase their number and widen their responsibilities in agreement with the Iraqi authorities."
    section = BRIEF.section("bullets")
    fitted, note = fit_item(f"{first} {second}", section, _split)
    assert fitted == first and "first 1 whole sentence" in note


def test_quote_is_never_cut_inside_a_sentence():
    quote = " ".join(["word"] * 50) + "."
    sections, notes = enforce(_values(quote=[quote]), BRIEF, _split)
    assert sections[3].items == [] and "dropped" in notes[0]
    assert any("Key quote: missing" in n for n in notes)


def _sentence(n, word="mission"):
    return " ".join([word] * (n - 1) + ["end."])


def test_list_items_capped_and_total_limit_enforced():
    many = [_sentence(29, f"point{i}") for i in range(6)]
    values = _values(
        headline=[" ".join(["word"] * 15)],
        bullets=many,
        quote=[_sentence(44, "quoted")],
        attribution=[" ".join(["name"] * 14)],
        next=[_sentence(34, "next")],
    )
    sections, notes = enforce(values, BRIEF, _split)
    assert any("6 given, the limit is 5: kept the first 5" in n for n in notes)
    assert any("230-word limit: dropped the last points" in n for n in notes)
    _assert_within(sections, BRIEF)
    # Points are dropped from the end, and every other section is whole.
    assert sections[2].items == many[:4]
    assert sections[3].items == values["quote"] and sections[5].items == values["next"]


def test_too_few_points_are_noted():
    sections, notes = enforce(_values(bullets=["Only one point."]), BRIEF, _split)
    assert sections[2].items == ["Only one point."]
    assert "Key points: 1 of at least 3 items" in notes
