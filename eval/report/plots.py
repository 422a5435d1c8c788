"""Matplotlib figures for the HTML report, returned as base64 PNG strings (Agg backend, no display needed)."""

from __future__ import annotations

import base64
import io
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

SCORE_KEYS = {
    "translation": ("bleu", "chrf", "ter", "comet"),
    "summarization": ("rouge1", "rouge2", "rougeL", "rougeL_unicode"),
}
COLOR = "#3b6ea5"
FAIL = "#c0504d"


def _png(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90, bbox_inches="tight")
    plt.close(fig)
    return base64.b64encode(buf.getvalue()).decode("ascii")


def score_distributions(task: str, segments: list[dict[str, Any]], corpus: dict[str, Any]) -> str | None:
    keys = [k for k in SCORE_KEYS[task] if segments and k in segments[0]["scores"]]
    if not keys:
        return None
    fig, axes = plt.subplots(1, len(keys), figsize=(3.6 * len(keys), 2.8), squeeze=False)
    for ax, key in zip(axes[0], keys):
        values = [s["scores"][key] for s in segments]
        ax.hist(values, bins=25, color=COLOR, alpha=0.85)
        if key in corpus:
            ax.axvline(corpus[key]["score"], color="black", linestyle="--", linewidth=1)
        ax.set_title(f"segment {key} (dashed: corpus {corpus.get(key, {}).get('score', float('nan')):.1f})", fontsize=9)
        ax.set_xlabel(key, fontsize=8)
        ax.set_ylabel("segments", fontsize=8)
        ax.tick_params(labelsize=7)
    return _png(fig)


def length_ratios(segments: list[dict[str, Any]], band: tuple[float, float] | None) -> str | None:
    if not segments:
        return None
    src = [len(s["output"].split()) / max(1, len(s["source"].split())) for s in segments]
    ref = [len(s["output"].split()) / max(1, len(s["reference"].split())) for s in segments]
    fig, axes = plt.subplots(1, 2, figsize=(8, 2.8))
    src_title = "output / source words" + (f" (red: check band {band[0]}–{band[1]})" if band else "")
    for ax, values, title in ((axes[0], src, src_title), (axes[1], ref, "output / reference words")):
        ax.hist(values, bins=30, color=COLOR, alpha=0.85)
        ax.set_title(title, fontsize=9)
        ax.tick_params(labelsize=7)
    if band:
        for x in band:
            axes[0].axvline(x, color=FAIL, linestyle="--", linewidth=1)
    axes[1].axvline(1.0, color="black", linestyle=":", linewidth=1)
    return _png(fig)


def check_failures(checks: dict[str, dict[str, Any]]) -> str | None:
    names = list(checks)
    if not names:
        return None
    fig, ax = plt.subplots(figsize=(6.5, 0.45 * len(names) + 0.9))
    failed = [checks[n]["failed"] for n in names]
    bars = ax.barh(names, failed, color=FAIL)
    for bar, n in zip(bars, names):
        c = checks[n]
        label = "skipped" if c["fail_rate"] is None else f"{c['failed']}/{c['checked']} ({100 * c['fail_rate']:.1f}%)"
        ax.text(bar.get_width(), bar.get_y() + bar.get_height() / 2, " " + label, va="center", fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("failed segments", fontsize=8)
    ax.set_xlim(0, max(failed + [1]) * 1.35)
    ax.tick_params(labelsize=8)
    ax.set_title("Per-check failure counts", fontsize=10)
    return _png(fig)


def worst(segments: list[dict[str, Any]], rows: list[dict[str, Any]], primary: str, higher_is_better: bool = True) -> str | None:
    """Every segment's score, sorted worst first, with the listed worst segments in red and labelled."""
    values = [s["scores"][primary] for s in segments if primary in s.get("scores", {})]
    if not values or not rows:
        return None
    ordered = sorted(values, reverse=not higher_is_better)
    fig, ax = plt.subplots(figsize=(8, 2.8))
    ax.plot(range(1, len(ordered) + 1), ordered, color=COLOR, linewidth=1.5)
    ax.scatter(range(1, len(rows) + 1), [r["scores"][primary] for r in rows], color=FAIL, s=14, zorder=3)
    zeros = sum(1 for v in values if v == 0)
    note = f"; {zeros} segments score 0" if zeros else ""
    ax.set_title(f"segment {primary}, sorted worst first (red: the {len(rows)} listed below{note})", fontsize=9)
    ax.set_xlabel("rank", fontsize=8)
    ax.set_ylabel(primary, fontsize=8)
    ax.tick_params(labelsize=7)
    return _png(fig)
