"""A short run of `python -m eval load-test` (eval/load.py): REST and gradio_client clients on a loopback app with
fixture models — zero server errors, only documented refusals, bounded memory growth."""

from __future__ import annotations

import pytest

from eval.load import dispatch, run_load_test


def test_dispatch_sizes_are_within_the_limit():
    assert len(dispatch("near-limit", 7, 1000)) < 1000 and len(dispatch("near-limit", 7, 1000)) > 900
    assert dispatch("short", 1, 1000) != dispatch("short", 2, 1000)  # unique: no store hits


def test_refuses_non_loopback_targets():
    with pytest.raises(ValueError, match="loopback"):
        run_load_test(url="http://192.0.2.1:7860", duration=1, clients=1)


@pytest.mark.slow
def test_short_load_run_has_no_server_errors():
    report = run_load_test(clients=4, duration=12, max_requests=40, max_chars=1200)
    assert report.requests > 0 and report.ok > 0, report.text()
    assert report.server_errors == 0, report.errors
    assert set(report.by_channel) == {"rest", "gradio"}
    assert report.rss_growth_pct < 10, report.text()
    assert report.p95_s >= report.p50_s > 0
