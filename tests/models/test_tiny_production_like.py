"""The production-like fixture Marian: opus-mt-fr-en's vocabulary size and special ids, SentencePiece models of
thousands of pieces trained on the shared news data (or on the shipped tiny corpus where that data is absent)."""

import json

import pytest

from models.tiny import OPUS_MT_FR_EN_IDS, news_corpora


@pytest.fixture(scope="module")
def production_like(production_models):
    return production_models["marian"]  # tests/conftest.py: build_production_like_marian on the shared news data


def test_special_ids_and_generation_settings_match_opus_mt_fr_en(production_like):
    config = json.loads((production_like / "config.json").read_text())
    for key, value in OPUS_MT_FR_EN_IDS.items():
        assert config[key] == value, key
    generation = json.loads((production_like / "generation_config.json").read_text())
    assert generation["decoder_start_token_id"] == 59513 and generation["eos_token_id"] == 0
    assert generation["num_beams"] == 4 and generation["max_length"] == 512
    assert generation["bad_words_ids"] == [[59513]]
    vocab = json.loads((production_like / "vocab.json").read_text())
    assert vocab["</s>"] == 0 and vocab["<unk>"] == 1 and vocab["<pad>"] == 59513 and len(vocab) == 59514


def test_tokenizer_has_thousands_of_pieces_from_the_news_data(production_like, data_root):
    import sentencepiece as spm

    if news_corpora(data_root) is None:
        pytest.skip(f"newstest2013-fr-en not under {data_root} (set WIREBRIEF_DATA_ROOT; docs/data.md): the fixture "
                    "fell back to the tiny corpus, a few hundred pieces")
    pieces = spm.SentencePieceProcessor(model_file=str(production_like / "source.spm")).get_piece_size()
    assert pieces >= 4000
    # News sentences split into about as many pieces as with OPUS-MT's 59k vocabulary (1.2–1.6 per word).
    from transformers import MarianTokenizer

    tok = MarianTokenizer.from_pretrained(str(production_like))
    fr = news_corpora(data_root)["fr"][:200]
    ratio = sum(len(tok(s)["input_ids"]) for s in fr) / sum(len(s.split()) for s in fr)
    assert 1.0 < ratio < 2.0, ratio


def test_service_encodes_typography_with_it(production_like):
    from models.load import load
    from models.registry import resolve
    from service.translate.decoding import DecodingConfig
    from service.translate.hf import HFTranslator

    translator = HFTranslator(load(resolve(str(production_like), "translation"), device="cpu"),
                              DecodingConfig(num_beams=1, max_new_tokens=6))
    ids = translator.encode("L’Otan a «\u00a0500\u00a0» soldats.")
    assert ids[-1] == 0 and 1 not in ids  # ends with </s> (id 0), no <unk>
