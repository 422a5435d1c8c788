"""Is a pasted dispatch an update of a History entry? Checked on the update pairs and on unrelated dispatches."""

from __future__ import annotations

from service.diff.detect import Candidate, dateline_place, find_previous_version


def test_updates_are_matched_to_their_previous_version_only(update_cases):
    bases = {}
    for case in update_cases:
        bases.setdefault(case.base, case.old_text if case.edit != "typo_fix" else None)
    candidates = [Candidate(id=name, text=text, label=name) for name, text in bases.items() if text]
    assert len(candidates) == 4
    for case in update_cases:
        if case.edit == "typo_fix":
            continue
        match = find_previous_version(case.new_text, candidates)
        assert match is not None and match.id == case.base, (case.name, match)
        assert match.kept >= 0.6


def test_unrelated_and_identical_texts_are_not_updates(update_cases):
    sample = next(c for c in update_cases if c.name == "sample/insert_top")
    others = [Candidate(id=c.base, text=c.old_text) for c in update_cases if c.edit == "insert_top" and c.base != "sample"]
    assert find_previous_version(sample.new_text, others) is None
    assert find_previous_version(sample.old_text, [Candidate(id="same", text=sample.old_text)]) is None


def test_same_dateline_lowers_the_overlap_needed():
    old = ("PARIS, 3 mars (AFP) - Les cheminots sont en grève jeudi. Le trafic sera très perturbé en Ile-de-France.\n\n"
           "La direction appelle au dialogue. Les syndicats demandent une hausse des salaires de 5 %.\n\n"
           "Une nouvelle réunion est prévue lundi au ministère.")
    new = ("PARIS, 3 mars (AFP) - La grève des cheminots est reconduite vendredi, ont annoncé les syndicats.\n\n"
           "Le trafic sera très perturbé en Ile-de-France. La direction appelle au dialogue.\n\n"
           "Trois lignes de RER seront fermées toute la journée. Le ministre recevra les syndicats samedi.")
    assert dateline_place(old) == dateline_place(new) == "PARIS"
    match = find_previous_version(new, [Candidate(id="v1", text=old)])
    assert match is not None and match.same_dateline and 0.4 <= match.kept < 0.6
    assert find_previous_version(new.replace("PARIS", "LYON"), [Candidate(id="v1", text=old)]) is None
