"""int8 dynamic quantization at load time (models/quantize.py)."""

import pytest

from models.load import load
from models.quantize import is_quantized, quantize_dynamic_int8
from models.registry import resolve
from service.translate.decoding import DecodingConfig
from service.translate.hf import HFTranslator


def test_int8_load_path(tiny_models):
    spec = resolve(str(tiny_models["marian"]), "translation")
    plain = load(spec, device="cpu")
    int8 = load(spec, device="cpu", quantize="int8")
    assert int8 is not plain and not is_quantized(plain.model)
    assert is_quantized(int8.model) and int8.dtype == "int8"
    assert load(spec, device="cpu", quantize="int8") is int8  # loaded once per option set
    translator = HFTranslator(int8, DecodingConfig(num_beams=2, max_new_tokens=16))
    sentence = "Le président est arrivé à Paris."
    [out] = translator.translate([sentence])
    assert translator.models_used()[0].dtype == "int8"
    # The translation is the int8 model's: an independently quantized copy generates the same text …
    import torch
    from transformers import MarianMTModel

    reference = quantize_dynamic_int8(MarianMTModel.from_pretrained(tiny_models["marian"]).eval())
    batch = int8.tokenizer([sentence], return_tensors="pt")
    cap = translator.decoding.new_token_cap(batch["input_ids"].shape[1])
    ids = reference.generate(**batch, max_new_tokens=cap, **translator.decoding.generate_kwargs())
    assert out == int8.tokenizer.decode(ids[0], skip_special_tokens=True).strip()
    # … and quantization changed the arithmetic (it is not the float32 model under another name).
    with torch.no_grad():
        a = plain.model.get_encoder()(**batch).last_hidden_state
        b = int8.model.get_encoder()(**batch).last_hidden_state
    assert not torch.equal(a, b)


def test_int8_summarizer_model(tiny_models):
    loaded = load(resolve(str(tiny_models["bart"]), "summarization"), device="cpu", quantize="int8")
    assert is_quantized(loaded.model)


def test_bad_quantize_choice(tiny_models):
    with pytest.raises(ValueError, match="quantize must be one of"):
        load(resolve(str(tiny_models["marian"]), "translation"), device="cpu", quantize="int4")


def test_quantize_refuses_non_float32(tiny_models):
    import torch
    from transformers import MarianMTModel

    model = MarianMTModel.from_pretrained(tiny_models["marian"], dtype=torch.bfloat16)
    with pytest.raises(ValueError, match="float32"):
        quantize_dynamic_int8(model)
