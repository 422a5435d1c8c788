"""French typography reaches an OPUS-MT model the way its training data looked (models/preprocess.py), while the
Result keeps the characters of the dispatch."""

from models.preprocess import opus_mt_input
from models.registry import resolve

# AFP-style copy: typographic apostrophes, guillemets with non-breaking spaces (U+00A0) and a narrow no-break space
# (U+202F) before the colon and inside a number.
DISPATCH = (
    "L’Otan a annoncé vendredi qu’elle renforce sa mission en Irak\u202f: «\u00a0Nous ne laisserons pas "
    "l’Irak seul\u00a0», a déclaré Jens Stoltenberg. La mission compte 12\u202f000 soldats…"
)


def test_opus_mt_input_maps_typography_like_the_training_data():
    assert opus_mt_input("l’Otan") == "l'Otan"
    assert opus_mt_input("qu’il a dit “non”") == "qu'il a dit \"non\""
    assert opus_mt_input("«\u00a0Nous partons\u00a0», a-t-il dit") == "\"Nous partons\", a-t-il dit"
    assert opus_mt_input("« Nous partons »") == "\"Nous partons\""
    assert opus_mt_input("12\u202f000 soldats…") == "12 000 soldats..."
    assert opus_mt_input("en Irak\u00a0: la mission") == "en Irak: la mission"


def _translator(model_dir):
    from models.load import load
    from service.translate.decoding import DecodingConfig
    from service.translate.hf import HFTranslator

    loaded = load(resolve(str(model_dir), "translation"), device="cpu")
    return HFTranslator(loaded, DecodingConfig(num_beams=1, max_new_tokens=8))


def test_model_reads_normalized_text_without_unknown_pieces(production_models):
    translator = _translator(production_models["marian"])
    tok = translator.loaded.tokenizer
    raw = tok(DISPATCH)["input_ids"]
    assert raw.count(tok.unk_token_id) >= 3  # what the fixture tokenizer (trained as OPUS-MT's was) makes of ’ « »
    ids = translator.encode(DISPATCH)
    assert tok.unk_token_id not in ids
    assert ids == tok(opus_mt_input(DISPATCH))["input_ids"]


def test_result_keeps_the_original_characters(pipeline):
    result = pipeline.run(DISPATCH, summaries=())
    sources = [s.source for p in result.paragraphs for s in p.sentences]
    assert any("L’Otan" in s for s in sources) and any("«" in s for s in sources)
    base = pipeline.stacks["fr"].base
    unk = base.loaded.tokenizer.unk_token_id
    for source in sources:  # what the model read for each of them
        assert unk not in base.encode(source)
