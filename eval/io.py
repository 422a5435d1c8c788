"""Line-aligned text files: one segment per line, split on "\\n" only (never on U+2028 and friends)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Iterable


def read_lines(path: str | Path) -> list[str]:
    text = Path(path).read_text(encoding="utf-8")
    if text.endswith("\n"):
        text = text[:-1]
    if not text:
        return []
    return [line.rstrip("\r") for line in text.split("\n")]


def write_lines(path: str | Path, lines: Iterable[str]) -> None:
    Path(path).write_text("".join(line.replace("\n", " ") + "\n" for line in lines), encoding="utf-8")


def sha256(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]
