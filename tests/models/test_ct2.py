"""CTranslate2 backend: one-time conversion of the tiny Marian, and output equal to transformers' for the same
weights (float32), batched equal to one-at-a-time (int8)."""

from pathlib import Path

import pytest

from models import ct2
from models.load import clear_cache, load
from models.registry import get, resolve
from service.translate.ct2 import CT2Translator
from service.translate.decoding import DecodingConfig
from service.translate.hf import HFTranslator

SENTENCES = [
    "Le gouvernement a annoncé lundi un plan de soutien aux hôpitaux de la région.",
    "Les ministres ont discuté de la mission en Irak pendant plusieurs heures.",
    "Il pleut.",
    "Selon la police, trois personnes ont été blessées dans l'accident survenu près de Lyon.",
    "Le président est arrivé à Paris.",
    "La Bourse de Paris a terminé en hausse de 1,2 % vendredi, portée par les valeurs bancaires.",
]


@pytest.fixture(scope="module")
def ct2_root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("ct2")


@pytest.fixture(scope="module")
def marian_spec(tiny_models):
    return resolve(str(tiny_models["marian"]), "translation")


def _pair(spec, root, decoding, quantize="none"):
    hf = HFTranslator(load(spec, device="cpu"), decoding, token_budget=256, max_batch_sentences=4)
    loaded = load(spec, device="cpu", backend="ctranslate2", quantize=quantize, ct2_dir=root)
    return hf, CT2Translator(loaded, decoding, token_budget=256, max_batch_sentences=4)


def test_conversion_once_and_reused(tiny_models, tmp_path):
    source = tiny_models["marian"]
    path, converted = ct2.ensure_converted("tiny", source, tmp_path, "int8")
    assert converted and ct2.is_converted(path) and path.is_relative_to(tmp_path)
    assert {"model.bin", "config.json", ct2.MARKER} <= {p.name for p in path.iterdir()}
    again, converted_again = ct2.ensure_converted("tiny", source, tmp_path, "int8")
    assert again == path and not converted_again
    float_copy, _ = ct2.ensure_converted("tiny", source, tmp_path, "float32")
    assert float_copy != path  # one copy per stored quantization
    assert not any(p.name.startswith(".") for p in path.parent.iterdir())  # no temporary directory left behind


def test_fingerprint_changes_with_the_checkpoint(tiny_models, tmp_path):
    import shutil

    copy = tmp_path / "marian"
    shutil.copytree(tiny_models["marian"], copy)
    before = ct2.fingerprint(copy)
    (copy / "config.json").write_text((copy / "config.json").read_text() + "\n")
    assert ct2.fingerprint(copy) != before


@pytest.mark.parametrize("beams", [1, 2])
def test_same_output_as_transformers_float32(marian_spec, ct2_root, beams):
    decoding = DecodingConfig(num_beams=beams, max_new_tokens=24)
    hf, ct = _pair(marian_spec, ct2_root, decoding)
    expected = hf.translate(SENTENCES)
    assert ct.translate(SENTENCES) == expected and all(expected)
    assert ct.generated_tokens == hf.generated_tokens > 0


def test_forced_lengths_match(marian_spec, ct2_root):
    decoding = DecodingConfig(num_beams=2, max_new_tokens=64, forced_new_tokens=12)
    hf, ct = _pair(marian_spec, ct2_root, decoding)
    assert ct.translate(SENTENCES) == hf.translate(SENTENCES)
    # 12 new tokens, the last of which is Marian's forced end token.
    assert ct.generated_tokens == hf.generated_tokens == 11 * len(SENTENCES)


def test_int8_batched_equals_one_at_a_time(marian_spec, ct2_root):
    _, ct = _pair(marian_spec, ct2_root, DecodingConfig(num_beams=2, max_new_tokens=24), quantize="int8")
    batched = ct.translate(SENTENCES)
    assert batched == [ct.translate([s])[0] for s in SENTENCES]
    [used] = ct.models_used()
    assert (used.backend, used.dtype) == ("ctranslate2", "int8")


def test_effective_backend():
    assert ct2.effective_backend("ctranslate2", "auto", "cpu") == "ctranslate2"
    assert ct2.effective_backend("transformers", "auto", "cpu") == "transformers"
    assert ct2.effective_backend("ctranslate2", "transformers", "cpu") == "transformers"
    assert ct2.effective_backend("transformers", "ctranslate2", "cpu") == "ctranslate2"
    if not ct2.cuda_available():  # auto never picks a GPU backend that cannot run
        assert ct2.effective_backend("ctranslate2", "auto", "cuda") == "transformers"
    assert get("opus-mt-tc-big-fr-en").backend == "ctranslate2"


