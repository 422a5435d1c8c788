"""Sentences of different new-token caps share one batch (model translators and the cross-request queue); each
output is cut to its own cap, which in greedy search is exactly what a run with that cap alone gives."""

import pytest

from models.load import load
from models.registry import resolve
from service.limits import collect_cap_hits
from service.translate.ct2 import CT2Translator
from service.translate.decoding import DecodingConfig
from service.translate.hf import HFTranslator, cut_to_cap
from service.translate.queue import BatchingQueue

# Source lengths from a few to ~50 tokens (opus-mt-fr-en's vocabulary): new-token caps from 32 to over 96
# (2 × source + 10, by 16).
MIXED = [
    "Il pleut.",
    "Le président est arrivé à Paris lundi soir.",
    "Les ministres ont discuté de la mission en Irak pendant plusieurs heures avec leurs homologues.",
    "La Bourse de Paris a terminé en hausse de 1,2 % vendredi, portée par les valeurs bancaires et la "
    "perspective d'un accord européen sur la dette grecque avant la fin du mois de mars.",
]


def test_cut_to_cap_keeps_what_the_own_cap_would_give():
    rows = [[5, 6, 7, 8, 9], [5, 6, 2], [5, 6, 7]]
    kept, hits = cut_to_cap(rows, [3, 4, 3], lambda c: c - 1)
    assert hits == [True, False, True]
    assert kept == [[5, 6], [5, 6, 2], [5, 6]]


@pytest.fixture(scope="module")
def marian_spec(production_models):
    # opus-mt-fr-en's vocabulary and a news-trained tokenizer: the caps below follow real token counts
    return resolve(str(production_models["marian"]), "translation")


def _translators(spec, tmp_path_factory, decoding, **kwargs):
    hf = HFTranslator(load(spec, device="cpu"), decoding, token_budget=4096, max_batch_sentences=16, **kwargs)
    loaded = load(spec, device="cpu", backend="ctranslate2", ct2_dir=tmp_path_factory.mktemp("ct2"))
    ct = CT2Translator(loaded, decoding, token_budget=4096, max_batch_sentences=16, **kwargs)
    return hf, ct


def test_mixed_caps_share_one_batch_and_equal_their_own_caps_greedy(marian_spec, tmp_path_factory):
    decoding = DecodingConfig(num_beams=1, max_new_tokens=512)
    hf, ct = _translators(marian_spec, tmp_path_factory, decoding)
    caps = {decoding.new_token_cap(hf.count_tokens(s)) for s in MIXED}
    assert len(caps) >= 3  # the point of the test: caps differ
    for translator in (hf, ct):
        alone = [translator.translate([s])[0] for s in MIXED]
        translator.batch_log = []
        translator.generated_tokens = 0
        together = translator.translate(MIXED)
        assert translator.batch_log == [len(MIXED)]
        assert together == alone and all(together)
        # Random weights run every sentence to its cap: exactly cap - 1 tokens each (the last place is </s>).
        expected = sum(decoding.new_token_cap(translator.count_tokens(s)) - 1 for s in MIXED)
        assert translator.generated_tokens == expected
    assert ct.translate(MIXED) == hf.translate(MIXED)


def test_beam_search_output_never_exceeds_its_own_cap(marian_spec, tmp_path_factory):
    decoding = DecodingConfig(num_beams=2, max_new_tokens=512)
    hf, ct = _translators(marian_spec, tmp_path_factory, decoding)
    for translator in (hf, ct):
        translator.batch_log = []
        translator.generated_tokens = 0
        outputs = translator.translate(MIXED)
        assert translator.batch_log == [len(MIXED)] and all(outputs)
        # Random weights never end early: each sentence keeps exactly its own cap - 1 tokens, not the batch's.
        own = [decoding.new_token_cap(translator.count_tokens(s)) - 1 for s in MIXED]
        assert translator.generated_tokens == sum(own) < len(MIXED) * max(own)


def test_the_global_cap_is_reported_for_the_sentence_that_hit_it(marian_spec, tmp_path_factory):
    """Own caps of 32 (short sentences) and above 40 (= WIREBRIEF_MAX_NEW_TOKENS, long ones) in one batch: only the
    long sentences are reported as stopped at the setting's cap."""
    decoding = DecodingConfig(num_beams=1, max_new_tokens=40)
    hf, ct = _translators(marian_spec, tmp_path_factory, decoding)
    uncapped = DecodingConfig(num_beams=1, max_new_tokens=512)
    over = [s for s in MIXED if uncapped.new_token_cap(hf.count_tokens(s)) > 40]
    assert 0 < len(over) < len(MIXED)  # the point of the test: some sentences reach the setting's cap, some not
    for translator in (hf, ct):
        translator.batch_log = []
        with collect_cap_hits() as hits:
            translator.translate(MIXED)
        assert translator.batch_log == [len(MIXED)]
        assert sorted(h.source for h in hits) == sorted(over)
        assert {h.tokens for h in hits} == {40}


def test_old_split_by_cap_is_still_available(marian_spec, tmp_path_factory):
    decoding = DecodingConfig(num_beams=1, max_new_tokens=512)
    hf, _ = _translators(marian_spec, tmp_path_factory, decoding, batch_key=decoding.new_token_cap)
    hf.batch_log = []
    hf.translate(MIXED)
    assert len(hf.batch_log) == len({decoding.new_token_cap(hf.count_tokens(s)) for s in MIXED})


class Recording:
    def __init__(self):
        self.batches = []

    def translate(self, sentences, progress=None):
        self.batches.append(list(sentences))
        return [s.upper() for s in sentences]

    def models_used(self):
        return []


def test_queue_batches_mixed_caps_together_unless_keyed():
    words = lambda s: len(s.split())  # noqa: E731
    cap = DecodingConfig(max_new_tokens=512).new_token_cap
    for key, expected in ((None, 1), (cap, len({cap(words(s)) for s in MIXED}))):
        inner = Recording()
        queue = BatchingQueue(inner, count_tokens=words, batch_key=key, token_budget=10_000,
                              max_batch_sentences=64, max_wait_ms=0)
        assert queue.translate(MIXED) == [s.upper() for s in MIXED]
        queue.close()
        assert len(inner.batches) == expected
