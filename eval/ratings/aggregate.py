"""Aggregate human ratings: means with 95% intervals, pairwise win rates, error-tag rates, inter-rater agreement.

- Means: per system and dimension over every (rater, output) score, t-based 95% interval. Scores of one output by
  several raters are not independent, so the interval is optimistic when raters agree; alpha says how much.
- Win rates: per (rater, pair), the output with the higher score wins (per dimension, and "overall" = the mean of
  the three dimensions); ties are counted apart. win_rate = wins / judgements, with a Wilson 95% interval.
  ``position_bias``: how often the output shown first won among decisive judgements (0.5 = no bias).
- Agreement: Krippendorff's alpha, ordinal, per dimension (``krippendorff`` package); units = rated outputs
  (pair × side), coders = raters; outputs rated by a single rater are not pairable and do not count.
"""

from __future__ import annotations

import csv
import math
from collections import defaultdict
from itertools import combinations
from pathlib import Path
from typing import Any

from eval.ratings.stats import mean_ci, wilson
from eval.ratings.store import DIMENSIONS, ERROR_TAGS

OVERALL = "overall"


def _overall(r: dict[str, Any]) -> float:
    return sum(r[d] for d in DIMENSIONS) / len(DIMENSIONS)


def means(rows: list[dict[str, Any]]) -> dict[str, dict[str, dict[str, float]]]:
    by: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for r in rows:
        for d in DIMENSIONS:
            by[r["system"]][d].append(float(r[d]))
        by[r["system"]][OVERALL].append(_overall(r))
    out: dict[str, dict[str, dict[str, float]]] = {}
    for system in sorted(by):
        out[system] = {}
        for d in (*DIMENSIONS, OVERALL):
            m, lo, hi = mean_ci(by[system][d])
            out[system][d] = {"n": len(by[system][d]), "mean": m, "ci_low": lo, "ci_high": hi}
    return out


def win_rates(rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    judgements: dict[tuple[str, str], dict[str, dict[str, Any]]] = defaultdict(dict)
    for r in rows:
        judgements[(r["pair_id"], r["rater_id"])][r["side"]] = r
    tallies: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0, 0])  # wins, ties, losses
    first_wins = decisive = 0
    for sides in judgements.values():
        if set(sides) != {"A", "B"}:
            continue
        a, b = sides["A"], sides["B"]
        for d in (*DIMENSIONS, OVERALL):
            va = _overall(a) if d == OVERALL else a[d]
            vb = _overall(b) if d == OVERALL else b[d]
            for me, other, vm, vo in ((a, b, va, vb), (b, a, vb, va)):
                t = tallies[(me["system"], other["system"], d)]
                t[0 if vm > vo else 1 if vm == vo else 2] += 1
            if d == OVERALL and va != vb:
                decisive += 1
                winner = a if va > vb else b
                first_wins += winner["position"] == 1
    out = []
    for (system, opponent, d), (w, t, l) in sorted(tallies.items()):
        n = w + t + l
        lo, hi = wilson(w, n)
        out.append(
            {"system": system, "opponent": opponent, "dimension": d, "n": n, "wins": w, "ties": t, "losses": l,
             "win_rate": w / n if n else float("nan"), "ci_low": lo, "ci_high": hi}
        )
    lo, hi = wilson(first_wins, decisive)
    bias = {"decisive": decisive, "first_shown_won": first_wins,
            "rate": first_wins / decisive if decisive else float("nan"), "ci_low": lo, "ci_high": hi}
    return out, bias


def reliability_matrix(rows: list[dict[str, Any]], dimension: str) -> tuple[list[str], list[tuple[str, str]], list[list[float]]]:
    """raters × units (pair, side) with NaN where a rater did not rate a unit."""
    raters = sorted({r["rater_id"] for r in rows})
    units = sorted({(r["pair_id"], r["side"]) for r in rows})
    col = {u: i for i, u in enumerate(units)}
    row = {x: i for i, x in enumerate(raters)}
    matrix = [[math.nan] * len(units) for _ in raters]
    for r in rows:
        matrix[row[r["rater_id"]]][col[(r["pair_id"], r["side"])]] = float(r[dimension])
    return raters, units, matrix


