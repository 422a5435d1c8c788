"""The running service: background loading and its states, store-backed cache, streaming order, admission."""

from __future__ import annotations

import threading
import time

import pytest

from service.errors import InputError, ModelUnavailable, Overloaded
from service.events import ParagraphReady, Progress
from service.result import Result
from service.runtime import Runtime
from tests.service.results_factory import make_result

DISPATCH = (
    "PARIS, 12 mars (AFP) - Le gouvernement a annoncé mardi un plan pour les agriculteurs. "
    "Les syndicats jugent les mesures insuffisantes.\n\n"
    "Les agriculteurs bloquent plusieurs autoroutes depuis janvier.\n\n"
    "Une nouvelle réunion est prévue la semaine prochaine à Matignon."
)


@pytest.fixture
def settings(tiny_settings, tmp_path):
    return tiny_settings.model_copy(update={"db_path": tmp_path / "db" / "wb.sqlite3"})


def test_loading_then_ready_in_the_background(settings, pipeline):
    release = threading.Event()

    def slow_factory(_settings):
        release.wait(30)
        return pipeline

    runtime = Runtime(settings, pipeline_factory=slow_factory)
    runtime.start()
    health = runtime.health()
    assert health.state == "loading" and "loading" in health.reason
    with pytest.raises(ModelUnavailable) as info:
        runtime.translate("Bonjour.")
    assert info.value.status == 503 and "loading" in info.value.message
    release.set()
    assert runtime.wait(30)
    health = runtime.health()
    assert health.ready and {m.role for m in health.models} >= {"translation", "summary"}
    runtime.close()


def test_a_failed_load_is_reported_not_raised(settings):
    def broken(_settings):
        raise RuntimeError("weights for opus-mt are not in the cache; run python -m models fetch")

    runtime = Runtime(settings, pipeline_factory=broken)
    runtime.start()
    assert runtime.wait(10)
    health = runtime.health()
    assert health.state == "error" and "python -m models fetch" in health.reason
    with pytest.raises(ModelUnavailable) as info:
        runtime.translate("Bonjour.")
    assert "failed to load" in info.value.message and "models fetch" in info.value.message
    runtime.close()


def test_identical_request_is_served_from_the_store(settings, pipeline):
    runtime = Runtime(settings, pipeline_factory=lambda _s: pipeline)
    runtime.load()
    first = runtime.translate(DISPATCH, summaries=["headline"])
    assert first.extra["cache"]["hit"] is False
    assert runtime.store.get(first.id) is not None

    calls = []
    original = pipeline.run
    pipeline.run = lambda *a, **k: calls.append(1) or original(*a, **k)  # type: ignore[method-assign]
    try:
        second = runtime.translate(DISPATCH, summaries=["headline"])
        assert calls == []  # no model ran
        assert second.extra["cache"]["hit"] is True
        assert second.id == first.id and second.paragraphs == first.paragraphs
        assert second.models == first.models  # stamped with the versions that produced it
        other = runtime.translate(DISPATCH, summaries=["lede"])  # different options: a new run
        assert calls == [1] and other.id != first.id
    finally:
        del pipeline.run
    runtime.close()


def test_a_restarted_runtime_serves_from_the_same_database(settings, pipeline):
    first = Runtime(settings, pipeline_factory=lambda _s: pipeline)
    first.load()
    result = first.translate(DISPATCH, summaries=[])
    first.close()
    second = Runtime(settings, pipeline_factory=lambda _s: pipeline)
    second.load()
    assert second.result(result.id) == result.model_copy(update={"extra": {}})
    assert second.translate(DISPATCH, summaries=[]).extra["cache"]["hit"] is True
    second.close()


def test_stream_yields_paragraphs_as_they_are_ready_then_the_result(settings, pipeline):
    runtime = Runtime(settings, pipeline_factory=lambda _s: pipeline)
    runtime.load()
    items = list(runtime.stream(DISPATCH, summaries=["headline"], use_store=False))
    assert isinstance(items[-1], Result)
    result = items[-1]
    paragraphs = [i.paragraph for i in items if isinstance(i, ParagraphReady)]
    assert paragraphs == result.paragraphs and len(paragraphs) == 3
    first_paragraph = next(n for n, i in enumerate(items) if isinstance(i, ParagraphReady))
    summarizing = next(n for n, i in enumerate(items) if isinstance(i, Progress) and i.stage == "summarizing")
    assert first_paragraph < summarizing
    stages = [i.stage for i in items if isinstance(i, Progress)]
    assert stages.index("segmenting") < stages.index("translating")
    runtime.close()


def test_stream_rejects_bad_input_before_starting(settings, pipeline):
    runtime = Runtime(settings, pipeline_factory=lambda _s: pipeline)
    runtime.load()
    with pytest.raises(InputError):
        runtime.stream("   ")
    runtime.close()


class BlockingPipeline:
    """Duck-typed pipeline whose runs wait for a signal: enough to observe admission."""

    def __init__(self):
        self.release = threading.Event()
        self.running = 0

    def validate(self, text, summaries, summarizer):
        return []

    def cache_key(self, text, summaries, source_language, summarizer):
        return f"key-{text}"

    def models_used(self):
        return []

    def run(self, text, **_options):
        self.running += 1
        self.release.wait(30)
        return make_result(f"id-{text}")


def test_admission_limits_concurrency_and_queue(settings):
    fake = BlockingPipeline()
    runtime = Runtime(settings.model_copy(update={"concurrency": 1, "queue_size": 1}), pipeline_factory=lambda _s: fake)
    runtime.load()
    results: list = []
    threads = [threading.Thread(target=lambda t=t: results.append(runtime.translate(t))) for t in ("a", "b")]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 10
    while (fake.running < 1 or runtime._waiting < 1) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert fake.running == 1 and runtime._waiting == 1  # one runs, one waits
    with pytest.raises(Overloaded) as info:
        runtime.translate("c")
    assert info.value.status == 429 and "WIREBRIEF_QUEUE_SIZE" in info.value.message
    fake.release.set()
    for t in threads:
        t.join(10)
    assert sorted(r.id for r in results) == ["id-a", "id-b"]
    runtime.close()
