"""Summaries: invented numbers and names flagged; provenance links bullets to supporting sentences."""

from service.facts import check_summary, link_provenance

SENTENCES = [
    "NATO allies agreed on Friday to strengthen the alliance's mission in Iraq.",
    '"The security situation in Iraq remains worrying," said NATO Secretary General Jens Stoltenberg.',
    "NATO currently has 500 personnel in Iraq.",
    "The Resolute Support mission in Afghanistan has 12,000 personnel.",
]
SOURCE = " ".join(SENTENCES)


def test_invented_number_is_flagged():
    issues = check_summary(SOURCE, "NATO has 800 personnel in Iraq.")
    assert [(i.type, i.source) for i in issues] == [("number", "800")]


def test_invented_name_and_date_are_flagged():
    issues = check_summary(SOURCE, "On Monday, Angela Merkel backed the mission.")
    assert {i.type for i in issues} == {"date", "name"}


def test_faithful_summary_passes():
    assert check_summary(SOURCE, "NATO will strengthen its Iraq mission, where it has 500 personnel.") == []


def test_provenance_links_and_support():
    items = [
        "NATO will strengthen its Iraq mission, with 500 personnel there now.",
        "The Afghanistan mission has 12,000 personnel.",
        "Germany plans to buy new tanks from France.",
        "The Afghanistan mission has 15,000 personnel.",
    ]
    prov = link_provenance(items, SENTENCES, threshold=0.5)
    assert prov[0].sentences[:2] == [0, 2] or set(prov[0].sentences[:2]) == {0, 2}
    assert prov[0].supported and prov[0].support >= 0.5
    assert prov[1].sentences == [3] and prov[1].supported
    assert not prov[2].supported and prov[2].sentences == []
    assert not prov[3].supported and prov[3].issues  # well covered by words, but the number is invented
    assert all(0.0 <= p.support <= 1.0 for p in prov)
