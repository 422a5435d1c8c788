"""What the Ray engine does when a Ray job fails part-way (a node or an actor lost, or a document that
kills its actor): every document comes out exactly once, the ones Ray did not return are run again as new jobs,
and a document that fails on its own is tried WIREBRIEF_RAY_RETRIES more times before it is reported; a pipeline
that no actor can build is reported once per document with the reason, never re-run.

Ray itself is replaced by a stand-in dataset here (the real cluster, with a worker node killed, is in
test_ray.py); what is tested is the driver's own re-run logic."""

from __future__ import annotations

import pytest

pytest.importorskip("ray")

from service.batch import engine_ray  # noqa: E402
from service.settings import Settings  # noqa: E402


class LostNode(RuntimeError):
    pass


def fake_ray(monkeypatch, fail):
    """Each Ray job yields its documents in order and raises where ``fail(keys, job_number, key)`` says so;
    returns the list of jobs run (their keys)."""
    jobs: list[list[int]] = []

    class Dataset:
        def __init__(self, docs):
            self.docs = list(docs)

        def iter_rows(self):
            keys = [k for k, _ in self.docs]
            jobs.append(keys)
            for key, text in self.docs:
                if fail(keys, len(jobs), key):
                    raise LostNode(f"node lost while on document {key}")
                yield {"key": key, "result": f"result of {text}", "error": None}

    monkeypatch.setattr(engine_ray, "_dataset", lambda docs, settings, options: Dataset(docs))
    return jobs


def run(docs, retries=3):
    return list(engine_ray.stream(docs, Settings(ray_retries=retries), {}))


def test_a_node_lost_mid_job_reruns_only_what_did_not_come_back(monkeypatch):
    docs = [(k, f"text {k}") for k in range(10)]
    jobs = fake_ray(monkeypatch, lambda keys, job, key: job == 1 and key == 4)
    out = run(docs)
    assert sorted(k for k, _, _ in out) == list(range(10))  # every document once
    assert all(result == f"result of text {k}" and error is None for k, result, error in out)
    assert jobs == [list(range(10)), [4, 5, 6, 7, 8, 9]]  # the rest once more, together; done ones never again


def test_a_document_that_always_fails_is_tried_retries_more_times_then_reported(monkeypatch):
    docs = [(k, f"text {k}") for k in range(8)]
    jobs = fake_ray(monkeypatch, lambda keys, job, key: key == 5)
    out = run(docs, retries=2)
    assert sorted(k for k, _, _ in out) == list(range(8))
    failed = [(k, error) for k, result, error in out if result is None]
    assert len(failed) == 1 and failed[0][0] == 5
    assert failed[0][1].startswith("failed on Ray after 2 retries") and "node lost while on document 5" in failed[0][1]
    alone = [job for job in jobs if job == [5]]
    assert len(alone) == 1 + 2  # first time alone, then its two retries
    assert jobs[1] == [5, 6, 7]  # what did not come back ran once together before it was split
    assert len(jobs) <= 2 + 3 + 2  # then halves: [5] [6, 7], and [5] twice more


def test_a_document_that_fails_once_alone_is_run_again_and_kept(monkeypatch):
    docs = [(k, f"text {k}") for k in range(2)]
    seen_alone = []

    def fail(keys, job, key):
        if keys == [1]:
            seen_alone.append(job)
            return len(seen_alone) == 1  # lost the first time it runs alone only
        return key == 1

    fake_ray(monkeypatch, fail)
    out = dict((k, (result, error)) for k, result, error in run(docs))
    assert out[1] == ("result of text 1", None)
    assert len(seen_alone) == 2


def test_no_retries_reports_the_lone_failure_at_once(monkeypatch):
    jobs = fake_ray(monkeypatch, lambda keys, job, key: True)
    out = run([(3, "text 3")], retries=0)
    assert out[0][0] == 3 and out[0][1] is None and "after 0 retries" in out[0][2]
    assert jobs == [[3]]


def test_an_actor_that_cannot_build_the_pipeline_raises_a_plain_reason(tmp_path):
    """The reason must cross Ray as text: ``ModelNotAvailableError`` itself arrived as "UnserializableException"."""
    import pickle

    (tmp_path / "empty").mkdir()
    settings = Settings(translation_model=str(tmp_path / "empty"), summary_model="extractive")
    for stage in (engine_ray.TranslateStage, engine_ray.SummarizeStage):
        with pytest.raises(engine_ray.PipelineUnbuildable) as caught:
            stage(settings)
        message = str(pickle.loads(pickle.dumps(caught.value)))
        assert message.startswith(engine_ray.UNBUILDABLE) and str(tmp_path / "empty") in message


def test_a_pipeline_no_actor_can_build_is_reported_once_per_document_not_rerun(monkeypatch):
    """Re-running could only fail again for the same cause: 6 documents, a model directory without a model, took
    5 min 31 s of re-runs (measured) before every one was reported."""
    reason = f"{engine_ray.UNBUILDABLE}: model_missing: Model directory '/models/x' could not be loaded"
    jobs: list[list[int]] = []

    class Dataset:
        def __init__(self, docs):
            self.docs = list(docs)

        def iter_rows(self):
            jobs.append([k for k, _ in self.docs])
            raise RuntimeError(f"ActorDiedError: the actor died in its creation task:\nTraceback ...\n{reason}\n")
            yield  # a generator, like Ray's

    monkeypatch.setattr(engine_ray, "_dataset", lambda docs, settings, options: Dataset(docs))
    out = run([(k, f"text {k}") for k in range(6)])
    assert jobs == [list(range(6))]  # one Ray job, no re-runs
    assert [(k, r, e) for k, r, e in out] == [(k, None, reason) for k in range(6)]