def test_compute_types():
    assert ct2.compute_type("cpu", "float32", "int8") == "int8"
    assert ct2.compute_type("cpu", "float32", "none") == "float32"
    assert ct2.compute_type("cuda", "bfloat16", "none") == "bfloat16"
    assert ct2.compute_type("cuda", "float16", "int8") == "int8_float16"


def test_hub_model_converts_from_offline_cache(tiny_models, tmp_path):
    """A registered OPUS-MT model found in the HF cache is converted beside that cache on first load."""
    import shutil

    commit = get("opus-mt-fr-en").revision  # the pinned snapshot is what loading looks for
    repo = tmp_path / "hub" / "models--Helsinki-NLP--opus-mt-fr-en"
    shutil.copytree(tiny_models["marian"], repo / "snapshots" / commit)
    (repo / "refs").mkdir(parents=True)
    (repo / "refs" / "main").write_text(commit)
    loaded = load(get("opus-mt-fr-en"), device="cpu", cache_dir=tmp_path / "hub", backend="ctranslate2")
    assert loaded.backend == "ctranslate2"
    assert Path(loaded.converted_path).is_relative_to(tmp_path / "hub-ctranslate2")


def test_broken_directory_is_named(tmp_path):
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "config.json").write_text("{}")
    with pytest.raises(Exception, match="could not be loaded"):
        load(resolve(str(tmp_path / "broken"), "translation"), device="cpu", backend="ctranslate2", ct2_dir=tmp_path)


