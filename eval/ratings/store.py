"""Human ratings in SQLite: blind A/B pairs and the ratings raters give them.

The app's evaluator view calls three functions and never sees system names:

    pair = new_blind_pair(item_id, source, {"sysA": out_a, "sysB": out_b}, seed=…)   # order randomized
    pair.shown   -> [(1, "h-3f2a…", text), (2, "h-91c0…", text)]                      # what the rater sees
    save_rating(pair.pair_id, rater_id, {1: {"adequacy": 4, "fluency": 5, "faithfulness": 4,
                                             "error_tags": ["omission"]}, 2: {...}})
    next_pair(rater_id)  -> the next pair this rater has not rated, or None

Each output gets a per-pair random hidden id, so raters cannot learn a system's id across items.
The database path is ``settings.db_path`` (the same SQLite file as the rest of the service; tables prefixed
``rating_``). service/store may later own the connection; these functions take an explicit ``db_path``.
"""

from __future__ import annotations

import json
import random
import secrets
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator, Mapping

SCHEMA_VERSION = 1
DIMENSIONS = ("adequacy", "fluency", "faithfulness")
ERROR_TAGS = ("mistranslation", "omission", "addition", "number/name error", "grammar")

SCHEMA = f"""
CREATE TABLE IF NOT EXISTS rating_pairs (
    pair_id       TEXT PRIMARY KEY,
    item_id       TEXT NOT NULL,
    source        TEXT NOT NULL DEFAULT '',
    system_a      TEXT NOT NULL,                 -- real system names: never shown to raters
    system_b      TEXT NOT NULL,
    hidden_a      TEXT NOT NULL UNIQUE,          -- opaque per-pair ids
    hidden_b      TEXT NOT NULL UNIQUE,
    output_a      TEXT NOT NULL,
    output_b      TEXT NOT NULL,
    display_order TEXT NOT NULL CHECK (display_order IN ('AB', 'BA')),  -- 'BA': B shown first
    created_at    TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS rating_scores (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    pair_id       TEXT NOT NULL REFERENCES rating_pairs(pair_id),
    item_id       TEXT NOT NULL,
    rater_id      TEXT NOT NULL,
    side          TEXT NOT NULL CHECK (side IN ('A', 'B')),
    hidden_id     TEXT NOT NULL,
    position      INTEGER NOT NULL CHECK (position IN (1, 2)),            -- where the rater saw it
    adequacy      INTEGER NOT NULL CHECK (adequacy BETWEEN 1 AND 5),
    fluency       INTEGER NOT NULL CHECK (fluency BETWEEN 1 AND 5),
    faithfulness  INTEGER NOT NULL CHECK (faithfulness BETWEEN 1 AND 5),
    error_tags    TEXT NOT NULL DEFAULT '[]',                             -- JSON list from ERROR_TAGS
    comment       TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    UNIQUE (pair_id, rater_id, side)
);
CREATE INDEX IF NOT EXISTS rating_scores_rater ON rating_scores (rater_id);
CREATE TABLE IF NOT EXISTS rating_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT OR IGNORE INTO rating_meta VALUES ('schema_version', '{SCHEMA_VERSION}');
"""


class RatingError(ValueError):
    pass


@dataclass
class BlindPair:
    pair_id: str
    item_id: str
    source: str
    shown: list[tuple[int, str, str]] = field(default_factory=list)  # (position, hidden id, text)


def _db_path(db_path: str | Path | None) -> Path:
    if db_path is None:
        from service.settings import get_settings

        db_path = get_settings().db_path
    return Path(db_path)


@contextmanager
def connect(db_path: str | Path | None = None) -> Iterator[sqlite3.Connection]:
    path = _db_path(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, timeout=30)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    try:
        conn.executescript(SCHEMA)
        yield conn
        conn.commit()
    finally:
        conn.close()


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def new_blind_pair(
    item_id: str,
    source: str,
    outputs: Mapping[str, str],
    *,
    seed: int | None = None,
    db_path: str | Path | None = None,
) -> BlindPair:
    """Store a blind pair of two systems' outputs for one item; the display order is randomized (seeded if given)."""
    if len(outputs) != 2:
        raise RatingError(f"a blind pair needs exactly two systems, got {len(outputs)}")
    (sys_a, out_a), (sys_b, out_b) = sorted(outputs.items())
    if sys_a == sys_b:
        raise RatingError("the two systems must differ")
    rng = random.Random(seed) if seed is not None else random.SystemRandom()
    order = rng.choice(("AB", "BA"))
    pair_id = "p-" + secrets.token_hex(8)
    hidden_a, hidden_b = "h-" + secrets.token_hex(6), "h-" + secrets.token_hex(6)
    with connect(db_path) as conn:
        conn.execute(
            "INSERT INTO rating_pairs VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (pair_id, item_id, source, sys_a, sys_b, hidden_a, hidden_b, out_a, out_b, order, _now()),
        )
    return _blind(pair_id, item_id, source, order, (hidden_a, out_a), (hidden_b, out_b))


def _blind(pair_id, item_id, source, order, a, b) -> BlindPair:
    first, second = (a, b) if order == "AB" else (b, a)
    return BlindPair(pair_id, item_id, source, [(1, first[0], first[1]), (2, second[0], second[1])])


