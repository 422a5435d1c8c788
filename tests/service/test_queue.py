"""Cross-request batching queue: concurrent callers share batches and each gets exactly its own outputs."""

import threading

import pytest

from models.load import load
from models.registry import resolve
from service.translate.decoding import DecodingConfig
from service.translate.hf import HFTranslator
from service.translate.queue import BatchingQueue

SENTENCES = [
    "Le gouvernement a annoncé lundi un plan de soutien aux hôpitaux.",
    "Les ministres ont discuté de la mission en Irak.",
    "Il pleut.",
    "Selon la police, trois personnes ont été blessées près de Lyon.",
    "Le président est arrivé à Paris.",
    "La Bourse de Paris a terminé en hausse vendredi.",
    "Le vent souffle.",
    "Les syndicats appellent à la grève jeudi dans les transports publics.",
]


class Recording:
    """A fake model translator: upper-cases, records each batch, fails any batch holding a poisoned sentence."""

    def __init__(self, poison: str | None = None, gate: threading.Event | None = None):
        self.batches: list[list[str]] = []
        self.poison = poison
        self.gate = gate

    def translate(self, sentences, progress=None):
        if self.gate is not None:
            self.gate.wait(5)
        self.batches.append(list(sentences))
        if self.poison and self.poison in sentences:
            raise RuntimeError("model failure")
        return [s.upper() for s in sentences]

    def models_used(self):
        return []


def _queue(inner, **kwargs):
    options = dict(count_tokens=lambda s: len(s.split()), batch_key=lambda n: 0, token_budget=10_000,
                   max_batch_sentences=64, max_wait_ms=50)
    options.update(kwargs)
    return BatchingQueue(inner, **options)


def _concurrently(fn, args_list):
    results, errors = [None] * len(args_list), [None] * len(args_list)
    barrier = threading.Barrier(len(args_list))

    def run(i, args):
        barrier.wait()
        try:
            results[i] = fn(*args)
        except Exception as exc:  # noqa: BLE001
            errors[i] = exc

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(args_list)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return results, errors


def _hold_worker(queue, inner, pending: int):
    """Block the worker on a first request until ``pending`` more requests are queued behind it."""
    inner.gate = threading.Event()
    blocker = threading.Thread(target=queue.translate, args=(["BLOCKER"],))
    blocker.start()
    import time

    deadline = time.monotonic() + 20
    while (queue.stats.groups < 1) and time.monotonic() < deadline:  # the worker has taken the blocker
        time.sleep(0.002)

    def release():
        deadline = time.monotonic() + 20
        while len(queue._pending) < pending and time.monotonic() < deadline:
            time.sleep(0.005)
        inner.gate.set()

    threading.Thread(target=release, daemon=True).start()
    return blocker


def test_concurrent_callers_share_batches_and_get_their_own_outputs():
    inner = Recording()
    queue = _queue(inner)
    requests = [SENTENCES[i : i + 3] for i in range(0, 8, 2)]  # overlapping: some sentences in two requests
    blocker = _hold_worker(queue, inner, len(requests))
    results, errors = _concurrently(queue.translate, [(r,) for r in requests])
    blocker.join(10)
    queue.close()
    assert errors == [None] * len(requests)
    assert results == [[s.upper() for s in r] for r in requests]
    assert queue.stats.shared_groups == 1 and inner.batches[1:] and len(inner.batches) == 2
    translated = inner.batches[1]
    assert sorted(translated) == sorted(set(s for r in requests for s in r))  # shared sentences translated once


def test_failure_reaches_only_its_callers():
    inner = Recording(poison="POISON")
    # Different batch keys put the poisoned request's sentence in its own batch of the shared group.
    queue = _queue(inner, batch_key=lambda n: n == 1)
    requests = [["POISON"], ["un deux trois", "quatre cinq"], ["six sept huit"]]
    blocker = _hold_worker(queue, inner, len(requests))
    results, errors = _concurrently(queue.translate, [(r,) for r in requests])
    blocker.join(10)
    queue.close()
    assert queue.stats.shared_groups == 1
    assert isinstance(errors[0], RuntimeError) and results[0] is None
    assert errors[1:] == [None, None]
    assert results[1:] == [["UN DEUX TROIS", "QUATRE CINQ"], ["SIX SEPT HUIT"]]


