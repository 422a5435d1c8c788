"""The fact checker on invented sentence pairs: a development set that shares nothing with the evaluation sets.

    python -m eval.facts_probes                      # eval/facts_probes/invented.tsv
    python -m eval.facts_probes --show               # and every flag and miss

Each row (TSV: ``id, category, fr, en, faithful``) is a French sentence and an English translation written the way a
professional translator would, covering encyclopedic, travel, sport, economy, politics and culture text. A
*faithful* pair (``yes``) keeps every fact, so any flag on it is a false alarm; an *error* pair (``no``) changes one
fact (a number, a city, a year, a regnal number), so no flag is a miss. The pairs were written to probe number and
name forms the newstest2013 development half does not show; the checker was tuned on them and on that half only,
never on the held-out half or FLORES-200 (see service/facts/README.md).
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import typer

DEFAULT = Path(__file__).parent / "facts_probes" / "invented.tsv"


def read_pairs(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    bad = [r.get("id", "?") for r in rows if r.get("faithful") not in ("yes", "no") or not r.get("fr") or not r.get("en")]
    if bad:
        raise ValueError(f"{path}: rows {', '.join(bad[:5])} need fr, en and faithful (yes or no)")
    return rows


def run(rows: list[dict[str, str]]) -> dict:
    from service.facts import check_translation

    out = []
    for r in rows:
        issues = [i.brief() for i in check_translation(r["fr"], r["en"])]
        out.append({**r, "issues": issues})
    faithful = [o for o in out if o["faithful"] == "yes"]
    errors = [o for o in out if o["faithful"] == "no"]
    flagged = [o for o in faithful if o["issues"]]
    missed = [o for o in errors if not o["issues"]]
    return {
        "faithful": len(faithful), "flagged": flagged, "errors": len(errors), "missed": missed,
        "flags_by_type": Counter(i["type"] for o in flagged for i in o["issues"]),
    }


def main(
    pairs: Path = typer.Option(DEFAULT, exists=True, dir_okay=False, help="TSV of pairs: id, category, fr, en, faithful."),
    show: bool = typer.Option(False, "--show", help="Print every flagged faithful pair and every missed error."),
) -> None:
    from eval.facts_inject import checker_signature

    res = run(read_pairs(pairs))
    f, n = len(res["flagged"]), res["faithful"]
    print(f"pairs: {pairs.name}   checker: {checker_signature()}")
    print(f"faithful pairs flagged (false alarms): {f} of {n} = {f / max(n, 1):.1%}   "
          f"flags by type: {dict(res['flags_by_type'])}")
    m, e = len(res["missed"]), res["errors"]
    print(f"error pairs caught: {e - m} of {e} = {(e - m) / max(e, 1):.1%}")
    if show:
        for o in res["flagged"]:
            print(f"\nfalse alarm [{o['id']}] {o['fr']}\n    {o['en']}")
            for i in o["issues"]:
                print(f"    -> {i['detail']}")
        for o in res["missed"]:
            print(f"\nmissed [{o['id']}] {o['fr']}\n    {o['en']}")


if __name__ == "__main__":
    typer.run(main)