def test_fetch_converts_when_the_backend_is_ctranslate2(tiny_models, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    import models.fetch
    from models.__main__ import app
    from service.settings import get_settings

    paths = {"translation": tiny_models["marian"], "summarization": tiny_models["bart"]}
    monkeypatch.setattr(models.fetch, "fetch", lambda spec, cache_dir=None: paths[spec.task])
    monkeypatch.setenv("WIREBRIEF_CT2_DIR", str(tmp_path))
    monkeypatch.setenv("WIREBRIEF_DEVICE", "cpu")
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(app, ["fetch", "opus-mt-fr-en", "distilbart-cnn-12-6"])
        assert result.exit_code == 0, result.output
        assert result.output.count("for ctranslate2 (int8)") == 2
        converted = sorted(p.parent.name.rsplit("-", 1)[0] for p in tmp_path.glob("*/int8") if ct2.is_converted(p))
        assert converted == ["distilbart-cnn-12-6", "opus-mt-fr-en"]
        monkeypatch.setenv("WIREBRIEF_TRANSLATION_BACKEND", "transformers")
        get_settings.cache_clear()
        again = CliRunner().invoke(app, ["fetch", "opus-mt-fr-en"])
        assert again.exit_code == 0 and "ctranslate2" not in again.output
    finally:
        get_settings.cache_clear()


# The summarizer's parity (the checkpoint's decoding on both engines): tests/models/test_summary_decoding.py


def test_fetch_bakes_extra_compute_types_for_other_devices(tiny_models, tmp_path, monkeypatch):
    """An image built on a CPU machine can carry the CUDA copy too: `--ct2-compute float16` converts it at fetch."""
    from typer.testing import CliRunner

    import models.fetch
    from models.__main__ import app
    from service.settings import get_settings

    monkeypatch.setattr(models.fetch, "fetch", lambda spec, cache_dir=None: tiny_models["marian"])
    monkeypatch.setenv("WIREBRIEF_CT2_DIR", str(tmp_path))
    monkeypatch.setenv("WIREBRIEF_DEVICE", "cpu")
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(app, ["fetch", "opus-mt-fr-en", "--ct2-compute", "float16"])
        assert result.exit_code == 0, result.output
        assert "for ctranslate2 (int8)" in result.output and "for ctranslate2 (float16)" in result.output
        assert {p.name for p in tmp_path.glob("*/*") if ct2.is_converted(p)} == {"int8", "float16"}
        bad = CliRunner().invoke(app, ["fetch", "opus-mt-fr-en", "--ct2-compute", "int4"])
        assert bad.exit_code == 1 and "choose from" in bad.output
    finally:
        get_settings.cache_clear()


def test_conversion_at_load_is_announced_once(tiny_models, tmp_path, caplog):
    import logging

    spec = resolve(str(tiny_models["marian"]), "translation")
    with caplog.at_level(logging.WARNING, logger="wirebrief.models"):
        load(spec, device="cpu", backend="ctranslate2", quantize="int8", ct2_dir=tmp_path)
        clear_cache()
        load(spec, device="cpu", backend="ctranslate2", quantize="int8", ct2_dir=tmp_path)
    said = [r.getMessage() for r in caplog.records if "converting" in r.getMessage()]
    assert len(said) == 1 and "--ct2-compute int8" in said[0]
    clear_cache()


def test_replicas_split_each_batch_and_run_the_parts_at_once(production_models, ct2_root, monkeypatch):
    """With 2 replicas (the CPU default on 2 cores) a batch is dealt out longest first between them and every part
    is handed to CTranslate2 before any result is awaited (so its replicas run them side by side); translations and
    token counts equal one replica's. A part that runs out of memory is halved like any batch, and never hangs."""
    from service.translate.ct2 import split_for_replicas

    assert split_for_replicas([5, 9, 7, 3, 8], 2) == [[1, 2, 3], [0, 4]]  # 9, 7, 3 | 8, 5: longest in turn
    assert split_for_replicas([4], 2) == [[0]] and split_for_replicas([4, 4, 4], 1) == [[0, 1, 2]]
    decoding = DecodingConfig(num_beams=2, max_new_tokens=24)
    marian_spec = resolve(str(production_models["marian"]), "translation")  # distinct outputs per sentence
    one = CT2Translator(load(marian_spec, device="cpu", backend="ctranslate2", quantize="int8", ct2_dir=ct2_root),
                        decoding, token_budget=256, max_batch_sentences=4)
    two_loaded = load(marian_spec, device="cpu", backend="ctranslate2", quantize="int8", ct2_dir=ct2_root, replicas=2)
    assert two_loaded.replicas == 2 and two_loaded.model.num_translators == 2
    two = CT2Translator(two_loaded, decoding, token_budget=256, max_batch_sentences=4)
    expected = one.translate(SENTENCES)
    assert len(set(expected)) > 1  # distinct outputs: a reordering of the parts would show

    model = two_loaded.model
    events: list[str] = []
    failing = {"over": 99}  # parts of more sentences than this run out of memory

    class Handle:
        def __init__(self, inner):
            self.inner = inner

        def result(self):
            events.append("wait")
            return self.inner.result()

    class Recording:  # the model object, recording submissions and waits
        def __getattr__(self, name):
            return getattr(model, name)

        def translate_batch(self, source, **kwargs):
            assert kwargs.get("asynchronous") is True
            if len(source) > failing["over"]:
                raise MemoryError("out of memory (injected)")
            events.append(f"submit {len(source)}")
            return [Handle(h) for h in model.translate_batch(source, **kwargs)]

    monkeypatch.setattr(two.loaded, "model", Recording())
    assert two.translate(SENTENCES) == expected and two.generated_tokens == one.generated_tokens
    first_wait = events.index("wait")
    assert [e for e in events[:first_wait]] == ["submit 2", "submit 2"]  # 4 sentences: both parts in flight

    events.clear()
    failing["over"] = 1  # parts of 2 fail: the batch of 4 is halved, each half split again into parts of 1
    assert two.translate(SENTENCES) == expected
    assert events.count("submit 1") == len(SENTENCES)


def test_cpu_translation_profile_has_one_replica_per_core_up_to_four(monkeypatch):
    from service import profile
    from service.settings import Settings

    from models.registry import get

    spec = get("opus-mt-fr-en")
    for cores, expected in ((1, 1), (2, 2), (16, 4)):
        monkeypatch.setattr(profile, "available_cores", lambda c=cores: c)
        assert profile.translation_options(Settings(device="cpu"), spec).replicas == expected
    assert profile.translation_options(Settings(device="cpu", ct2_replicas=3), spec).replicas == 3
    assert profile.translation_options(Settings(device="cpu", torch_threads=1), spec).replicas == 1  # e.g. a Ray actor
    assert profile.translation_options(Settings(device="cpu", translation_backend="transformers"), spec).replicas == 1
    assert profile.summary_options(Settings(device="cpu"), get("distilbart-cnn-12-6")).replicas == 1
