"""The long-dispatch timeline (no lost work): a ~1,600-word dispatch sent to the running app's REST stream
(``POST /v1/translate/stream``, all four summaries, the app's default time limit ``WIREBRIEF_MAX_TIME``), then
sent again — what the page's *Continue* does — until the Result comes.

Per round: the seconds, when its first paragraph arrived, how many paragraphs were done at its end, how many of
them the model translated in this round (the rest came from the sentence cache) and whether the round ended on the
time limit (a ``partial`` event) or with the Result. Random weights run every sentence to its new-token cap, so
the rounds are an upper bound of what the real weights of the same architecture take.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field

LONG_WORDS = 1600
"""About the length of the 1,612-word dispatch that timed out in the reader's walk-through (issue 16)."""


@dataclass
class Round:
    seconds: float
    first_paragraph_s: float | None
    paragraphs_done: int
    paragraphs_total: int
    ended: str
    """'partial' (the time limit came first), 'result' (done) or 'error'."""
    message: str = ""
    """The reader's words for a partial round (``incomplete.message``), or the error."""
    summaries: list[str] = field(default_factory=list)


def stream_round(client, text: str, timeout: float, summaries: list[str] | None = None) -> Round:
    """One ``POST /v1/translate/stream`` of ``text`` (``summaries``: None = the app's default, all four); reads
    events until the Result, a partial Result or an error."""
    started = time.perf_counter()
    first = None
    paragraphs = total = 0
    delivered: list[str] = []
    body = {"text": text} if summaries is None else {"text": text, "summaries": summaries}
    with client.stream("POST", "/v1/translate/stream", json=body, timeout=timeout) as response:
        if response.status_code != 200:
            response.read()
            return Round(time.perf_counter() - started, None, 0, 0, "error", f"{response.status_code}: {response.text[:200]}")
        for line in response.iter_lines():
            if not line.strip():
                continue
            event = json.loads(line)
            kind = event.get("event")
            if kind == "paragraph":
                paragraphs += 1
                total = event.get("total") or total
                if first is None:
                    first = time.perf_counter() - started
            elif kind == "summary":
                delivered.append(event["preset"])
            elif kind in ("partial", "result"):
                result = event["result"]
                done = len(result["paragraphs"])
                incomplete = event.get("incomplete") or {}
                if kind == "partial":
                    done = incomplete.get("paragraphs_done", done)
                    total = incomplete.get("paragraphs_total", total) or total
                return Round(time.perf_counter() - started, first, done, total or done, kind,
                             incomplete.get("message", ""), delivered)
            elif kind == "error":
                return Round(time.perf_counter() - started, first, paragraphs, total, "error", str(event)[:200])
    return Round(time.perf_counter() - started, first, paragraphs, total, "error", "the stream ended without a Result")


def timeline(url: str, text: str, max_rounds: int = 12, timeout: float = 1800.0,
             summaries: list[str] | None = None) -> dict:
    """Send ``text`` again after every partial round (Continue) until the Result, an error or ``max_rounds``."""
    import httpx

    rounds: list[Round] = []
    with httpx.Client(base_url=url, timeout=timeout) as client:
        for _ in range(max_rounds):
            got = stream_round(client, text, timeout, summaries)
            rounds.append(got)
            if got.ended != "partial":
                break
    return {
        "rounds": [asdict(r) for r in rounds],
        "done": bool(rounds) and rounds[-1].ended == "result",
        "total_s": sum(r.seconds for r in rounds),
        "limit_hits": sum(r.ended == "partial" for r in rounds),
    }


def run(env: dict[str, str], text: str, time_limit: float, log_dir, timeout: float, log=print,
        forced_ratio: float = 0.0, summary_tokens: int = 0) -> dict:
    """Start the app on ``env`` with the time limit ``time_limit`` and an empty database, and run the timeline.
    ``forced_ratio``/``summary_tokens``: realistic output lengths (translations at the dispatch's reference ratio,
    summaries at what the real model writes); 0: the models' own caps, which random weights always reach."""
    from pathlib import Path

    from .app_load import AppProcess

    app = AppProcess({**env, "WIREBRIEF_MAX_TIME": str(time_limit),
                      "WIREBRIEF_DB_PATH": str(Path(log_dir) / "long.sqlite3")}, 0, Path(log_dir) / "long-server.log",
                     ("--forced-ratio", str(forced_ratio), "--summary-tokens", str(summary_tokens)))
    try:
        app.wait_ready(timeout)
        out = timeline(app.url, text, timeout=timeout)
    finally:
        app.stop()
    out.update({"time_limit_s": time_limit, "words": len(text.split()), "paragraphs": text.count("\n\n") + 1,
                "forced_ratio": forced_ratio, "summary_tokens": summary_tokens})
    for i, r in enumerate(out["rounds"], 1):
        log(f"  long dispatch round {i}: {r['ended']} after {r['seconds']:.1f} s, "
            f"{r['paragraphs_done']}/{r['paragraphs_total']} paragraphs")
    return out
