"""No lost work: how an interactive request of a long dispatch is sized to its time limit, and what it returns
when the limit (or the reader's Stop) comes first.

The pipeline translates a dispatch window by window (whole paragraphs). In *partial* mode (the app and the REST
stream) it measures its own pace in seconds per source token actually translated (cached sentences cost nothing),
and does not start a window it has no time left to finish: the window is cut to the paragraphs whose estimate fits
in ``WINDOW_SHARE`` of the time left (the first of them in all of it), and when not even one more paragraph fits,
the request ends there with what is done. A limit hit inside a window ends it the same way, and that window's work
is lost: the share bounds the loss when a bigger batch runs slower than the pace measured on a smaller one (on
opus-mt-tc-big-fr-en at 2 cores, a window sized on the first paragraph's per-sentence pace ran past the limit and
lost 114 s of a 120 s request; eval bench ``--section long``). Summaries get a share of the limit kept for them; if
they still do not fit, the translation is returned without them.

The Result then carries ``extra["incomplete"]`` (see ``incomplete_record``) and is not stored: sending the same
request again (*Continue*) serves the translated sentences from the sentence cache and works only on the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from service.limits import Deadline

SUMMARY_SHARE = 0.25
"""Share of the time limit kept for the summaries when a request asks for model summaries."""
SAFETY = 1.25
"""A window is started only when ``SAFETY`` × its estimated time fits in the time left."""
WINDOW_SHARE = 0.4
"""A window (after the first paragraph) is sized to this share of the time left, so that one that runs up to 2.5×
its estimate still ends within the limit, and the pace measured on it sizes the next."""


@dataclass
class Pace:
    """Seconds per translated (not cached) source token, measured on this request's windows so far. Tokens, not
    sentences: a wire dispatch mixes 5-token datelines with 60-token sentences, and a window's cost follows its
    tokens (each sentence's output cap is 2 × its source tokens + 10)."""

    tokens: int = 0
    seconds: float = 0.0

    def add(self, tokens: int, seconds: float) -> None:
        if tokens:
            self.tokens += tokens
            self.seconds += seconds

    @property
    def known(self) -> bool:
        return self.tokens > 0

    def estimate(self, tokens: int) -> float:
        return SAFETY * tokens * self.seconds / self.tokens if self.known else 0.0


@dataclass
class FactsCost:
    """Seconds the fact checks take per sentence, learned from every run of the pipeline. The checks run after the
    translation, over the paragraphs not checked before (the French NER and the name translator cost ~10–20 ms a
    sentence), so a partial request keeps that much of its time back for its newly translated sentences."""

    per_sentence: float = 0.02
    """Before the first measurement: about what the checks took a sentence on a 2-core box with the French NER."""

    def add(self, sentences: int, seconds: float) -> None:
        if sentences:
            self.per_sentence = (self.per_sentence + seconds / sentences) / 2

    def reserve(self, sentences: int) -> float:
        return SAFETY * sentences * self.per_sentence


def reserve_for_summaries(deadline: Deadline, summaries_wanted: bool) -> float:
    return SUMMARY_SHARE * deadline.seconds if summaries_wanted and not deadline.stopped else 0.0


def fitting(window: list[int], misses: dict[int, int], pace: Pace, seconds_left: float) -> list[int]:
    """The leading paragraphs of ``window`` whose not-yet-translated source tokens (``misses`` by paragraph) fit in
    ``WINDOW_SHARE`` of ``seconds_left`` at ``pace`` — the first paragraph with work in all of it; empty when not
    even that fits. Before the pace is known (nothing translated yet, e.g. a Continue whose first paragraphs are
    cached): up to the first paragraph with work, to measure it."""
    first_work = next((i for i, p in enumerate(window) if misses[p]), len(window) - 1)
    if not pace.known:
        return window[: first_work + 1]
    kept: list[int] = []
    count = 0
    for i, p in enumerate(window):
        count += misses[p]
        budget = seconds_left if i <= first_work else WINDOW_SHARE * seconds_left
        if count and pace.estimate(count) > budget:
            break
        kept.append(p)
    return kept


def limit_words(seconds: float) -> str:
    """'2 minutes', '90 seconds', '1 second'."""
    if seconds >= 60 and seconds % 60 == 0:
        minutes = int(seconds // 60)
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    return f"{seconds:g} second{'s' if seconds != 1 else ''}"


def incomplete_record(
    deadline: Deadline | None,
    segmented: list,
    done: int,
    *,
    summaries_missing: list[str] = (),
    detail: str = "",
    summaries: bool = True,
) -> dict[str, Any]:
    """``Result.extra["incomplete"]``: what is done, what is not, why, in the reader's words (``message``) and the
    operator's (``detail``)."""
    total = len(segmented)
    stopped = bool(deadline and deadline.stopped)
    limit = limit_words(deadline.seconds) if deadline else ""
    if stopped:
        why = "You stopped the request"
    else:
        why = f"The request reached its time limit ({limit} per request)"
    if done < total:
        what = f"{done} of {total} paragraphs are translated" + (
            "; the summaries come once the whole dispatch is." if summaries else "."
        )
    else:
        what = "the whole dispatch is translated but the summaries are not done yet."
    return {
        "reason": "stopped" if stopped else "time_limit",
        "message": f"{why}: {what} Continue finishes the rest; what is done is not translated again.",
        "detail": detail or (f"setting {deadline.setting}={deadline.seconds:g}" if deadline else ""),
        "limit_s": deadline.seconds if deadline else None,
        "paragraphs_done": done,
        "paragraphs_total": total,
        "summaries_missing": list(summaries_missing),
        "pending": [
            {"index": p, "source": " ".join(seg.text for seg in segmented[p])} for p in range(done, total)
        ],
    }
