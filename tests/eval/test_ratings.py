"""Human ratings: blind pairs, validation, aggregation on a table whose alpha is computed by hand."""

from __future__ import annotations

import csv
import json

import pytest
from typer.testing import CliRunner

from eval.cli import app
from eval.ratings import RatingError, get_pair, load_ratings, new_blind_pair, next_pair, save_rating
from eval.ratings.aggregate import aggregate
from eval.ratings.stats import mean_ci, t975, wilson

import eval.commands  # noqa: F401


def rate(adequacy, fluency=4, faithfulness=4, tags=()):
    return {"adequacy": adequacy, "fluency": fluency, "faithfulness": faithfulness, "error_tags": list(tags)}


def test_blind_pair_hides_systems_and_randomizes_order(tmp_path):
    db = tmp_path / "r.sqlite3"
    orders = set()
    for seed in range(12):
        pair = new_blind_pair(f"item{seed}", "Le texte.", {"base": "The text A.", "cand": "The text B."}, seed=seed, db_path=db)
        texts = [t for _, _, t in pair.shown]
        orders.add(tuple(texts))
        assert sorted(texts) == ["The text A.", "The text B."]
        assert all(h.startswith("h-") and "base" not in h and "cand" not in h for _, h, _ in pair.shown)
        assert get_pair(pair.pair_id, db_path=db) == pair
    assert len(orders) == 2  # both display orders occur
    assert next_pair("ann", db_path=db).item_id == "item0"


def test_save_rating_validates_and_upserts(tmp_path):
    db = tmp_path / "r.sqlite3"
    pair = new_blind_pair("i1", "src", {"x": "out x", "y": "out y"}, seed=1, db_path=db)
    with pytest.raises(RatingError, match="adequacy"):
        save_rating(pair.pair_id, "ann", {1: rate(6), 2: rate(3)}, db_path=db)
    with pytest.raises(RatingError, match="unknown error tags"):
        save_rating(pair.pair_id, "ann", {1: rate(3, tags=["style"]), 2: rate(3)}, db_path=db)
    with pytest.raises(RatingError, match="both outputs"):
        save_rating(pair.pair_id, "ann", {1: rate(3)}, db_path=db)
    save_rating(pair.pair_id, "ann", {1: rate(2, tags=["omission"]), 2: rate(5)}, db_path=db)
    hidden_first = pair.shown[0][1]
    save_rating(pair.pair_id, "ann", {hidden_first: rate(3, tags=["number/name error"]), 2: rate(5)}, db_path=db)
    rows = load_ratings(db_path=db)
    assert len(rows) == 2
    first = next(r for r in rows if r["position"] == 1)
    assert first["adequacy"] == 3 and first["error_tags"] == ["number/name error"]
    assert first["hidden_id"] == hidden_first and first["system"] in {"x", "y"}
    assert next_pair("ann", db_path=db) is None and next_pair("bob", db_path=db).pair_id == pair.pair_id


# The hand-computed table. Two raters (ann, bob) rate three blind pairs P1..P3 of systems "base" and "cand";
# adequacy of the six rated outputs (units):
#
#   unit        U1 (P1,base) U2 (P1,cand) U3 (P2,base) U4 (P2,cand) U5 (P3,base) U6 (P3,cand)
#   ann               1            2            3            4            5            2
#   bob               1            3            3            5            5            2
#
# Krippendorff's alpha, ordinal, by hand:
#   pairable values: 12; counts n_1=2, n_2=3, n_3=3, n_4=1, n_5=3 (n = 12).
#   coincidences (each unit with 2 values adds both ordered pairs, weight 1/(m_u-1) = 1):
#       o_11=2, o_22=2, o_33=2, o_55=2, o_23=o_32=1 (U2), o_45=o_54=1 (U4).
#   ordinal metric  δ²(c,k) = (Σ_{g=c..k} n_g − (n_c+n_k)/2)²:
#       δ²(2,3) = (3+3 − 3)² = 9;   δ²(4,5) = (1+3 − 2)² = 4.
#   D_o = (1/n) Σ o_ck δ²_ck = (2·9 + 2·4)/12 = 26/12.
#   D_e = 2/(n(n−1)) Σ_{c<k} n_c n_k δ²_ck:
#       (1,2) 2·3·2.5²=37.5  (1,3) 2·3·5.5²=181.5  (1,4) 2·1·7.5²=112.5  (1,5) 2·3·9.5²=541.5
#       (2,3) 3·3·3²=81      (2,4) 3·1·5²=75       (2,5) 3·3·7²=441      (3,4) 3·1·2²=12
#       (3,5) 3·3·4²=144     (4,5) 1·3·2²=12       sum = 1638  →  D_e = 2·1638/132 = 3276/132.
#   alpha = 1 − D_o/D_e = 1 − (26·132)/(12·3276) = 1 − 11/126 = 115/126 ≈ 0.912698.
# Fluency: every score 4 → no variation, alpha undefined. Faithfulness: ann = bob on every output → alpha 1.
ADEQUACY = {  # (pair, system) -> (ann, bob)
    ("P1", "base"): (1, 1), ("P1", "cand"): (2, 3),
    ("P2", "base"): (3, 3), ("P2", "cand"): (4, 5),
    ("P3", "base"): (5, 5), ("P3", "cand"): (2, 2),
}
FAITH = {("P1", "base"): 2, ("P1", "cand"): 4, ("P2", "base"): 3, ("P2", "cand"): 4, ("P3", "base"): 5, ("P3", "cand"): 1}


