"""``python -m eval.facts_probes``: invented pairs, false alarms on faithful ones, misses on changed ones."""

from pathlib import Path

import pytest

from eval.facts_probes import DEFAULT, read_pairs, run


def write(tmp_path: Path, rows: list[str]) -> Path:
    path = tmp_path / "pairs.tsv"
    path.write_text("id\tcategory\tfr\ten\tfaithful\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_flags_on_faithful_pairs_and_misses_on_changed_ones_are_counted(tmp_path):
    rows = read_pairs(write(tmp_path, [
        "a\tgeo\tLe mont Blanc culmine à 4 806 mètres.\tMont Blanc rises to 4,806 metres.\tyes",
        "b\tgeo\tLe mont Blanc culmine à 4 806 mètres.\tMont Blanc rises to 4,608 metres.\tyes",
        "c\tgeo\tLe mont Blanc culmine à 4 806 mètres.\tMont Blanc rises to 4,806 metres.\tno",
        "d\tgeo\tLe mont Blanc culmine à 4 806 mètres.\tMont Blanc rises to 4,906 metres.\tno",
    ]))
    res = run(rows)
    assert res["faithful"] == 2 and [o["id"] for o in res["flagged"]] == ["b"]
    assert res["errors"] == 2 and [o["id"] for o in res["missed"]] == ["c"]
    assert res["flags_by_type"] == {"number": 2}


def test_a_row_without_a_verdict_is_refused_by_id(tmp_path):
    with pytest.raises(ValueError, match="rows x need fr, en and faithful"):
        read_pairs(write(tmp_path, ["x\tgeo\tUne phrase.\tA sentence.\tmaybe"]))


def test_the_shipped_pairs_are_readable_and_hold_both_kinds():
    rows = read_pairs(DEFAULT)
    assert len(rows) > 300 and {r["faithful"] for r in rows} == {"yes", "no"}
    assert len({r["id"] for r in rows}) == len(rows)
