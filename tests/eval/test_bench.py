"""The benchmark's machinery end to end on toy-sized models (`python -m eval bench --quick --tiny`). No figure is
checked for speed — only that every row, probe and target is measured, reported and written."""

import json
import statistics

import pytest

from eval.bench.data import BenchData, load_data
from eval.bench.throughput import spread
from service.translate.decoding import DecodingConfig

# The fixture runs the whole quick bench (the app started twice on loopback, fresh probe processes): minutes on a
# loaded machine.
pytestmark = pytest.mark.timeout(1800)


@pytest.fixture(scope="module")
def bench_json(tmp_path_factory):
    from typer.testing import CliRunner

    from eval.cli import _register, app

    _register()
    work = tmp_path_factory.mktemp("bench")
    out = work / "bench.json"
    md = work / "bench.md"
    result = CliRunner().invoke(
        app, ["bench", "--quick", "--tiny", "--work-dir", str(work), "--json", str(out), "--markdown", str(md)]
    )
    assert result.exit_code == 0, result.output + repr(result.exception)
    return json.loads(out.read_text()), md.read_text(), result.output


def test_every_row_is_measured(bench_json):
    data, _, _ = bench_json
    [(arch, res)] = data["archs"].items()
    rows = {r["key"]: r for r in res["throughput"]}
    assert {"naive", "batched", "greedy", "int8-torch", "ct2-int8", "pipeline", "ct2-int8-batched"} <= set(rows)
    for row in rows.values():
        assert row["samples"] and row["sentences_per_s"] > 0
        # forced lengths: every translated sentence generated new tokens (8, the last a forced end token)
        for sample in row["samples"]:
            assert sample["tokens"] == 7 * sample["sentences"], row["key"]
        assert row["vs_naive"] > 0 and row["vs_ct2_int8"] > 0
    assert rows["naive"]["vs_naive"] == pytest.approx(1.0)
    assert rows["ct2-int8-batched"]["vs_ct2_int8"] == pytest.approx(1.0)
    assert rows["naive"]["note"]  # the one-per-call rows say which subset they timed


def test_headline_times_the_whole_pipeline_at_its_own_caps(bench_json):
    """Every headline row (naive included) has one sample per repeat; the pipeline, its old batching, bare CT2
    and the app over HTTP count the same generated tokens for the same text (random weights run every sentence to
    its own cap); the new batching makes at most one extra call for the first paragraph."""
    data, _, _ = bench_json
    own = next(iter(data["archs"].values()))["own_caps"]
    rows = {r["key"]: r for r in own["rows"]}
    assert set(rows) == {"ct2", "ct2-replicas", "pipeline", "pipeline-old", "naive", "http"}
    assert {len(r["samples"]) for r in rows.values()} == {own["repeats"]} and own["repeats"] == 5
    for rep in range(own["repeats"]):
        tokens = {k: rows[k]["samples"][rep]["tokens"] for k in ("ct2", "ct2-replicas", "pipeline", "pipeline-old", "http")}
        assert len(set(tokens.values())) == 1 and tokens["ct2"] > 0, tokens
        assert rows["naive"]["samples"][rep]["tokens"] > 0
    assert own["http_same_as_pipeline"] is True
    assert own["pipeline_own_caps_vs_ct2"] > 0 and own["pipeline_vs_naive"] > 0
    low, high = own["pipeline_own_caps_vs_ct2_spread"]
    assert low <= own["pipeline_own_caps_vs_ct2"] <= high
    for row in rows.values():
        assert row["tokens_per_s_spread"][0] <= row["tokens_per_s"] <= row["tokens_per_s_spread"][1]
    batches = own["batches"]
    assert sum(batches["new"]) == sum(batches["old"]) == own["sentences"] == sum(batches["ct2"])
    assert len(batches["new"]) <= 2 and 0 < own["first_paragraph_s"]


def test_probe_cache_and_concurrency(bench_json):
    data, _, _ = bench_json
    res = next(iter(data["archs"].values()))
    probe = res["probe"]
    assert probe["cold_start_s"] > probe["import_s"] > 0
    assert probe["cold_starts_s"] == [probe["cold_start_s"]] == [probe["cold_start_median_s"]]
    pairs = res["paired"]["pipeline/ct2-int8-batched"]
    assert len(pairs["ratios"]) == 2 and pairs["median"] > 0  # quick: two adjacent pipeline/reference runs
    assert 0 < probe["peak_rss_ready_mb"] <= probe["peak_rss_mb"]
    first = probe["first_request"]
    assert 0 < first["first_paragraph_s"] <= first["seconds"]
    assert first["summary_methods"] and len(first["paragraph_arrivals_s"]) == first["paragraphs"]
    assert {m["backend"] for m in probe["models"]} == {"ctranslate2"}  # the default CPU profile
    cache = res["cache"]
    assert cache["cold_translated"] == cache["cold_sentences"] and cache["resent_translated"] == 0
    assert 0 < cache["updated_translated"] < cache["updated_sentences"]
    wire = res["update"]  # the diff of version 2 against version 1, and version 2 translated from scratch
    assert wire["edit"]["figure"] is not None and wire["fact_changes"]
    assert wire["fresh_translated"] == wire["sentences"] and 0 < wire["update_translated"] < wire["sentences"]
    assert wire["update_s"] > 0 and wire["pairs"] == 3 and wire["update_vs_fresh"] == statistics.median(wire["runs"]["ratios"])
    assert any(t["target"].startswith("update_vs_fresh") and t["value"] == wire["update_vs_fresh"]
               for t in data["targets"])
    [conc] = res["concurrency"].values()
    assert conc["users_with_queue"]["users"] == 2 and conc["users_with_queue"]["errors"] == []
    assert conc["gain_with_queue"] > 0
    app = res["app_concurrency"]  # the real app in its own process, over HTTP on loopback
    assert app["single_user"]["requests"] == 2 and app["users"]["requests"] == 2
    assert app["users"]["errors"] == [] and app["single_user"]["errors"] == []
    assert app["users"]["sentences"] == 2 and app["gain"] > 0