@pytest.fixture
def hand_db(tmp_path):
    db = tmp_path / "ratings.sqlite3"
    for seed, p in enumerate(("P1", "P2", "P3")):
        pair = new_blind_pair(p, f"source {p}", {"base": f"base {p}", "cand": f"cand {p}"}, seed=seed, db_path=db)
        system_at = {pos: text.split()[0] for pos, _, text in pair.shown}
        for r, rater in enumerate(("ann", "bob")):
            save_rating(
                pair.pair_id,
                rater,
                {pos: rate(ADEQUACY[(p, system_at[pos])][r], 4, FAITH[(p, system_at[pos])],
                           ["omission"] if system_at[pos] == "cand" and p == "P3" else [])
                 for pos in (1, 2)},
                db_path=db,
            )
    return db


def test_alpha_matches_hand_computation(hand_db):
    agg = aggregate(load_ratings(db_path=hand_db))
    assert agg["agreement"]["adequacy"]["alpha"] == pytest.approx(115 / 126, abs=1e-12)
    assert agg["agreement"]["adequacy"]["pairable_units"] == 6 and agg["agreement"]["adequacy"]["raters"] == 2
    assert agg["agreement"]["faithfulness"]["alpha"] == pytest.approx(1.0)
    assert agg["agreement"]["fluency"]["alpha"] is None and "undefined" in agg["agreement"]["fluency"]["note"]


def test_means_win_rates_and_tags(hand_db):
    agg = aggregate(load_ratings(db_path=hand_db))
    # base adequacy: 1,1,3,3,5,5 → mean 3, sd = sqrt(16/5), t(5)=2.571 → half-width 2.571·sqrt(3.2/6)
    m = agg["means"]["base"]["adequacy"]
    assert m["n"] == 6 and m["mean"] == pytest.approx(3.0)
    assert m["ci_high"] - m["mean"] == pytest.approx(2.571 * (3.2 / 6) ** 0.5)
    assert agg["means"]["cand"]["adequacy"]["mean"] == pytest.approx((2 + 3 + 4 + 5 + 2 + 2) / 6)
    # adequacy judgements (rater, pair): P1 cand wins ×2, P2 cand wins ×2, P3 base wins ×2 → cand 4/6
    w = next(x for x in agg["win_rates"] if x["system"] == "cand" and x["dimension"] == "adequacy")
    assert (w["wins"], w["ties"], w["losses"]) == (4, 0, 2) and w["win_rate"] == pytest.approx(4 / 6)
    assert (w["ci_low"], w["ci_high"]) == pytest.approx(wilson(4, 6))
    assert agg["error_tags"]["cand"]["omission"] == pytest.approx(2 / 6) and agg["error_tags"]["base"]["omission"] == 0
    assert agg["position_bias"]["decisive"] == 6


def test_ratings_cli_and_csv(hand_db, tmp_path):
    out = tmp_path / "agg.csv"
    raw = tmp_path / "raw.csv"
    res = CliRunner().invoke(app, ["ratings", "--db", str(hand_db), "--csv", str(out), "--raw-csv", str(raw)])
    assert res.exit_code == 0, res.output
    assert "0.913" in res.output and "Krippendorff" in res.output
    rows = list(csv.DictReader(out.open()))
    alpha = next(r for r in rows if r["section"] == "krippendorff_alpha_ordinal" and r["dimension"] == "adequacy")
    assert float(alpha["value"]) == pytest.approx(115 / 126)
    assert {r["section"] for r in rows} >= {"mean", "win_rate", "error_tag_rate", "first_shown_win_rate"}
    assert len(list(csv.DictReader(raw.open()))) == 12
    js = CliRunner().invoke(app, ["ratings", "--db", str(hand_db), "--json"])
    assert json.loads(js.stdout)["raters"] == 2


def test_stats_helpers():
    assert t975(1) == 12.706 and t975(30) == 2.042 and t975(1000) == pytest.approx(1.962, abs=1e-3)
    assert mean_ci([2.0, 4.0])[0] == 3.0
    lo, hi = wilson(5, 10)
    assert lo == pytest.approx(0.2366, abs=1e-4) and hi == pytest.approx(0.7634, abs=1e-4)
