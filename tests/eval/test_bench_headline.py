"""The headline rows' bookkeeping on fakes (no model, no timing asserted): interleaving, equal repeats, spreads,
paired ratios, and the HTTP row's exact token count read from the bench app's counter."""

import json
from types import SimpleNamespace

import httpx
import pytest

from eval.bench import report, whole
from eval.bench.app_server import add_token_counter


def sample(seconds: float, tokens: int, **kw) -> whole.Sample:
    return whole.Sample(seconds, 4, tokens, **kw)


def test_every_engine_runs_once_per_repeat_in_alternating_order():
    calls = []

    def engine(key):
        return whole.Engine(key, key, lambda text: calls.append((key, text)) or sample(1.0, 10))

    engines = [engine("ct2"), engine("pipeline"), engine("naive")]
    got = whole.measure(engines, ["t0", "t1", "t2"], log=lambda _: None)
    assert calls == [("ct2", "t0"), ("pipeline", "t0"), ("naive", "t0"),
                     ("naive", "t1"), ("pipeline", "t1"), ("ct2", "t1"),
                     ("ct2", "t2"), ("pipeline", "t2"), ("naive", "t2")]
    assert {key: len(s) for key, s in got.items()} == {"ct2": 3, "pipeline": 3, "naive": 3}


def test_summary_gives_paired_median_ratios_and_their_spread():
    engines = [whole.Engine(k, k, None) for k in ("ct2", "pipeline", "naive")]
    # Load triples the second repeat's times for both engines alike: the paired ratio does not move.
    samples = {
        "ct2": [sample(1.0, 100), sample(3.0, 100), sample(1.0, 100)],
        "pipeline": [sample(1.25, 100), sample(3.75, 100), sample(1.0, 100)],
        "naive": [sample(10.0, 100), sample(10.0, 100), sample(10.0, 100)],
    }
    out = whole.summarize(engines, samples, reference="ct2", naive="naive")
    rows = {r["key"]: r for r in out["rows"]}
    pipeline = rows["pipeline"]
    assert out["paired"]["pipeline"]["ratios"] == pytest.approx([0.8, 0.8, 1.0])
    assert pipeline["vs_ct2"] == pytest.approx(0.8) and pipeline["vs_ct2_spread"] == pytest.approx([0.8, 1.0])
    # tokens/s: 80, 26.7, 100 → median 80, spread 26.7–100 (what the load did to the unpaired figure)
    assert pipeline["tokens_per_s"] == pytest.approx(80.0)
    assert pipeline["tokens_per_s_spread"] == pytest.approx([100 / 3.75, 100.0])
    assert rows["naive"]["vs_naive"] == pytest.approx(1.0) and pipeline["vs_naive"] == pytest.approx(8.0)
    assert rows["ct2"]["vs_ct2_spread"] == pytest.approx([1.0, 1.0])


def test_summary_refuses_rows_with_different_numbers_of_samples():
    engines = [whole.Engine(k, k, None) for k in ("ct2", "naive")]
    with pytest.raises(RuntimeError, match="different numbers of samples"):
        whole.summarize(engines, {"ct2": [sample(1, 1)] * 3, "naive": [sample(1, 1)] * 2}, "ct2", "naive")


def fake_app(tokens_per_request: int, cache_hit: bool = False):
    """A stand-in for the bench app: ``POST /v1/translate`` adds to the generated-token counter."""
    state = {"generated": 5}

    def handle(request: httpx.Request) -> httpx.Response:
        if request.method == "GET" and request.url.path == whole.TOKENS_PATH:
            return httpx.Response(200, json={"generated_tokens": state["generated"]})
        if request.method == "POST" and request.url.path == "/v1/translate":
            state["generated"] += tokens_per_request
            text = json.loads(request.content)["text"]
            return httpx.Response(200, json={
                "paragraphs": [{"sentences": [{"translation": f"en {text}"}, {"translation": "two"}]}],
                "extra": {"cache": {"hit": cache_hit}},
            })
        return httpx.Response(404)

    return httpx.Client(base_url="http://app", transport=httpx.MockTransport(handle))


def test_http_row_counts_the_tokens_the_app_generated():
    got: dict = {}
    run = whole.http_runner("http://app", got, 10, client=fake_app(tokens_per_request=37))
    first, second = run("a"), run("b")
    assert (first.tokens, second.tokens) == (37, 37) and first.sentences == 2 and first.tokens_per_s > 0
    assert got == {"a": ["en a", "two"], "b": ["en b", "two"]}
    whole.http_compare([first, second], got, {"a": (["en a", "two"], 37), "b": (["other", "two"], 37)})
    assert (first.same_as_pipeline, second.same_as_pipeline) == (True, False)


def test_http_row_refuses_a_result_store_answer():
    run = whole.http_runner("http://app", {}, 10, client=fake_app(tokens_per_request=3, cache_hit=True))
    with pytest.raises(RuntimeError, match="result store"):
        run("a")


def test_bench_app_serves_its_token_counter_ahead_of_the_ui():
    from fastapi import FastAPI
    from fastapi.testclient import TestClient
    from starlette.responses import PlainTextResponse
    from starlette.routing import Mount

    app = FastAPI()
    app.router.routes.append(Mount("/", app=PlainTextResponse("the UI")))  # as the Gradio UI is mounted at /
    shared = SimpleNamespace(generated_tokens=40)
    stacks = {"fr": SimpleNamespace(base=shared), "*": SimpleNamespace(base=shared),
              "en": SimpleNamespace(base=SimpleNamespace(generated_tokens=2)), "x": SimpleNamespace(base=None)}
    add_token_counter(app, SimpleNamespace(pipeline=SimpleNamespace(stacks=stacks)))
    client = TestClient(app)
    assert client.get(whole.TOKENS_PATH).json() == {"generated_tokens": 42}  # a shared model counted once
    assert client.get("/elsewhere").text == "the UI"


def test_headline_table_shows_spreads_and_batches():
    row = {"label": "whole pipeline", "tokens_per_s": 80.0, "tokens_per_s_spread": [26.7, 100.0],
           "sentences_per_s": 3.2, "vs_ct2": 0.8, "vs_ct2_spread": [0.8, 1.0], "vs_naive": 8.0,
           "vs_naive_spread": [7.5, 9.0]}
    own = {"sentences": 9, "repeats": 3, "rows": [row], "batches": {"new": [4, 5], "old": [3, 1, 5], "ct2": [9]},
           "batches_per_repeat": {"pipeline": [[4, 5], [4, 5], [4, 5]], "pipeline-old": [[3, 1, 5], [3, 6], [3, 1, 5]]},
           "first_paragraph_s": 2.0, "first_paragraph_s_spread": [1.5, 2.5], "http_same_as_pipeline": True}
    text = "\n".join(report.headline_table("opus-mt-fr-en", {"own_caps": own}))
    assert "| whole pipeline | 80.0 (26.7–100.0) | 3.20 | 0.80× (0.80–1.00×) | 8.0× (7.5–9.0×) |" in text
    assert "new [4, 5], old [3, 1, 5] (bare CT2: [9])" in text and "changed between repeats for pipeline-old" in text
    assert "2.00 s (1.50–2.50 s)" in text