def test_targets_and_report(bench_json):
    data, markdown, printed = bench_json
    names = {t["target"] for t in data["targets"]}
    assert {"pipeline_own_caps_vs_ct2", "pipeline_vs_naive (whole pipeline, own caps)", "first_paragraph_s",
            "peak_rss_mb", "cold_start_s"} <= names
    assert "translator stack vs CT2 int8 (forced lengths, median of adjacent pairs)" in names
    assert "concurrency_gain, running app over HTTP (1-sentence requests)" in names
    for t in data["targets"]:  # "met" is the measured value against the limit, in the stated direction
        expected = None if t["value"] is None else (
            t["value"] >= t["limit"] if t["direction"] == ">=" else t["value"] <= t["limit"])
        assert t["met"] is expected, t
    assert data["machine"]["cores"] >= 1 and data["default_profile"]["translation"] == "ctranslate2 int8"
    assert "| whole pipeline: Pipeline.run from raw text" in markdown and "Model batches for the bench text" in markdown
    assert "| a | naive" in markdown and "| d | reference: CTranslate2 int8" in markdown and "Targets" in markdown
    assert markdown.strip() in printed


def test_forced_ratio_lengths():
    d = DecodingConfig(forced_ratio=1.0, length_bucket=16)
    # rounded to the nearest bucket (at least one): 20 → 16, 25 → 32, 3 → 16
    assert d.forces_length and d.new_token_cap(20) == 16 and d.new_token_cap(25) == 32 and d.new_token_cap(3) == 16
    assert DecodingConfig(forced_ratio=0.8, length_bucket=16).new_token_cap(50) == 48  # 40 → 48
    assert DecodingConfig(forced_new_tokens=40).new_token_cap(500) == 40
    assert not DecodingConfig().forces_length


def test_output_ratio_is_reference_tokens_over_source_tokens_of_the_dispatch_sentences():
    fr = [f"phrase numéro {i} avec six mots ." for i in range(40)]
    en = [f"sentence {i} in four ." for i in range(40)]  # 5 tokens against 7 on every line

    def words(text=None, text_target=None):
        return {"input_ids": (text if text is not None else text_target).split()}

    data = BenchData(source="test", fr_lines=fr, en_lines=en)
    assert data.output_ratio(words, words=60, start=0) == 5 / 7
    assert BenchData(source="test", fr_lines=fr, en_lines=en[:3]).output_ratio(words, words=60, start=0) is None


def test_data_fallback_and_shapes(tmp_path):
    data = load_data(tmp_path)  # no newstest here: the tiny corpus
    assert data.source.startswith("tiny")
    assert len(data.news_sentences(16)) == 16
    dispatch = data.dispatch()
    assert dispatch.startswith("PARIS") and "\n\n" in dispatch
    pool = data.pool(100)
    assert len(pool) == len(set(pool)) == 100


def test_spread_keeps_the_length_mix():
    sentences = [" ".join(["mot"] * n) for n in range(1, 17)]
    picked = spread(sentences, 4, lambda s: len(s.split()))
    lengths = sorted(len(s.split()) for s in picked)
    assert len(picked) == 4 and lengths[0] <= 4 and lengths[-1] >= 13


def test_news_sentences_from_data(data_root):
    from tests.conftest import require_data

    require_data(data_root, "newstest2013-fr-en/newstest2013.fr")
    data = load_data(data_root)
    sentences = data.news_sentences(16)
    assert len(set(sentences)) == 16 and all(18 <= len(s.split()) <= 35 for s in sentences)
    assert 550 <= len(data.dispatch().split()) <= 700
    assert isinstance(data, BenchData)


def test_summaries_are_measured(bench_json):
    """Four presets from one generation vs one generation per preset, and the first request, on the dispatch's
    reference English; every summary names its method."""
    data, _, _ = bench_json
    res = next(iter(data["archs"].values()))
    summaries = res["summaries"]
    assert summaries["input_words"] > 0 and summaries["presets"] == ["headline", "lede", "bullets", "paragraph"]
    assert 0 < summaries["first_summary_s"] <= summaries["all_presets_s"]
    assert summaries["separate_s"] > 0 and summaries["speedup"] == pytest.approx(
        summaries["separate_s"] / summaries["all_presets_s"]
    )
    assert summaries["first_request_s"] > summaries["translate_s"] > 0
    # The same first request with each sentence generating only its own forced length: batches of equal length.
    assert summaries["first_request_own_lengths_s"] > summaries["translate_own_lengths_s"] > 0
    shared, own = summaries["translate_batches"], summaries["translate_own_lengths_batches"]
    assert sum(shared) == sum(own) > 0 and len(own) >= len(shared)
    row = next(t for t in data["targets"] if t["target"] == "first request: translate + four summaries (s)")
    assert row["value"] == pytest.approx(summaries["first_request_own_lengths_s"])
    assert set(summaries["methods"]) == {"headline", "lede", "bullets", "paragraph"} and all(summaries["methods"].values())
    names = {t["target"] for t in data["targets"]}
    assert "summaries: all four presets vs one generation per preset (speedup)" in names
