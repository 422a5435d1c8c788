"""Paired comparison of two runs of the same suite on the same segments.

BLEU, chrF and TER go through sacrebleu's own paired bootstrap (``sacrebleu.significance.PairedTest``, test type
``bs``): its p-value and its per-system mean ± 95% half-width. The 95% interval of the difference B − A is taken
from the very same resamples (same seed, same index matrix: ``default_rng(seed).choice(n, (samples, n))``).
ROUGE and any other per-segment-mean metric use that identical resampling scheme on their per-segment scores
(``paired_bootstrap`` below), so p-values mean the same thing for every metric: sacrebleu's
"difference at least as large as observed, under the mean-shifted bootstrap distribution" (Koehn 2004, as in
Moses' bootstrap-hypothesis-difference-significance.pl).
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Callable

import numpy as np

from eval.io import read_jsonl
from eval.metrics import HIGHER_IS_BETTER

SACREBLEU_METRICS = ("bleu", "chrf", "ter")


class IncomparableRuns(ValueError):
    pass


@dataclass
class Comparison:
    metric: str
    a: float
    b: float
    delta: float
    ci_low: float
    ci_high: float
    p_value: float
    a_ci: float | None = None  # sacrebleu-style 95% half-width around the bootstrap mean
    b_ci: float | None = None
    method: str = ""
    higher_is_better: bool = True

    @property
    def improvement(self) -> float:
        return self.delta if self.higher_is_better else -self.delta


def bootstrap_indices(n: int, n_samples: int, seed: int | None) -> np.ndarray:
    """The index matrix sacrebleu's ``_paired_bs_test`` draws for the same seed."""
    rng = np.random.default_rng(seed)
    return rng.choice(n, size=(n_samples, n), replace=True)


def p_value(sample_diffs: np.ndarray, observed: float) -> float:
    """sacrebleu's paired-bootstrap p-value: share of mean-centred |differences| above the observed one (+1 smoothed)."""
    stats = np.abs(sample_diffs) - np.abs(sample_diffs).mean()
    c = int(np.sum(stats > abs(observed)))
    return (c + 1) / (len(stats) + 1)


def paired_bootstrap(
    stats_a: np.ndarray,
    stats_b: np.ndarray,
    score: Callable[[np.ndarray], float],
    *,
    n_samples: int = 1000,
    seed: int | None = 12345,
) -> dict[str, Any]:
    """Generic paired bootstrap over segments. ``stats_*``: (n_segments, k) sufficient statistics;
    ``score``: summed statistics (k,) → corpus score. Returns scores, resampled deltas and p-value."""
    exact_a = np.asarray(stats_a, dtype="float64")
    exact_b = np.asarray(stats_b, dtype="float64")
    if exact_a.ndim == 1:
        exact_a, exact_b = exact_a[:, None], exact_b[:, None]
    # float32 for the resamples, as sacrebleu does (the p-values then match its own bit for bit)
    stats_a, stats_b = exact_a.astype("float32"), exact_b.astype("float32")
    n = len(stats_a)
    idxs = bootstrap_indices(n, n_samples, seed)
    sa = np.array([score(stats_a[i].sum(0)) for i in idxs])
    sb = np.array([score(stats_b[i].sum(0)) for i in idxs])
    real_a, real_b = score(exact_a.sum(0)), score(exact_b.sum(0))
    diffs = sb - sa
    return {
        "a": float(real_a),
        "b": float(real_b),
        "resampled_a": sa,
        "resampled_b": sb,
        "diffs": diffs,
        "p_value": p_value(diffs, real_b - real_a),
        "ci": (float(np.percentile(diffs, 2.5)), float(np.percentile(diffs, 97.5))),
    }


@contextmanager
def _sacrebleu_seed(seed: int | None):
    old = os.environ.get("SACREBLEU_SEED")
    os.environ["SACREBLEU_SEED"] = "None" if seed is None else str(seed)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("SACREBLEU_SEED", None)
        else:
            os.environ["SACREBLEU_SEED"] = old


