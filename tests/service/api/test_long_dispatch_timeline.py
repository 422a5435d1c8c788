"""The bench's long-dispatch timeline (eval/bench/long_dispatch.py) against the running app: a dispatch longer than
one request's time limit comes back partial over the REST stream, and sending it again (Continue) finishes it."""

from __future__ import annotations

import time

from eval.bench.long_dispatch import timeline

PARAGRAPHS = 60


def _dispatch() -> str:
    return "\n\n".join(
        f"Le syndicat numéro {i} de la région chronologie a voté la grève {i * 7} jeudi. "
        f"Les délégués {i} de l'usine ont rejeté l'offre de la direction."
        for i in range(PARAGRAPHS)
    )


def test_a_dispatch_over_the_time_limit_is_finished_by_sending_it_again(live_app, monkeypatch):
    runtime = live_app.runtime
    original = runtime.settings
    runtime.settings = original.model_copy(update={"max_time": 2.0})
    # 120 sentences: at least 3.6 s of model time on any machine (a fast one translated them within the limit)
    base = runtime.pipeline.stacks["fr"].base
    generate = base._generate

    def slow(ids, caps, max_time):
        time.sleep(0.03 * len(ids))
        return generate(ids, caps, max_time)

    monkeypatch.setattr(base, "_generate", slow)
    try:
        got = timeline(live_app.url, _dispatch(), max_rounds=60, timeout=120, summaries=[])
    finally:
        runtime.settings = original
    rounds = got["rounds"]
    assert got["done"] and rounds[-1]["ended"] == "result", rounds[-1]
    assert rounds[-1]["paragraphs_done"] == rounds[-1]["paragraphs_total"] == PARAGRAPHS
    partial = rounds[:-1]
    assert partial and all(r["ended"] == "partial" for r in partial) and got["limit_hits"] == len(partial)
    assert all("time limit" in r["message"] for r in partial)
    done = [r["paragraphs_done"] for r in partial]
    assert done == sorted(done) and done[0] >= 1 and done[-1] < PARAGRAPHS  # each round keeps what was done
    assert all(r["first_paragraph_s"] is not None for r in rounds)
    assert got["total_s"] == sum(r["seconds"] for r in rounds)


def test_a_round_asks_for_the_summaries_it_is_given_and_records_them(live_app):
    import httpx

    from eval.bench.long_dispatch import stream_round

    text = "Le conseil municipal a voté la mesure mardi. Les élus ont approuvé le budget de la ville."
    with httpx.Client(base_url=live_app.url, timeout=120) as client:
        got = stream_round(client, text, 120, ["headline", "lede"])
    assert got.ended == "result" and sorted(got.summaries) == ["headline", "lede"]
