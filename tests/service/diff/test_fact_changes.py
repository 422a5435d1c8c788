"""Fact changes and the what's-new decision on realistic updates: every planted change found, none invented."""

from __future__ import annotations

from service.diff import compare
from service.summarize.extractive import LeadSummarizer
from service.summarize.presets import get_preset

from .conftest import fake_result
from .updates import fact_scores


def _diff(old: str, new: str, presets=("headline", "bullets")):
    return compare(fake_result(old), fake_result(new, "current"), presets=[get_preset(p) for p in presets],
                   summarize=lambda english, preset: LeadSummarizer().summarize(english, preset))


def test_every_planted_fact_change_is_found_and_none_invented(update_cases):
    for case in update_cases:
        diff = _diff(case.old_text, case.new_text)
        missed = [p for p in case.facts if not any(p.shown_by(f) for f in diff.facts)]
        assert not missed, f"{case.name}: missed {missed}; found {[f.detail for f in diff.facts]}"
        if not case.facts:  # split, merge, clauses swapped, reordering, typo: the same facts, reworded or moved
            assert not diff.facts, f"{case.name}: {[f.detail for f in diff.facts]}"
    figures = fact_scores(update_cases, lambda c: _diff(c.old_text, c.new_text))
    assert figures["planted"] >= 40 and figures["shown"] == figures["planted"]
    # Measured: 39 of 42 classified exactly. The 3 others are one mis-pairing: in quebec/combined the replaced
    # quotation also moved, a new quotation was inserted where it stood, and its speaker ("ironise Jacques
    # Duchesneau") is not recognized, so the gap pairs the old quotation with the inserted one.
    assert figures["classified"] >= figures["planted"] - 3, figures
    # Extra changes are facts of the inserted paragraphs beyond the three planted kinds (a weekday, a month).
    assert figures["extra"] <= figures["planted"] // 2, figures


def test_a_toll_a_weekday_and_a_new_speaker():
    old = ("PARIS : L'attentat a fait 12 morts mardi soir dans le centre de la ville, selon la police.\n\n"
           "Les secours sont restés sur place toute la nuit.")
    new = ("PARIS : L'attentat a fait 17 morts mercredi soir dans le centre de la ville, selon la police.\n\n"
           "\"Nous sommes tous sous le choc\", a déclaré le maire Pierre Dumont.\n\n"
           "Les secours sont restés sur place toute la nuit.")
    diff = _diff(old, new)
    by_kind = {(f.type, f.change): f for f in diff.facts}
    toll = by_kind[("number", "changed")]
    assert (toll.previous, toll.current) == ("12", "17")
    assert toll.detail == "number changed: 12 → 17"
    assert toll.previous_sentences[0].translation.startswith("EN: L'attentat a fait 12 morts")
    assert toll.current_sentences[0].translation.startswith("EN: L'attentat a fait 17 morts")
    day = by_kind[("date", "changed")]
    assert (day.previous, day.current) == ("mardi", "mercredi")
    speaker = by_kind[("name", "added")]
    assert speaker.current == "Pierre Dumont" and not speaker.previous_sentences
    assert ("quote", "added") in by_kind
    assert diff.facts[0].change == "changed"  # corrections first
    statuses = [c.status for c in diff.changes]
    assert statuses == ["same", "changed", "added", "same"]
    changed = diff.changes[1]
    assert changed.previous[0].translation != changed.current[0].translation  # both sides' English


def test_a_typo_fix_is_not_news(update_cases):
    for case in update_cases:
        if case.edit != "typo_fix":
            continue
        diff = _diff(case.old_text, case.new_text)
        assert diff.counts["changed"] == 1 and diff.counts["minor"] == 1, case.name
        assert diff.whats_new.status == "nothing_substantive" and not diff.whats_new.summaries, case.name
        assert "1 minor edit (typo fixes)" in diff.whats_new.message, case.name


def test_whats_new_summarizes_only_added_and_changed_sentences(update_cases):
    case = next(c for c in update_cases if c.name == "sample/combined")
    diff = _diff(case.old_text, case.new_text)
    assert diff.whats_new.status == "summarized"
    current = diff.current.sentences()
    chosen = diff.whats_new.sentences
    statuses = {r.index: c.status for c in diff.changes for r in c.current}
    assert chosen and all(statuses[i] in ("added", "changed", "moved") for i in chosen)
    assert set(diff.whats_new.summaries) == {"headline", "bullets"}
    english = {current[i].translation for i in chosen}
    for preset, summary in diff.whats_new.summaries.items():
        for item in summary.items or [summary.text]:
            assert item in english or any(item in e for e in english), (preset, item)
        for p in diff.whats_new.provenance[preset]:
            assert set(p["sentences"]) <= set(chosen)
    untouched = [i for i, s in statuses.items() if s == "same"]
    assert not set(untouched) & set(chosen)


def test_only_removals_say_so():
    old = "PARIS : Les ministres se sont réunis.\n\nLa réunion a duré deux jours et s'est achevée sans accord."
    diff = _diff(old, "PARIS : Les ministres se sont réunis.")
    assert diff.whats_new.status == "nothing_substantive"
    assert "1 sentence removed" in diff.whats_new.message
    assert [c.status for c in diff.changes] == ["same", "same", "removed"]