def _sacrebleu_metric(name: str):
    from sacrebleu.metrics import BLEU, CHRF, TER

    return {"bleu": BLEU, "chrf": CHRF, "ter": TER}[name]()


def compare_sacrebleu(
    name: str, hyps_a: list[str], hyps_b: list[str], refs: list[str], *, n_samples: int, seed: int | None
) -> tuple[Comparison, str]:
    from sacrebleu.significance import PairedTest

    with _sacrebleu_seed(seed):
        test = PairedTest(
            [("A", hyps_a), ("B", hyps_b)],
            {name: _sacrebleu_metric(name)},
            references=[refs],
            test_type="bs",
            n_samples=n_samples,
        )
        sigs, scores = test()
    key = next(k for k in scores if k != "System")
    res_a, res_b = scores[key]
    # Difference interval from the same resamples sacrebleu drew.
    metric = _sacrebleu_metric(name)
    st_a = np.array(metric._extract_corpus_statistics(hyps_a, [refs]), dtype="float32")
    st_b = np.array(metric._extract_corpus_statistics(hyps_b, [refs]), dtype="float32")
    boot = paired_bootstrap(
        st_a, st_b, lambda s: metric._compute_score_from_stats(s).score, n_samples=n_samples, seed=seed
    )
    cmp = Comparison(
        name,
        float(res_a.score),
        float(res_b.score),
        float(res_b.score - res_a.score),
        boot["ci"][0],
        boot["ci"][1],
        float(res_b.p_value),
        float(res_a.ci) if res_a.ci is not None else None,
        float(res_b.ci) if res_b.ci is not None else None,
        "sacrebleu PairedTest(bs)",
        HIGHER_IS_BETTER.get(name, True),
    )
    return cmp, str(sigs[key])


def compare_means(
    name: str, seg_a: list[float], seg_b: list[float], *, n_samples: int, seed: int | None
) -> Comparison:
    boot = paired_bootstrap(np.array(seg_a), np.array(seg_b), lambda s: float(s[0]) / len(seg_a), n_samples=n_samples, seed=seed)
    # sacrebleu-style half-widths (2.5%/97.5% order statistics) of each system's resampled scores
    def half(x: np.ndarray) -> float:
        x = np.sort(x)
        lo = len(x) // 40
        return float(0.5 * (x[len(x) - lo - 1] - x[lo]))

    return Comparison(
        name,
        boot["a"],
        boot["b"],
        boot["b"] - boot["a"],
        boot["ci"][0],
        boot["ci"][1],
        boot["p_value"],
        half(boot["resampled_a"]),
        half(boot["resampled_b"]),
        "paired bootstrap of segment means (sacrebleu's scheme)",
        HIGHER_IS_BETTER.get(name, True),
    )