def agreement(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    import krippendorff
    import numpy as np

    out = {}
    for d in DIMENSIONS:
        raters, units, matrix = reliability_matrix(rows, d)
        data = np.array(matrix, dtype=float) if raters else np.zeros((0, 0))
        pairable = int(sum(1 for j in range(data.shape[1]) if np.sum(~np.isnan(data[:, j])) >= 2)) if data.size else 0
        entry: dict[str, Any] = {"raters": len(raters), "units": len(units), "pairable_units": pairable,
                                 "level": "ordinal", "alpha": None}
        if len(raters) < 2 or pairable == 0:
            entry["note"] = "needs at least two raters on the same outputs"
        else:
            values = data[~np.isnan(data)]
            if len(np.unique(values)) < 2:
                entry["note"] = "alpha undefined: every score is the same (no variation to agree on)"
            else:
                entry["alpha"] = float(
                    krippendorff.alpha(reliability_data=data, level_of_measurement="ordinal", value_domain=[1, 2, 3, 4, 5])
                )
        out[d] = entry
    return out


def tag_rates(rows: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    totals: dict[str, int] = defaultdict(int)
    for r in rows:
        totals[r["system"]] += 1
        for t in r["error_tags"]:
            counts[r["system"]][t] += 1
    return {s: {t: counts[s][t] / totals[s] for t in ERROR_TAGS} for s in sorted(totals)}


def aggregate(rows: list[dict[str, Any]]) -> dict[str, Any]:
    wins, bias = win_rates(rows)
    return {
        "ratings": len(rows),
        "raters": len({r["rater_id"] for r in rows}),
        "pairs": len({r["pair_id"] for r in rows}),
        "items": len({r["item_id"] for r in rows}),
        "systems": sorted({r["system"] for r in rows}),
        "means": means(rows),
        "win_rates": wins,
        "position_bias": bias,
        "error_tags": tag_rates(rows),
        "agreement": agreement(rows),
    }


CSV_FIELDS = ("section", "system", "opponent", "dimension", "n", "value", "ci_low", "ci_high", "detail")


def csv_rows(agg: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for system, dims in agg["means"].items():
        for d, m in dims.items():
            rows.append({"section": "mean", "system": system, "dimension": d, "n": m["n"], "value": m["mean"],
                         "ci_low": m["ci_low"], "ci_high": m["ci_high"]})
    for w in agg["win_rates"]:
        rows.append({"section": "win_rate", "system": w["system"], "opponent": w["opponent"], "dimension": w["dimension"],
                     "n": w["n"], "value": w["win_rate"], "ci_low": w["ci_low"], "ci_high": w["ci_high"],
                     "detail": f"wins={w['wins']} ties={w['ties']} losses={w['losses']}"})
    for system, tags in agg["error_tags"].items():
        for t, rate in tags.items():
            rows.append({"section": "error_tag_rate", "system": system, "dimension": t, "value": rate})
    for d, a in agg["agreement"].items():
        rows.append({"section": "krippendorff_alpha_ordinal", "dimension": d, "n": a["pairable_units"],
                     "value": a["alpha"], "detail": a.get("note", f"raters={a['raters']}")})
    b = agg["position_bias"]
    rows.append({"section": "first_shown_win_rate", "dimension": OVERALL, "n": b["decisive"], "value": b["rate"],
                 "ci_low": b["ci_low"], "ci_high": b["ci_high"]})
    return rows


def write_csv(agg: dict[str, Any], path: str | Path) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=CSV_FIELDS)
        writer.writeheader()
        for row in csv_rows(agg):
            writer.writerow({k: ("" if row.get(k) is None else row.get(k, "")) for k in CSV_FIELDS})


RAW_FIELDS = ("pair_id", "item_id", "rater_id", "system", "opponent", "side", "hidden_id", "position",
              *DIMENSIONS, "error_tags", "comment", "created_at")


def write_raw_csv(rows: list[dict[str, Any]], path: str | Path) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=RAW_FIELDS, extrasaction="ignore")
        writer.writeheader()
        for r in rows:
            writer.writerow({**r, "error_tags": ";".join(r["error_tags"])})
