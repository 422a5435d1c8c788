import re

import pytest

from models.load import load
from models.registry import resolve
from service.translate.batching import plan_batches
from service.translate.clauses import split_long
from service.translate.decoding import DecodingConfig
from service.translate.hf import HFTranslator
from service.translate.quality import degenerate_reasons
from service.translate.wrappers import CachingTranslator, ClauseSplittingTranslator
from tests.conftest import require_data


@pytest.fixture(scope="module")
def hf_translator(production_models):
    # token budgets and clause splitting on opus-mt-fr-en's vocabulary and a tokenizer trained on news text
    loaded = load(resolve(str(production_models["marian"]), "translation"), device="cpu")
    return HFTranslator(loaded, DecodingConfig(num_beams=2, max_new_tokens=40), token_budget=256, max_batch_sentences=8)


def test_batches_respect_budget_and_sort_by_length():
    lengths = [5, 40, 12, 40, 3, 100, 7]
    batches = plan_batches(lengths, token_budget=90, max_batch=3)
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
    for batch in batches:
        assert len(batch) <= 3
        assert len(batch) == 1 or len(batch) * max(lengths[i] for i in batch) <= 90
    flat = [lengths[i] for b in batches for i in b]
    assert flat == sorted(flat, reverse=True)


def test_batches_never_mix_keys():
    lengths = [10, 10, 10, 10]
    keys = ["a", "b", "a", "b"]
    batches = plan_batches(lengths, token_budget=1000, max_batch=10, key=lambda i: keys[i])
    assert all(len({keys[i] for i in b}) == 1 for b in batches)


def test_new_token_cap_scales_and_is_capped():
    d = DecodingConfig(max_new_tokens=100, new_tokens_ratio=2.0, length_bucket=16)
    assert d.new_token_cap(5) == 32 and d.new_token_cap(7) == 32
    assert d.new_token_cap(30) == 80
    assert d.new_token_cap(1000) == 100


def test_clause_splitter_on_3000_character_sentence():
    clause = "le gouvernement a annoncé un plan de soutien aux hôpitaux de la région"
    sentence = ", ".join([clause] * 42) + "; " + " ".join(["mot"] * 30) + "."
    assert len(sentence) >= 3000

    def count(text: str) -> int:
        return len(text.split())

    parts = split_long(sentence, count, 50)
    assert len(parts) > 1
    assert all(count(p) <= 50 for p in parts)
    assert " ".join(parts) == sentence
    assert parts[0].endswith(",")  # split after a clause boundary, not mid-clause


def test_clause_splitter_falls_back_to_whitespace():
    sentence = " ".join(f"mot{i}" for i in range(500))
    parts = split_long(sentence, lambda t: len(t.split()), 64)
    assert all(len(p.split()) <= 64 for p in parts) and " ".join(parts) == sentence


def test_long_sentence_through_model_is_never_truncated(hf_translator):
    clause = "les ministres ont discuté de la mission en Irak pendant plusieurs heures"
    sentence = ", ".join([clause] * 45) + "."
    assert len(sentence) > 3000 and hf_translator.count_tokens(sentence) > 512
    splitter = ClauseSplittingTranslator(hf_translator, hf_translator.count_tokens, 120)
    pieces = splitter.split(sentence)
    assert len(pieces) > 1 and all(hf_translator.count_tokens(p) <= 120 for p in pieces)
    [translation] = splitter.translate([sentence])
    expected = " ".join(t for t in hf_translator.translate(pieces) if t)
    assert translation == expected and translation


def test_batched_equals_one_at_a_time(hf_translator, data_root):
    """Greedy: exact whatever the batch (service/translate/hf.py says when beam search is too). On the
    production-like fixture the outputs differ by sentence, so a batching bug that mixes rows up shows."""
    path = require_data(data_root, "newstest2013-fr-en/newstest2013.fr")
    sentences = path.read_text(encoding="utf-8").splitlines()[100:124]
    greedy = HFTranslator(hf_translator.loaded, DecodingConfig(num_beams=1, max_new_tokens=40), token_budget=256,
                          max_batch_sentences=8)
    batched = greedy.translate(sentences)
    single = [greedy.translate([s])[0] for s in sentences]
    assert batched == single
    assert all(batched) and len(set(batched)) > len(sentences) // 3


def test_progress_reports_every_sentence(hf_translator):
    seen = []
    hf_translator.translate(["Bonjour.", "Le président est arrivé.", "Il pleut."], lambda d, n: seen.append((d, n)))
    assert seen[-1] == (3, 3) and [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_cache_translates_only_unseen_sentences(hf_translator):
    calls = []

    class Counting:
        def translate(self, sentences, progress=None):
            calls.append(list(sentences))
            return hf_translator.translate(sentences, progress)

        def models_used(self):
            return hf_translator.models_used()

    cache = CachingTranslator(Counting(), namespace="tiny")
    first = cache.translate(["Il pleut.", "Le vent souffle.", "Il pleut."])
    assert calls == [["Il pleut.", "Le vent souffle."]]
    second = cache.translate(["Le vent souffle.", "La mer est calme."])
    assert calls[-1] == ["La mer est calme."] and second[0] == first[1]
    assert cache.contains("La mer est calme.")


@pytest.mark.parametrize(
    "source,translation,code",
    [
        ("Le président est arrivé à Paris lundi.", "", "degenerate.empty"),
        ("Le président est arrivé à Paris lundi.", "Le président est arrivé à Paris lundi.", "degenerate.copy"),
        ("Le président est arrivé à Paris lundi soir.", "Yes.", "degenerate.length_ratio"),
        ("Le président est arrivé.", "The the the the the president", "degenerate.repetition"),
    ],
)
def test_degenerate_translations_are_flagged(source, translation, code):
    assert code in [c for c, _ in degenerate_reasons(source, translation)]


def test_faithful_translation_is_not_flagged():
    assert degenerate_reasons(
        "Le président est arrivé à Paris lundi soir.", "The president arrived in Paris on Monday evening."
    ) == []


def test_cached_translation_still_reports_its_token_cap():
    """A sentence that stopped at the new-token cap warns on every request, not only on the one that translated
    it (the Ray and local engines then give the same warnings whatever the order of documents)."""
    from service.limits import CapHit, collect_cap_hits, report_cap_hit

    class Capped:
        calls = 0

        def translate(self, sentences, progress=None):
            Capped.calls += 1
            for s in sentences:
                if s.startswith("long"):
                    report_cap_hit(CapHit(s, 8, "WIREBRIEF_MAX_NEW_TOKENS"))
            return [s.upper() for s in sentences]

        def models_used(self):
            return []

    cache = CachingTranslator(Capped(), namespace="t")
    with collect_cap_hits() as first:
        assert cache.translate(["long one", "short"]) == ["LONG ONE", "SHORT"]
    with collect_cap_hits() as again:
        assert cache.translate(["short", "long one", "long one"]) == ["SHORT", "LONG ONE", "LONG ONE"]
    assert Capped.calls == 1
    assert [h.source for h in first] == ["long one"] and {h.source for h in again} == {"long one"}
