"""The pipeline gives the same Result whichever engine runs it: transformers or CTranslate2 (float32), with or
without the cross-request batching queue; and the default CPU profile (CTranslate2 int8) produces a complete
Result with the models it used. Tiny models, through the production loading code."""

import threading

import pytest

from service.events import ParagraphReady
from service.pipeline import Pipeline

DISPATCH = (
    "BRUXELLES : Les Alliés ont accepté vendredi de renforcer la mission de l'Otan en Irak. "
    "« La situation reste préoccupante », a déclaré M. Stoltenberg.\n\n"
    "L'Otan a actuellement 500 personnels en Irak. Elle compte 12.000 personnels en Afghanistan.\n\n"
    "Les ministres se réuniront de nouveau en février 2021. Le sommet aura lieu à Bruxelles."
)

PROFILES = {
    "transformers": dict(translation_backend="transformers", quantize="none", cross_request_batching=False),
    "transformers+queue": dict(translation_backend="transformers", quantize="none", cross_request_batching=True),
    "ctranslate2": dict(translation_backend="ctranslate2", quantize="none", cross_request_batching=False),
    "ctranslate2+queue": dict(translation_backend="ctranslate2", quantize="none", cross_request_batching=True),
}


@pytest.fixture(scope="module")
def pipelines(tiny_settings, tmp_path_factory):
    ct2_dir = tmp_path_factory.mktemp("ct2")
    built = {
        name: Pipeline.from_settings(
            tiny_settings.model_copy(update={**options, "ct2_dir": ct2_dir, "summary_model": "extractive"})
        )
        for name, options in PROFILES.items()
    }
    yield built
    for p in built.values():
        p.close()


def _translations(result):
    return [[s.translation for s in p.sentences] for p in result.paragraphs]


def test_same_result_on_every_backend(pipelines):
    results = {name: p.run(DISPATCH, summaries=["headline"], source_language="fr") for name, p in pipelines.items()}
    expected = _translations(results["transformers"])
    assert all(t for p in expected for t in p)
    for name, result in results.items():
        assert _translations(result) == expected, name
        assert [p.source for p in result.paragraphs] == [p.source for p in results["transformers"].paragraphs]
    backends = {name: {m.backend for m in r.models if m.role == "translation"} for name, r in results.items()}
    assert backends["ctranslate2+queue"] == {"ctranslate2"} and backends["transformers"] == {"transformers"}
    assert results["ctranslate2"].id != results["transformers"].id  # the models used are part of the key


@pytest.mark.parametrize("name", list(PROFILES))
def test_paragraphs_stream_in_order(pipelines, name):
    events = []
    result = pipelines[name].run(DISPATCH, summaries=[], source_language="fr", listener=events.append)
    ready = [e.paragraph.index for e in events if isinstance(e, ParagraphReady)]
    assert ready == list(range(len(result.paragraphs))) == [0, 1, 2]


def test_concurrent_requests_through_the_queue_match(pipelines):
    """Eight threads at once through the queued CTranslate2 pipeline get what a lone request gets."""
    queued, alone = pipelines["ctranslate2+queue"], pipelines["ctranslate2"]
    texts = [DISPATCH.split("\n\n")[i % 3] + f" Il est {i} heures." for i in range(8)]
    expected = [_translations(alone.run(t, summaries=[], source_language="fr")) for t in texts]
    got = [None] * len(texts)
    barrier = threading.Barrier(len(texts))

    def user(i):
        barrier.wait()
        got[i] = _translations(queued.run(texts[i], summaries=[], source_language="fr"))

    threads = [threading.Thread(target=user, args=(i,)) for i in range(len(texts))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert got == expected
    assert queued.stacks["fr"].queue.stats.shared_groups >= 1


# Plain sentences (no glossary term, name, number or quote): the pipeline hands them to the model as they are.
PLAIN = [
    "Le gouvernement a annoncé un plan de soutien aux hôpitaux de la région.",
    "Les ministres ont discuté de la mission pendant plusieurs heures.",
    "Il pleut.",
    "Le président est arrivé hier soir.",
]


def test_default_cpu_profile_on_ctranslate2_int8(tiny_settings, tmp_path):
    """The CPU defaults (quantize/summary_quantize auto) with the ctranslate2 backend selected for both models:
    int8 everywhere, the sentences translated by that int8 model (the words a CTranslate2 int8 translator loaded on
    its own gives for them), and summaries within their limits."""
    from models.load import load
    from models.registry import resolve
    from service.translate.ct2 import CT2Translator

    settings = tiny_settings.model_copy(update={
        "translation_backend": "ctranslate2", "summary_backend": "ctranslate2", "ct2_dir": tmp_path / "ct2",
        "device": "cpu",
    })
    pipeline = Pipeline.from_settings(settings)
    try:
        plain = pipeline.run(" ".join(PLAIN), summaries=[], source_language="fr")
        result = pipeline.run(DISPATCH * 3, summaries=["headline", "bullets"])
        decoding = pipeline.stacks["fr"].base.decoding
    finally:
        pipeline.close()
    for run in (plain, result):
        engines = {(m.role, m.backend, m.dtype) for m in run.models}
        assert engines >= {("translation", "ctranslate2", "int8")}
    assert {(m.role, m.backend, m.dtype) for m in result.models} == {
        ("translation", "ctranslate2", "int8"), ("summary", "ctranslate2", "int8")}

    # The same sentences in one call, batched as the pipeline batches them (random weights never stop early, so
    # beam search at another length cap would pick other words: compare like with like).
    alone = CT2Translator(
        load(resolve(str(tiny_settings.translation_model), "translation"), device="cpu", backend="ctranslate2",
             quantize="int8", ct2_dir=tmp_path / "reference"),
        decoding, token_budget=settings.token_budget, max_batch_sentences=settings.max_batch_sentences,
    )
    expected = alone.translate(PLAIN)
    assert len(set(expected)) > 1, expected  # the fixture's output depends on its input (toy weights: not always)
    assert [s.source for s in plain.sentences()] == PLAIN
    assert [s.translation for s in plain.sentences()] == expected
    assert set(result.summaries) == {"headline", "bullets"}
    for preset, summary in result.summaries.items():
        assert summary.text and summary.words <= summary.word_limit, (preset, summary.method, summary.text)
