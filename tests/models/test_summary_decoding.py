"""One decoding configuration per checkpoint, identical on both engines — on fixture models that carry the
generation settings the published checkpoints carry (models.tiny.PUBLISHED_GENERATION: distilbart-cnn-12-6's
length_penalty 2.0, min_length 56, max_length 142, no_repeat_ngram_size 3, num_beams 4; OPUS-MT's max_length
512, bad_words_ids [[pad]], forced EOS), laid out as on the hub (config.json, no generation_config.json)."""

from __future__ import annotations

import shutil

import pytest
import torch

from models.load import load
from models.registry import resolve
from models.tiny import apply_published_generation
from service.summarize.ct2 import CT2Seq2SeqSummarizer
from service.summarize.decoding import SummaryDecoding
from service.summarize.seq2seq import Seq2SeqSummarizer
from service.translate.ct2 import CT2Translator
from service.translate.decoding import DecodingConfig
from service.translate.hf import HFTranslator

TEXT = (
    "The government announced on Monday a plan to support hospitals in the region. "
    "The ministers discussed the mission in Iraq for several hours."
)
split = lambda t: [t]  # noqa: E731


def _copy(tiny_models, tmp_path, kind: str, name: str, eos_bias: float | None = None, pad_bias: float | None = None):
    model_dir = tmp_path / f"{kind}-published"
    shutil.copytree(tiny_models[kind], model_dir)
    if eos_bias is not None or pad_bias is not None:
        # eos: a model that wants to stop at once (output length = the minimum length); pad: one that wants to
        # write the token the checkpoint bans (bad_words_ids)
        from transformers import AutoModelForSeq2SeqLM

        model = AutoModelForSeq2SeqLM.from_pretrained(str(model_dir))
        with torch.no_grad():
            for token, bias in ((model.config.eos_token_id, eos_bias), (model.config.pad_token_id, pad_bias)):
                if bias is not None:
                    model.final_logits_bias[0, token] = bias
        model.save_pretrained(str(model_dir))
    return resolve(str(apply_published_generation(model_dir, name)), "summarization" if kind == "bart" else "translation")


@pytest.fixture(scope="module")
def bart_pair(tiny_models, tmp_path_factory):
    root = tmp_path_factory.mktemp("published-bart")
    spec = _copy(tiny_models, root, "bart", "distilbart-cnn-12-6")
    return load(spec, device="cpu"), load(spec, device="cpu", backend="ctranslate2", ct2_dir=root / "ct2")


def test_the_checkpoint_settings_are_read_on_both_engines(bart_pair):
    hf, ct = bart_pair
    expected = SummaryDecoding(
        num_beams=4, length_penalty=2.0, min_length=56, max_length=142, no_repeat_ngram_size=3, early_stopping=True,
        forced_bos_token_id=hf.tokenizer.bos_token_id, forced_eos_token_id=hf.tokenizer.eos_token_id,
    )
    assert SummaryDecoding.from_checkpoint(hf) == expected
    assert SummaryDecoding.from_checkpoint(ct) == expected  # CTranslate2 has no torch model to read them from


def test_same_decoding_same_best_candidate(bart_pair):
    """Greedy over the checkpoint's full lengths (min 56, max 142), and beam search (its length penalty 2.0 and
    no-repeat 3-grams) on a short cap: same best candidate, same length, and both flag the cap."""
    hf_loaded, ct_loaded = bart_pair
    hf, ct = Seq2SeqSummarizer(hf_loaded, split), CT2Seq2SeqSummarizer(ct_loaded, split)
    for decoding in (hf.decoding.replace(num_beams=1), hf.decoding.replace(num_beams=2, min_length=8, max_length=24)):
        expected, got = hf.generate(TEXT, decoding, None), ct.generate(TEXT, decoding, None)
        assert got[0] == expected[0] and len(got) == len(expected) == decoding.num_beams
        # random weights never stop: max_length - 2 tokens (forced BOS included; decoder start and end token not)
        assert expected[0].cut and expected[0].tokens == decoding.max_length - 2


def test_minimum_length_counts_the_same(tiny_models, tmp_path):
    """A model biased to stop at once stops at the checkpoint's min_length on both engines."""
    spec = _copy(tiny_models, tmp_path, "bart", "distilbart-cnn-12-6", eos_bias=8.0)
    hf = Seq2SeqSummarizer(load(spec, device="cpu"), split, num_beams=1)
    ct = CT2Seq2SeqSummarizer(load(spec, device="cpu", backend="ctranslate2", ct2_dir=tmp_path / "ct2"), split, num_beams=1)
    for decoding in (hf.decoding, hf.decoding.replace(min_length=10)):
        expected, got = hf.generate(TEXT, decoding, None)[0], ct.generate(TEXT, decoding, None)[0]
        assert got == expected and not expected.cut
        assert expected.tokens == decoding.min_length - 1  # forced BOS included, then the end token


def test_opus_mt_settings_translate_identically(tiny_models, tmp_path):
    """Including the banned pad token, on a model that would rather write it: transformers applies the
    checkpoint's bad_words_ids [[pad]]; CTranslate2's conversion drops pad from the output vocabulary."""
    spec = _copy(tiny_models, tmp_path, "marian", "opus-mt", pad_bias=8.0)
    hf_loaded = load(spec, device="cpu")
    ct_loaded = load(spec, device="cpu", backend="ctranslate2", ct2_dir=tmp_path / "ct2")
    pad = hf_loaded.tokenizer.pad_token_id
    for loaded in (hf_loaded, ct_loaded):
        assert loaded.generation.bad_words_ids == [[pad]] and loaded.generation.max_length == 512
    decoding = DecodingConfig(num_beams=hf_loaded.generation.num_beams, max_new_tokens=24)
    hf = HFTranslator(hf_loaded, decoding, token_budget=256, max_batch_sentences=4)
    ct = CT2Translator(ct_loaded, decoding, token_budget=256, max_batch_sentences=4)
    sentences = ["Le gouvernement a annoncé lundi un plan de soutien aux hôpitaux.", "Il pleut à Paris."]
    assert ct.translate(sentences) == hf.translate(sentences)
