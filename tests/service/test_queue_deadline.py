"""Per-request time limits across the batching queue's worker thread, and token-cap warnings coming back from it.

A context variable set in the request thread is invisible in the queue's worker thread: these tests check that
the queue carries each request's deadline itself, that a request out of time raises GenerationTimeout promptly,
that its queued sentences are withdrawn (never run), and that the other requests are unaffected."""

from __future__ import annotations

import threading
import time

import pytest

from service.errors import GenerationTimeout
from service.limits import CapHit, collect_cap_hits, current_deadline, report_cap_hit, request_deadline
from tests.service.test_queue import Recording, _queue


def test_a_request_out_of_time_raises_and_its_sentences_are_never_run():
    inner = Recording(gate=threading.Event())
    queue = _queue(inner, max_wait_ms=0)
    blocker = threading.Thread(target=queue.translate, args=(["BLOCKER"],))
    blocker.start()  # the worker is stuck on this first batch until the gate opens
    while queue.stats.groups < 1:
        time.sleep(0.002)
    started = time.monotonic()
    with request_deadline(0.3):
        with pytest.raises(GenerationTimeout, match=r"limit of 0.3 s \(setting WIREBRIEF_MAX_TIME\)"):
            queue.translate(["phrase en retard", "autre phrase en retard"])
    waited = time.monotonic() - started
    assert not queue._pending  # withdrawn at once, before the worker is free again
    inner.gate.set()
    blocker.join(10)
    assert 0.25 <= waited < 3, waited
    # The withdrawn sentences never reached the model, and the queue serves the next caller normally.
    assert queue.translate(["suivante"]) == ["SUIVANTE"]
    queue.close()
    ran = [s for batch in inner.batches for s in batch]
    assert "phrase en retard" not in ran and "autre phrase en retard" not in ran
    assert not queue._pending


def test_the_worker_runs_each_batch_under_its_requests_deadline():
    seen = []

    class Probe(Recording):
        def translate(self, sentences, progress=None):
            seen.append(current_deadline())
            return super().translate(sentences, progress)

    queue = _queue(Probe())
    with request_deadline(30) as deadline:
        assert queue.translate(["un", "deux"]) == ["UN", "DEUX"]
    assert queue.translate(["trois"]) == ["TROIS"]  # no limit: none in the worker either
    queue.close()
    assert seen == [deadline, None]


def test_cap_hits_reported_in_the_worker_reach_the_caller():
    class Capped(Recording):
        def translate(self, sentences, progress=None):
            for s in sentences:
                if s.startswith("long"):
                    report_cap_hit(CapHit(s, 40, "WIREBRIEF_MAX_NEW_TOKENS"))
            return super().translate(sentences, progress)

    queue = _queue(Capped())
    results = {}

    def caller(name, sentences):
        with collect_cap_hits() as hits:
            queue.translate(sentences)
        results[name] = [h.source for h in hits]

    threads = [
        threading.Thread(target=caller, args=("a", ["long a", "court a"])),
        threading.Thread(target=caller, args=("b", ["court b"])),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    queue.close()
    assert results == {"a": ["long a"], "b": []}


def test_runtime_timeout_is_a_504_and_frees_the_slot(tiny_settings, pipeline, tmp_path):
    """The default profile (cross-request batching on): a dispatch that cannot finish within WIREBRIEF_MAX_TIME
    gets GenerationTimeout (HTTP 504) soon after the limit, and the next request runs at once."""
    from service.runtime import Runtime

    assert pipeline.stacks["fr"].queue is not None, "the test pipeline must use the batching queue"
    settings = tiny_settings.model_copy(
        update={"db_path": tmp_path / "wb.sqlite3", "max_time": 0.3, "concurrency": 1, "queue_size": 1}
    )
    runtime = Runtime(settings, pipeline_factory=lambda _s: pipeline)
    runtime.start()
    assert runtime.wait(30)
    # 400 distinct sentences: far more than the tiny model translates in 0.3 s on a loaded CPU.
    text = "\n\n".join(f"Le conseil municipal numéro {i} a voté la mesure {i * 7} mardi soir." for i in range(400))
    started = time.monotonic()
    with pytest.raises(GenerationTimeout) as info:
        runtime.translate(text, summaries=[], source_language="fr")
    elapsed = time.monotonic() - started
    assert info.value.status == 504 and "WIREBRIEF_MAX_TIME" in info.value.message
    assert elapsed < 10, f"the timeout took {elapsed:.1f} s to surface"
    # Slot freed, queue drained of the timed-out request: a short request runs now (with a roomier limit: on a
    # busy 2-core machine one sentence alone can take 0.3 s).
    runtime.settings = settings.model_copy(update={"max_time": 60.0})
    result = runtime.translate("Il pleut à Paris.", summaries=[], source_language="fr")
    assert result.paragraphs[0].sentences[0].translation
    deadline = time.monotonic() + 5
    while pipeline.stacks["fr"].queue._pending and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not pipeline.stacks["fr"].queue._pending
    runtime.close()
