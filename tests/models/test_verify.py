"""The conformance kit (`python -m models verify`) run on fixture models with fixture expectations: each check
prints its line, passes when the expectation holds, and fails (exit non-zero) when it does not."""

import shutil

import pytest

from models.tiny import corpus
from models.verify import run

SIZES = {"quick": 20, "parity": 5, "dispatches": 2, "dispatch_sentences": 6}


@pytest.fixture()
def settings(tiny_settings, tmp_path):
    # newstest2013's layout, filled with the shipped parallel tiny corpus, so the kit runs without the shared data.
    data = tmp_path / "data" / "newstest2013-fr-en"
    data.mkdir(parents=True)
    (data / "newstest2013.fr").write_text("\n".join(corpus("fr")), encoding="utf-8")
    (data / "newstest2013.en").write_text("\n".join(corpus("en")), encoding="utf-8")
    return tiny_settings.model_copy(update={"data_root": tmp_path / "data", "hf_cache_dir": tmp_path / "hub",
                                            "ct2_dir": tmp_path / "ct2", "max_new_tokens": 12})


def _fixture_outputs(settings, model_dir, sources):
    from models.verify import _engine
    from models.registry import resolve

    return _engine(settings, resolve(str(model_dir), "translation")).translate(sources)


def _expect(name, examples, bleu):
    return {"translation": {name: {"examples": examples, "bleu": bleu, "tolerance": 1.0}}, "sizes": SIZES}


def test_kit_passes_fixture_expectations_and_fails_wrong_ones(production_models, tiny_models, settings):
    # the production-like Marian: opus-mt-fr-en's vocabulary and special ids, a tokenizer that (like OPUS-MT's) never
    # saw ’ « » — so the typography check has something to catch
    marian, bart = production_models["marian"], tiny_models["bart"]
    sources = ["Le gouvernement a annoncé un plan.", "La réunion a eu lieu à Paris."]
    examples = [[s, out] for s, out in zip(sources, _fixture_outputs(settings, marian, sources))]
    lines = []
    # Random weights: BLEU near 0 is the fixture's "published" figure.
    report = run([str(marian), str(bart)], settings, quick=True, expectations=_expect(marian.name, examples, 0.0),
                 echo=lines.append)
    checks = {(line.model, line.check): line for line in report.lines}
    assert [c for m, c in checks] == ["weights", "examples", "typography", "parity", "bleu", "presets"]
    assert all(line.ok for line in report.lines if line.check != "presets"), "\n".join(lines)
    assert "5/5 identical" in checks[(marian.name, "parity")].detail
    assert "newstest2013[:20]" in checks[(marian.name, "bleu")].detail
    # The random-weight BART writes no complete, distinct sentences: every preset falls back, and the kit must say
    # so rather than count the fallback as the model's work (4 presets × 2 dispatches).
    presets = checks[(bart.name, "presets")]
    assert not presets.ok and "0/8 summaries" in presets.detail and "bullets#0 fell back" in presets.detail
    assert not report.ok
    assert lines == [str(line) for line in report.lines]

    wrong = [[sources[0], "I loved England."]]
    failing = run([str(marian)], settings, quick=True, expectations=_expect(marian.name, wrong, 33.9), echo=lambda _: None)
    bad = {line.check for line in failing.lines if not line.ok}
    assert bad == {"examples", "bleu"} and not failing.ok


def test_without_weights_it_says_what_to_fetch_and_exits_non_zero(settings, monkeypatch):
    from typer.testing import CliRunner

    from models.__main__ import app

    monkeypatch.setenv("WIREBRIEF_HF_CACHE_DIR", str(settings.hf_cache_dir))
    monkeypatch.setenv("WIREBRIEF_DATA_ROOT", str(settings.data_root))
    from service.settings import get_settings

    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(app, ["verify", "opus-mt-tc-big-fr-en", "--quick"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 1
    assert "FAIL  opus-mt-tc-big-fr-en  weights" in result.output
    assert "missing weights: python -m models fetch opus-mt-tc-big-fr-en" in result.output


def test_without_data_it_names_the_fetch_command(tiny_models, settings, tmp_path):
    shutil.rmtree(settings.data_root)
    lines = []
    report = run([str(tiny_models["marian"])], settings, expectations={"sizes": SIZES}, echo=lines.append)
    data = [line for line in report.lines if line.check == "data"]
    assert data and not data[0].ok and "sacrebleu -t wmt13 -l fr-en --echo src" in data[0].detail
    assert not report.ok