def get_pair(pair_id: str, *, db_path: str | Path | None = None) -> BlindPair:
    with connect(db_path) as conn:
        row = conn.execute("SELECT * FROM rating_pairs WHERE pair_id = ?", (pair_id,)).fetchone()
    if row is None:
        raise RatingError(f"no pair {pair_id!r}")
    return _blind(row["pair_id"], row["item_id"], row["source"], row["display_order"],
                  (row["hidden_a"], row["output_a"]), (row["hidden_b"], row["output_b"]))


def next_pair(rater_id: str, *, db_path: str | Path | None = None) -> BlindPair | None:
    """The oldest pair this rater has not rated yet."""
    with connect(db_path) as conn:
        row = conn.execute(
            "SELECT pair_id FROM rating_pairs p WHERE NOT EXISTS (SELECT 1 FROM rating_scores s "
            "WHERE s.pair_id = p.pair_id AND s.rater_id = ?) ORDER BY created_at, rowid LIMIT 1",
            (rater_id,),
        ).fetchone()
    return get_pair(row["pair_id"], db_path=db_path) if row else None


def _validate(scores: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for dim in DIMENSIONS:
        value = scores.get(dim)
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5:
            raise RatingError(f"{dim} must be an integer from 1 to 5, got {value!r}")
        out[dim] = value
    tags = list(scores.get("error_tags") or [])
    bad = [t for t in tags if t not in ERROR_TAGS]
    if bad:
        raise RatingError(f"unknown error tags {bad}; allowed: {', '.join(ERROR_TAGS)}")
    out["error_tags"] = json.dumps(sorted(set(tags)))
    out["comment"] = str(scores.get("comment") or "")
    return out


def save_rating(
    pair_id: str,
    rater_id: str,
    ratings: Mapping[int | str, Mapping[str, Any]],
    *,
    db_path: str | Path | None = None,
) -> None:
    """Save a rater's scores for both outputs of a pair, keyed by display position (1, 2) or hidden id.
    Rating the same pair again replaces the rater's earlier scores."""
    rater_id = rater_id.strip()
    if not rater_id:
        raise RatingError("a rater id is required")
    with connect(db_path) as conn:
        row = conn.execute("SELECT * FROM rating_pairs WHERE pair_id = ?", (pair_id,)).fetchone()
        if row is None:
            raise RatingError(f"no pair {pair_id!r}")
        first_side = "A" if row["display_order"] == "AB" else "B"
        second_side = "B" if first_side == "A" else "A"
        side_of = {1: first_side, 2: second_side, row["hidden_a"]: "A", row["hidden_b"]: "B"}
        sides = {}
        for key, scores in ratings.items():
            if key not in side_of:
                raise RatingError(f"{key!r} is neither a display position (1, 2) nor a hidden id of pair {pair_id}")
            sides[side_of[key]] = _validate(scores)
        if set(sides) != {"A", "B"}:
            raise RatingError("rate both outputs of the pair")
        now = _now()
        for side, v in sides.items():
            hidden = row["hidden_a"] if side == "A" else row["hidden_b"]
            position = 1 if side == first_side else 2
            conn.execute(
                "INSERT INTO rating_scores (pair_id, item_id, rater_id, side, hidden_id, position, adequacy, fluency,"
                " faithfulness, error_tags, comment, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
                " ON CONFLICT (pair_id, rater_id, side) DO UPDATE SET adequacy=excluded.adequacy,"
                " fluency=excluded.fluency, faithfulness=excluded.faithfulness, error_tags=excluded.error_tags,"
                " comment=excluded.comment, created_at=excluded.created_at",
                (pair_id, row["item_id"], rater_id, side, hidden, position, v["adequacy"], v["fluency"],
                 v["faithfulness"], v["error_tags"], v["comment"], now),
            )


def load_ratings(*, db_path: str | Path | None = None) -> list[dict[str, Any]]:
    """Every rating joined with its pair, systems revealed: one dict per rated output."""
    with connect(db_path) as conn:
        rows = conn.execute(
            "SELECT s.*, p.system_a, p.system_b, p.display_order FROM rating_scores s "
            "JOIN rating_pairs p USING (pair_id) ORDER BY s.id"
        ).fetchall()
    out = []
    for r in rows:
        d = dict(r)
        d["system"] = d["system_a"] if d["side"] == "A" else d["system_b"]
        d["opponent"] = d["system_b"] if d["side"] == "A" else d["system_a"]
        d["error_tags"] = json.loads(d["error_tags"])
        out.append(d)
    return out


def pairs_from_runs(
    run_a: str | Path, run_b: str | Path, *, n: int = 50, seed: int = 0, db_path: str | Path | None = None
) -> list[BlindPair]:
    """Blind pairs for N segments drawn (seeded) from two runs of the same suite on the same segments."""
    from eval.compare import load_run

    ra, sa = load_run(Path(run_a))
    rb, sb = load_run(Path(run_b))
    if [s["index"] for s in sa] != [s["index"] for s in sb]:
        raise RatingError("the two runs cover different segments")
    if ra["system"] == rb["system"]:
        raise RatingError("the two runs are the same system")
    rng = random.Random(seed)
    chosen = sorted(rng.sample(range(len(sa)), min(n, len(sa))))
    item = f"{ra['suite']}:{{}}"
    return [
        new_blind_pair(item.format(sa[i]["index"]), sa[i]["source"], {ra["system"]: sa[i]["output"], rb["system"]: sb[i]["output"]},
                       seed=rng.randrange(2**31), db_path=db_path)
        for i in chosen
    ]
