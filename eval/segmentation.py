"""Sentence-boundary precision/recall/F1 of service.text on newstest2013.fr.

newstest2013 is sentence-aligned: one line per sentence (a few lines hold two sentences, a few are
titles without final punctuation). Consecutive lines are joined with a space into paragraphs of 3–8
lines (sizes drawn from a seeded RNG), each paragraph is segmented, and the predicted boundaries
(character offsets where a segment starts) are compared with the true line starts.

    python -m eval.segmentation [--data-root DIR] [--seed N] [--limit N] [--errors N]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path
from typing import Any

NEWSTEST = Path("newstest2013-fr-en") / "newstest2013.fr"


def _punctuated(line: str) -> bool:
    """Whether a line ends like a sentence; titles ("Le poids") give no signal a splitter could use."""
    return line.rstrip().rstrip("»\"”’')] ").endswith((".", "!", "?", "…"))


def _paragraphs(lines: list[str], seed: int) -> list[list[str]]:
    rng = random.Random(seed)
    out, i = [], 0
    while i < len(lines):
        n = rng.randint(3, 8)
        out.append(lines[i : i + n])
        i += n
    return out


def measure(data_root: Path | str | None = None, seed: int = 13, limit: int | None = None) -> dict[str, Any]:
    """Boundary counts and P/R/F1 over the first `limit` lines (all when None); `errors` lists misses."""
    from service.text.segment import sentence_spans

    if data_root is None:
        from service.settings import get_settings

        data_root = get_settings().data_root
    path = Path(data_root) / NEWSTEST
    lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()]
    lines = [ln for ln in lines if ln][:limit]

    tp = fp = fn = 0
    punctuated_true = punctuated_found = 0
    errors: list[dict[str, str]] = []
    paragraphs = _paragraphs(lines, seed)
    for para_lines in paragraphs:
        text = " ".join(para_lines)
        truth, punctuated, pos = set(), set(), 0
        for ln in para_lines[:-1]:
            pos += len(ln) + 1
            truth.add(pos)
            if _punctuated(ln):
                punctuated.add(pos)
        predicted = {start for start, _, _ in sentence_spans(text, "fr")} - {0}
        punctuated_true += len(punctuated)
        punctuated_found += len(punctuated & predicted)
        tp += len(truth & predicted)
        for kind, offsets in (("missed", truth - predicted), ("spurious", predicted - truth)):
            if kind == "missed":
                fn += len(offsets)
            else:
                fp += len(offsets)
            for b in sorted(offsets):
                errors.append({"kind": kind, "context": f"{text[max(0, b - 60) : b]}|{text[b : b + 40]}"})

    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "lines": len(lines),
        "paragraphs": len(paragraphs),
        "seed": seed,
        "true_boundaries": tp + fn,
        "predicted_boundaries": tp + fp,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        # Recall over boundaries after a line that ends with . ! ? … (leaves out untitled headlines).
        "recall_punctuated": punctuated_found / punctuated_true if punctuated_true else 1.0,
        "unpunctuated_boundaries": tp + fn - punctuated_true,
        "errors": errors,
    }


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(prog="python -m eval.segmentation", description=__doc__.splitlines()[0])
    parser.add_argument("--data-root", type=Path, default=None, help="evaluation data root (default: settings)")
    parser.add_argument("--seed", type=int, default=13, help="seed for the paragraph sizes")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N lines")
    parser.add_argument("--errors", type=int, default=0, help="print up to N missed/spurious boundaries")
    args = parser.parse_args(argv)

    r = measure(args.data_root, args.seed, args.limit)
    print(f"newstest2013.fr: {r['lines']} lines in {r['paragraphs']} paragraphs (seed {r['seed']})")
    print(f"{'boundaries':<12}{'true':>7}{'predicted':>11}{'tp':>7}{'fp':>6}{'fn':>6}")
    print(f"{'':<12}{r['true_boundaries']:>7}{r['predicted_boundaries']:>11}{r['tp']:>7}{r['fp']:>6}{r['fn']:>6}")
    print(f"{'precision':<12}{r['precision']:.4f}\n{'recall':<12}{r['recall']:.4f}\n{'F1':<12}{r['f1']:.4f}")
    print(
        f"recall after lines ending in . ! ? …: {r['recall_punctuated']:.4f} "
        f"({r['unpunctuated_boundaries']} true boundaries follow a line without final punctuation)"
    )
    for e in r["errors"][: args.errors]:
        print(f"  {e['kind']:<9} {e['context']}")
    return r


if __name__ == "__main__":
    main()