def test_batches_respect_budget_and_keys():
    inner = Recording()
    queue = _queue(inner, token_budget=12, max_batch_sentences=3, batch_key=lambda n: n > 5)
    out = queue.translate(SENTENCES)
    queue.close()
    assert out == [s.upper() for s in SENTENCES]
    for batch in inner.batches:
        assert len(batch) <= 3
        assert len({len(s.split()) > 5 for s in batch}) == 1
        assert len(batch) == 1 or len(batch) * max(len(s.split()) for s in batch) <= 12


def test_progress_runs_in_the_callers_thread():
    inner = Recording()
    queue = _queue(inner, max_batch_sentences=2, token_budget=10_000)
    seen = []
    caller = threading.get_ident()
    queue.translate(SENTENCES[:5], lambda done, total: seen.append((done, total, threading.get_ident())))
    queue.close()
    assert [d for d, _, _ in seen] == sorted(d for d, _, _ in seen) and seen[-1][:2] == (5, 5)
    assert {t for _, _, t in seen} == {caller}


def test_closed_queue_refuses_work():
    queue = _queue(Recording())
    queue.close()
    with pytest.raises(RuntimeError, match="closed"):
        queue.translate(["Il pleut."])


def test_queued_model_translations_equal_unqueued(tiny_models):
    """Eight concurrent callers through the real tiny Marian get what each would get alone."""
    decoding = DecodingConfig(num_beams=2, max_new_tokens=20)
    base = HFTranslator(
        load(resolve(str(tiny_models["marian"]), "translation"), device="cpu"),
        decoding,
        token_budget=512,
        max_batch_sentences=16,
    )
    expected = {s: base.translate([s])[0] for s in SENTENCES}
    queue = BatchingQueue(base, count_tokens=base.count_tokens, batch_key=decoding.new_token_cap,
                          token_budget=512, max_batch_sentences=16, max_wait_ms=20)
    requests = [[SENTENCES[(i + k) % 8] for k in range(1 + i % 3)] for i in range(8)]
    results, errors = _concurrently(queue.translate, [(r,) for r in requests])
    queue.close()
    assert errors == [None] * 8
    assert results == [[expected[s] for s in r] for r in requests]
    assert queue.stats.mean_batch > 1


def test_big_request_does_not_hold_the_model():
    """A 40-sentence job queued first; a one-sentence request behind it goes into the next batch, not after the
    job's ten batches — and both get all their outputs."""
    inner = Recording()
    queue = _queue(inner, max_batch_sentences=4, max_wait_ms=0)
    big = [f"phrase numéro {i} du long travail de traduction" for i in range(40)]
    blocker = _hold_worker(queue, inner, 2)
    finished = []
    results, errors = [None, None], [None, None]

    def send(i, sentences):
        try:
            results[i] = queue.translate(sentences)
        except Exception as exc:  # noqa: BLE001
            errors[i] = exc
        finished.append(i)

    job = threading.Thread(target=send, args=(0, big))
    job.start()
    import time

    while len(queue._pending) < 1:
        time.sleep(0.002)
    flash = threading.Thread(target=send, args=(1, ["Dernière minute."]))
    flash.start()
    for t in (job, flash, blocker):
        t.join(30)
    queue.close()
    assert errors == [None, None]
    assert results == [[s.upper() for s in big], ["DERNIÈRE MINUTE."]]
    assert sorted(finished) == [0, 1]
    batches = inner.batches[1:]  # after the blocker
    assert all(len(b) <= 4 for b in batches) and len(batches) >= 10
    assert "Dernière minute." in batches[0]  # round-robin: in the very first batch after the blocker
