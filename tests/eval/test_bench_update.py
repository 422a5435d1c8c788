"""The bench's wire-update section on the tiny pipeline: interleaved pairs of (fresh, update), each fresh run from
empty per-sentence caches, the update against a warm version 1; the figure is the median of the pairs' ratios."""

from __future__ import annotations

import statistics

from eval.bench.update import cold, update_cost
from service.facts import result as facts_result

DISPATCH = (
    "BRUXELLES, 14 fév (AFP) - L'attentat a fait 12 morts mardi soir dans le centre de la ville, selon la police.\n\n"
    "Les secours ont évacué 40 blessés vers trois hôpitaux. Les écoles resteront fermées jeudi.\n\n"
    "Le gouvernement a convoqué une réunion de crise pour le lendemain matin."
)
NEW_PARAGRAPH = "Le Premier ministre s'est rendu sur les lieux dans la nuit. Il a promis une enquête rapide."


def test_cold_empties_every_per_sentence_cache(pipeline):
    pipeline.run(DISPATCH, summaries=[], source_language="fr")
    assert len(pipeline.fact_memo) > 0 and pipeline.stacks["fr"].cache.contains(
        pipeline.run(DISPATCH, summaries=[], source_language="fr").sentences()[0].source)
    cold(pipeline)
    assert len(pipeline.fact_memo) == 0
    again = pipeline.run(DISPATCH, summaries=[], source_language="fr")
    assert not any(s.cached for s in again.sentences())


def test_update_cost_reports_the_median_of_interleaved_pairs(pipeline, monkeypatch):
    v1 = len(pipeline.run(DISPATCH, summaries=[], source_language="fr").sentences())
    checked: list[str] = []
    real = facts_result.check_sentences

    def spy(pairs, *args, **kwargs):
        checked.extend(s for s, _ in pairs)
        return real(pairs, *args, **kwargs)

    monkeypatch.setattr(facts_result, "check_sentences", spy)
    out = update_cost(pipeline, DISPATCH, NEW_PARAGRAPH, ["headline"], repeats=3)
    ratios = out["runs"]["ratios"]
    assert out["pairs"] == 3 == len(ratios) == len(out["runs"]["fresh_s"]) == len(out["runs"]["update_s"])
    assert ratios == [u / f for f, u in zip(out["runs"]["fresh_s"], out["runs"]["update_s"])]
    assert out["update_vs_fresh"] == statistics.median(ratios)
    assert out["update_vs_fresh_spread"] == [min(ratios), max(ratios)]
    # Every fresh run started cold: all sentences translated; the update translated only the new and the changed.
    assert out["fresh_translated"] == out["sentences"]
    assert out["update_translated"] == 3  # two added sentences and the corrected figure's sentence
    assert "number changed: 40 → 45" in out["fact_changes"]
    # Each of the 3 fresh runs and 3 version-1 runs fact-checked all its sentences (cold); each update only the 3
    # sentences it had not seen.
    assert len(checked) == 3 * out["sentences"] + 3 * v1 + 3 * 3, (len(checked), out["sentences"], v1)
