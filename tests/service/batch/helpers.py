"""Shared helpers for the batch tests: fixture documents made from the tiny corpus, and comparable views of
Results (what must be identical across engines: translations, summaries, ids — not timings or cache flags)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from models.tiny import corpus


def documents(n: int, *, offset: int = 0, short: bool = False) -> list[str]:
    """n distinct French dispatches: a numbered lead (so each text is unique) + 1–4 corpus sentences, or just
    one corpus sentence when ``short``."""
    lines = corpus("fr")
    docs = []
    for i in range(offset, offset + n):
        count = 1 if short else (4 if i % 10 == 0 else 1 + i % 3)
        body = " ".join(lines[(i + k) % len(lines)] for k in range(count))
        docs.append(f"Dépêche {i}. {body}")
    return docs


def csv_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    """A CSV file's bytes (UTF-8) with this header and these rows."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def write_jsonl(path: Path, texts: list[str]) -> Path:
    path.write_text("\n".join(json.dumps({"text": t}, ensure_ascii=False) for t in texts) + "\n", encoding="utf-8")
    return path


def comparable(result) -> dict:
    data = result if isinstance(result, dict) else json.loads(result.model_dump_json())
    return {
        "id": data["id"],
        "language": data["language"]["code"],
        "sentences": [(s["source"], s["translation"]) for p in data["paragraphs"] for s in p["sentences"]],
        "summaries": {k: (v["text"], v["method"]) for k, v in data["summaries"].items()},
        "warnings": [(w["code"], w.get("paragraph"), w.get("sentence")) for w in data["warnings"]],
        "models": [(m["role"], m["name"], m.get("path")) for m in data["models"]],
    }
