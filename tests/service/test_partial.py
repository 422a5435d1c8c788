"""No lost work: a request that reaches its time limit returns the paragraphs done (marked incomplete, not stored),
and the same request again (Continue) finishes only the rest; a reader's Stop ends a request the same way."""

from __future__ import annotations

import threading
import time

import pytest

from service.errors import GenerationTimeout
from service.events import ParagraphReady
from service.runtime import Runtime, event_dict


N = 80
PER_SENTENCE_S = 0.05
"""Each model call is slowed by this much per sentence (``runtime`` below), so that N paragraphs need well over the
5 s limit on any machine: on a fast one the tiny models alone translated 80 paragraphs within it, and the tests
that need a request to reach its limit did not."""


def _long_text(tag: str, paragraphs: int = N) -> str:
    return "\n\n".join(
        f"Le conseil {tag} numéro {i} a voté la mesure {i * 3} mardi. Les élus {tag} de la ville {i} ont approuvé le budget."
        for i in range(paragraphs)
    )


@pytest.fixture
def runtime(tiny_settings, pipeline, tmp_path, monkeypatch):
    base = pipeline.stacks["fr"].base
    generate = base._generate

    def slow(ids, caps, max_time):
        time.sleep(PER_SENTENCE_S * len(ids))
        return generate(ids, caps, max_time)

    monkeypatch.setattr(base, "_generate", slow)
    settings = tiny_settings.model_copy(update={"db_path": tmp_path / "wb.sqlite3", "max_time": 5.0})
    rt = Runtime(settings, pipeline_factory=lambda _s: pipeline)
    rt.load()
    yield rt
    rt.close()


def test_time_limit_returns_the_paragraphs_done_and_continue_finishes_the_rest(runtime):
    text = _long_text("partiel")
    started = time.monotonic()
    first = runtime.translate(text, summaries=["headline"], source_language="fr", partial=True)
    first_s = time.monotonic() - started
    info = first.extra["incomplete"]
    assert info["reason"] == "time_limit"
    assert 0 < info["paragraphs_done"] == len(first.paragraphs) < info["paragraphs_total"] == N
    assert [p["index"] for p in info["pending"]] == list(range(info["paragraphs_done"], N))
    assert "5 seconds per request" in info["message"] and "Continue" in info["message"]
    assert "WIREBRIEF_MAX_TIME" in info["detail"]
    assert first.summaries == {}  # no summary of half a dispatch
    assert first_s < 5.0 + 2.0, f"the partial result took {first_s:.1f} s with a 5 s limit: {first.timings}"
    assert runtime.store.lookup(first.extra["cache"]["request_key"]) is None  # never served as the final answer

    # Continue: the same request; the paragraphs done come from the sentence cache, the limit goes to the rest.
    rounds = 1
    result = first

    def reached(r) -> tuple[int, int]:  # (paragraphs done, minus the summaries missing): grows with each round
        info = r.extra.get("incomplete")
        return (info["paragraphs_done"], -len(info["summaries_missing"])) if info else (N, 0)

    # No cap on the rounds: each must make progress (asserted), so there are at most N of them.
    while result.extra.get("incomplete", {}).get("paragraphs_done", N) < N:
        before = reached(result)
        result = runtime.translate(text, summaries=["headline"], source_language="fr", partial=True)
        rounds += 1
        assert reached(result) > before, "Continue made no progress"
        assert all(s.cached for p in result.paragraphs[: before[0]] for s in p.sentences)
    if "incomplete" in result.extra:  # the tiny BART's summary of N paragraphs can need more than 5 s
        assert result.extra["incomplete"]["summaries_missing"] == ["headline"] and len(result.paragraphs) == N
        assert "the summaries are not done yet" in result.extra["incomplete"]["message"]
        runtime.settings = runtime.settings.model_copy(update={"max_time": 600.0})
        result = runtime.translate(text, summaries=["headline"], source_language="fr", partial=True)
        assert all(s.cached for s in result.sentences())
    assert "incomplete" not in result.extra and len(result.paragraphs) == N and "headline" in result.summaries
    assert runtime.store.lookup(result.extra["cache"]["request_key"]) is not None
    assert rounds >= 2
    assert [p.translation for p in result.paragraphs[: len(first.paragraphs)]] == [
        p.translation for p in first.paragraphs
    ]


def test_without_partial_the_limit_is_still_a_504(runtime):
    with pytest.raises(GenerationTimeout):
        runtime.translate(_long_text("sans", 300), summaries=[], source_language="fr")


def test_stream_ends_with_a_partial_event(runtime):
    items = list(runtime.stream(_long_text("flux"), summaries=[], source_language="fr", partial=True))
    last = event_dict(items[-1])
    assert last["event"] == "partial" and last["incomplete"]["paragraphs_done"] == len(last["result"]["paragraphs"])
    assert sum(isinstance(i, ParagraphReady) for i in items) == last["incomplete"]["paragraphs_done"]


def test_stop_ends_the_request_at_once_with_what_is_done(runtime):
    runtime.settings = runtime.settings.model_copy(update={"max_time": 600.0})
    stop = threading.Event()
    seen: list[float] = []

    def listener(event):
        if isinstance(event, ParagraphReady) and not seen:
            seen.append(time.monotonic())
            stop.set()

    result = runtime.translate(
        _long_text("arret"), summaries=[], source_language="fr", partial=True, stop=stop, listener=listener
    )
    took = time.monotonic() - seen[0]
    info = result.extra["incomplete"]
    assert info["reason"] == "stopped" and info["message"].startswith("You stopped the request")
    assert info["paragraphs_done"] < 30
    assert took < 5.0, f"Stop took {took:.1f} s to end the request"


def test_windows_are_sized_in_tokens_to_a_share_of_the_time_left():
    from service.partial import SAFETY, WINDOW_SHARE, Pace, fitting

    pace = Pace()
    pace.add(100, 1.0)  # 0.01 s a source token, measured on the first paragraph
    per_paragraph = SAFETY * 100 * 0.01
    misses = {p: 100 for p in range(1, 21)}  # 20 paragraphs of 100 tokens still to translate
    left = 10.0
    kept = fitting(list(range(1, 21)), misses, pace, left)
    # all of the time left would take 8 of them; a window takes the share of it, so that a window running slower
    # than the pace measured on a smaller one still ends inside the limit
    assert len(kept) == int(WINDOW_SHARE * left / per_paragraph) < int(left / per_paragraph)
    # the first paragraph with work may use all of the time left, so the request ends only when nothing fits
    assert fitting([1, 2], misses, pace, 1.1 * per_paragraph) == [1]
    assert fitting([1, 2], misses, pace, 0.9 * per_paragraph) == []
    # cached paragraphs (no tokens to translate) cost nothing, and the pace is per token, not per sentence
    assert fitting([0, 1, 2], {0: 0, 1: 100, 2: 10}, pace, 1.1 * per_paragraph) == [0, 1]
    assert fitting([1, 2], {1: 10, 2: 10}, pace, 1.1 * per_paragraph) == [1, 2]
