"""What one bench run measures and on which settings: the sections, the options (``--quick`` and the full run),
and the settings the app and the pipeline rows are built with. Read by every section."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from service.settings import Settings

from .models import SUMMARY_ARCH, TRANSLATION_ARCHS, hub_dir


SECTIONS = ("headline", "throughput", "cache", "update", "summaries", "concurrency", "app", "probe", "long")
DEFAULT_SECTIONS = SECTIONS[:-1]
"""``long`` (the long-dispatch timeline at the app's default time limit, many minutes on real-size models) runs
only when asked for: ``--section long``."""


@dataclass
class BenchOptions:
    work_dir: Path
    quick: bool = False
    device: str = "cpu"
    archs: list[str] = field(default_factory=lambda: list(TRANSLATION_ARCHS))
    sentences: int = 16
    forced_new_tokens: int = 40
    dispatch_ratio: float = 0.0
    """Random-weight translations of the dispatch are forced to this × each sentence's source tokens (rounded to the
    nearest 16). 0: the ratio measured on the dispatch itself — its human reference's tokens over its source's, with
    the model's tokenizer (``BenchData.output_ratio``; about 0.86 for newstest2013), 1.0 without a reference."""
    repeats: int = 3
    pair_repeats: int = 5
    """Adjacent runs of the pipeline and its CTranslate2 reference (their ratio is a target)."""
    unbatched: int = 4
    users: int = 8
    requests_per_user: int = 6
    request_sizes: list[int] = field(default_factory=lambda: [1, 3])
    summaries: list[str] = field(default_factory=lambda: ["headline", "lede", "bullets", "paragraph"])
    app_requests_per_user: int = 6
    """Requests per user in the over-HTTP measurement against the running app (0 = skip it)."""
    warm_repeats: int = 3
    """Warm requests in the fresh process (time to first paragraph: their median)."""
    cold_repeats: int = 3
    """Fresh processes started to time the cold start (their median)."""
    cache_paragraphs: int = 0
    """Paragraphs of the dispatch used for the sentence-cache figures (0 = all)."""
    probe_timeout: float = 1800.0
    configs: dict[str, dict] | None = None
    """Model sizes by registry name (default: the production configs; tests pass tiny ones)."""
    data_root: Path | None = None
    """Where newstest2013 is (default: the settings' data_root; the tiny corpus when it is missing)."""
    long_time_limit: float | None = None
    """The app's time limit in the long-dispatch section (default: the setting's default, WIREBRIEF_MAX_TIME)."""
    long_words: int = 1600
    headline_repeats: int = 7
    """Repeats of the headline rows (whole pipeline at its own caps, bare CT2, old batching, naive, over HTTP)."""
    sections: list[str] = field(default_factory=lambda: list(DEFAULT_SECTIONS))
    """Which parts to run (``--section``); the rest are left out of the JSON."""
    log: Callable[[str], None] = print

    @classmethod
    def for_mode(cls, work_dir: Path, quick: bool, **overrides) -> "BenchOptions":
        if quick:
            base = dict(archs=["opus-mt-fr-en"], sentences=8, repeats=1, pair_repeats=2, unbatched=2, requests_per_user=2,
                        headline_repeats=5,
                        app_requests_per_user=2,
                        summaries=["headline"], request_sizes=[], cache_paragraphs=4,
                        warm_repeats=0, cold_repeats=1)
            base.update(overrides)
            return cls(work_dir=work_dir, quick=True, **base)
        return cls(work_dir=work_dir, **overrides)


def app_env(opts: BenchOptions, arch: str) -> dict[str, str]:
    """The running app's settings (environment) on the bench's models."""
    return {
        "WIREBRIEF_TRANSLATION_MODEL": arch,
        "WIREBRIEF_SUMMARY_MODEL": SUMMARY_ARCH,
        "WIREBRIEF_HF_CACHE_DIR": str(hub_dir(opts.work_dir)),
        "WIREBRIEF_DEVICE": opts.device,
        "WIREBRIEF_MAX_TIME": "3600",
    }


def profile_settings(opts: BenchOptions, translation: str, summary: str = "extractive", **overrides) -> Settings:
    """The default profile (every speed setting at its default) on the bench's models. Only the time limit is
    raised: forced lengths on the slow baseline engines must not hit the per-request limit."""
    return Settings(
        translation_model=translation,
        summary_model=summary,
        hf_cache_dir=hub_dir(opts.work_dir),
        device=opts.device,
        max_time=3600,
        **overrides,
    )