def load_run(path: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    import json

    path = Path(path)
    results = json.loads((path / "results.json").read_text(encoding="utf-8"))
    return results, read_jsonl(path / "segments.jsonl")


def check_comparable(ra: dict[str, Any], rb: dict[str, Any], sa: list[dict], sb: list[dict]) -> None:
    if ra["task"] != rb["task"]:
        raise IncomparableRuns(f"different tasks: {ra['task']} vs {rb['task']}")
    da, db = ra["signature"]["dataset"], rb["signature"]["dataset"]
    ha = {k: v["sha256"] for k, v in da["files"].items()}
    hb = {k: v["sha256"] for k, v in db["files"].items()}
    if ha["source"] != hb["source"]:
        raise IncomparableRuns("the runs scored different source files (sha256 differ)")
    if [s["index"] for s in sa] != [s["index"] for s in sb]:
        raise IncomparableRuns(
            f"the runs cover different segments ({len(sa)} vs {len(sb)}; same --limit and --seed are needed)"
        )
    if any(x["reference"] != y["reference"] for x, y in zip(sa, sb)):
        raise IncomparableRuns("the runs used different references (e.g. gold vs translated gold)")


def compare_runs(
    run_a: Path, run_b: Path, *, n_samples: int = 1000, seed: int | None = 12345, metrics: list[str] | None = None
) -> dict[str, Any]:
    ra, sa = load_run(run_a)
    rb, sb = load_run(run_b)
    check_comparable(ra, rb, sa, sb)
    refs = [s["reference"] for s in sa]
    hyps_a = [s["output"] for s in sa]
    hyps_b = [s["output"] for s in sb]
    keys = [k for k in ra["metrics"] if k in rb["metrics"] and k in HIGHER_IS_BETTER]
    if metrics:
        keys = [k for k in keys if k in metrics]
    out: list[Comparison] = []
    signatures: dict[str, str] = {}
    for key in keys:
        if key in SACREBLEU_METRICS:
            cmp, sig = compare_sacrebleu(key, hyps_a, hyps_b, refs, n_samples=n_samples, seed=seed)
            signatures[key] = sig
        elif sa and key in sa[0]["scores"] and key in sb[0]["scores"]:
            cmp = compare_means(
                key, [s["scores"][key] for s in sa], [s["scores"][key] for s in sb], n_samples=n_samples, seed=seed
            )
            signatures[key] = f"{ra['metrics'][key]['signature']}|bs:{n_samples}|seed:{seed}"
        else:
            continue
        out.append(cmp)
    checks = {}
    for name in ra.get("checks", {}):
        ca, cb = ra["checks"][name], rb.get("checks", {}).get(name)
        if cb and ca["fail_rate"] is not None and cb["fail_rate"] is not None:
            checks[name] = {"a": ca["fail_rate"], "b": cb["fail_rate"], "delta": cb["fail_rate"] - ca["fail_rate"]}
    return {
        "a": {"path": str(run_a), "system": ra["system"], "suite": ra["suite"]},
        "b": {"path": str(run_b), "system": rb["system"], "suite": rb["suite"]},
        "n": len(sa),
        "bootstrap": {"samples": n_samples, "seed": seed},
        "metrics": [asdict(c) | {"improvement": c.improvement} for c in out],
        "signatures": signatures,
        "checks": checks,
    }


# --- gate ----------------------------------------------------------------------------------------------


class GateSpecError(ValueError):
    pass


def parse_gate(spec: str) -> dict[str, float]:
    """'bleu:-0.5,chrf:-0.3' → {'bleu': -0.5, 'chrf': -0.3}. Thresholds are on the improvement (B better = +)."""
    out = {}
    for part in filter(None, (p.strip() for p in spec.split(","))):
        name, sep, value = part.partition(":")
        if not sep:
            raise GateSpecError(f"gate item {part!r} is not METRIC:THRESHOLD")
        try:
            out[name.strip()] = float(value)
        except ValueError:
            raise GateSpecError(f"gate threshold {value!r} for {name!r} is not a number") from None
    if not out:
        raise GateSpecError("empty gate")
    return out


def evaluate_gate(
    comparison: dict[str, Any], gate: dict[str, float], *, require_significance: bool = False, alpha: float = 0.05
) -> list[dict[str, Any]]:
    """One verdict per gated metric. A metric fails when B's improvement over A (Δ, sign-flipped for TER) is below
    its threshold — and, with ``require_significance``, the difference is also significant (p < alpha)."""
    by_key = {m["metric"]: m for m in comparison["metrics"]}
    verdicts = []
    for key, threshold in gate.items():
        if key not in by_key:
            raise GateSpecError(f"gated metric {key!r} is not in both runs; available: {', '.join(by_key) or 'none'}")
        m = by_key[key]
        worse = m["improvement"] < threshold
        if require_significance:
            worse = worse and m["p_value"] < alpha
        verdicts.append({"metric": key, "threshold": threshold, "improvement": m["improvement"], "p_value": m["p_value"], "passed": not worse})
    return verdicts
