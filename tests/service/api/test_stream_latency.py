"""Time to first paragraph vs. to the full Result for a 600-word dispatch, through POST /v1/translate/stream on the
fixture models. Writes the figures to artifacts/stream-latency.json. The dispatch is 600+ words of consecutive
newstest2013 sentences (real news French), two sentences per paragraph. No summary is asked: on the tiny random
BART, summarizing 600 words takes minutes (measured: 70 s for the headline alone, 180 s for the four presets, the
reduce step over sections), which would dominate the suite without telling more about streaming. "Full" is therefore
the complete translation Result.

The behaviour asserted: the first paragraph reaches the client before the whole Result, as its own event (streaming
works end to end over HTTP). Not asserted: by how much. The pipeline translates the first paragraph alone, then the
rest in batches; on the tiny models every sentence runs to max_new_tokens, so a window costs about the same number
of decoder steps whatever its size, and the first paragraph can take up to about half of the total. The figures
depend on the machine (and heavily on torch threads on a busy 2-core box) and are only recorded."""

from __future__ import annotations

import json
import time

import httpx
import pytest

from service.settings import PROJECT_ROOT
from tests.conftest import require_data
from service.local_server import LiveServer

pytestmark = pytest.mark.slow


def dispatch_of(path, min_words: int = 600) -> str:
    lines = [l.strip() for l in path.read_text(encoding="utf-8").splitlines()[1:] if l.strip()]
    chosen, words = [], 0
    for line in lines:
        chosen.append(line)
        words += len(line.split())
        if words >= min_words:
            break
    return "\n\n".join(" ".join(chosen[i : i + 2]) for i in range(0, len(chosen), 2))


def test_first_paragraph_arrives_long_before_the_full_result(data_root, tiny_settings, tmp_path):
    import torch

    from service.api import create_app
    from service.runtime import Runtime

    text = dispatch_of(require_data(data_root, "newstest2013-fr-en/newstest2013.fr"))
    words = len(text.split())
    # A runtime of its own (fresh pipeline: no sentence cached by other tests, empty store).
    settings = tiny_settings.model_copy(update={"db_path": tmp_path / "wb.sqlite3"})
    runtime = Runtime(settings)
    with LiveServer(create_app(settings, runtime=runtime, ui=False)) as server:
        server.wait_ready(180)
        started = time.perf_counter()
        first_paragraph = full = None
        paragraphs = 0
        with httpx.stream("POST", f"{server.url}/v1/translate/stream", json={"text": text, "summaries": []}, timeout=600) as response:
            assert response.status_code == 200
            for line in response.iter_lines():
                event = json.loads(line)
                if event["event"] == "paragraph":
                    paragraphs += 1
                    if first_paragraph is None:
                        first_paragraph = time.perf_counter() - started
                elif event["event"] == "result":
                    full = time.perf_counter() - started
                    result = event["result"]
                elif event["event"] == "error":
                    pytest.fail(f"stream error: {event}")
    runtime.close()
    assert first_paragraph is not None and full is not None
    assert paragraphs == len(result["paragraphs"]) > 5
    assert first_paragraph < full, (first_paragraph, full)
    figures = {
        "words": words,
        "paragraphs": paragraphs,
        "sentences": sum(len(p["sentences"]) for p in result["paragraphs"]),
        "first_paragraph_s": round(first_paragraph, 2),
        "torch_threads": torch.get_num_threads(),
        "full_result_s": round(full, 2),
        "pipeline_timings_s": {k: round(v, 2) for k, v in result["timings"].items()},
        "summaries": list(result["summaries"]),
        "settings": {"num_beams": settings.num_beams, "max_new_tokens": settings.max_new_tokens},
    }
    out = PROJECT_ROOT / "artifacts"
    out.mkdir(exist_ok=True)
    (out / "stream-latency.json").write_text(json.dumps(figures, indent=2), encoding="utf-8")
    print(json.dumps(figures))
