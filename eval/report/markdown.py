"""summary.md: the run's figures, checks and signature as Markdown."""

from __future__ import annotations

from typing import Any

REFERENCE_KEYS = ("bleu", "chrf", "ter", "comet", "rouge1", "rouge2", "rougeL", "rouge1_unicode", "rouge2_unicode", "rougeL_unicode")


def _cell(text: str, limit: int = 160) -> str:
    text = " ".join(text.split()).replace("|", "\\|")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def metric_rows(results: dict[str, Any]) -> list[tuple[str, float, str]]:
    rows = []
    for key, m in results["metrics"].items():
        rows.append((key, m["score"], m["signature"]))
    return rows


def render_markdown(results: dict[str, Any], worst: list[dict[str, Any]]) -> str:
    sig = results["signature"]
    ds = sig["dataset"]
    lines = [
        f"# {results['suite']} — {results['system']}",
        "",
        results.get("description", "").strip(),
        "",
        f"- Task: {results['task']}; segments: {results['n']} of {ds['size']} (seed {ds['seed']}); "
        f"data from {ds['origin']}",
        f"- Created: {results['created']}; harness commit {sig['harness'].get('commit') or 'unknown'}"
        + (" (dirty)" if sig["harness"].get("dirty") else ""),
        f"- Signature: `{sig['line']}`",
    ]
    if results.get("comparability"):
        lines += ["", f"> **Comparability.** {' '.join(results['comparability'].split())}"]
    lines += ["", "## Metrics", "", "| metric | score | signature |", "|---|---:|---|"]
    for key, score, signature in metric_rows(results):
        escaped = signature.replace("|", "\\|")
        lines.append(f"| {key} | {score:.2f} | `{escaped}` |")
    for key, reason in results.get("skipped_metrics", {}).items():
        lines.append(f"| {key} | – | {reason} |")
    lines += ["", "## Reference-free checks", "", "| check | failed | checked | rate | what |", "|---|---:|---:|---:|---|"]
    for name, c in results["checks"].items():
        rate = "–" if c["fail_rate"] is None else f"{100 * c['fail_rate']:.1f}%"
        what = results.get("check_descriptions", {}).get(name, "")
        extra = f" ({c['skipped']} skipped)" if c["skipped"] else ""
        lines.append(f"| {name} | {c['failed']} | {c['checked']}{extra} | {rate} | {what} |")
    primary = results["primary"]
    lines += ["", f"## Worst {len(worst)} segments by {primary}", "", f"| # | {primary} | output | reference | failed checks |", "|---:|---:|---|---|---|"]
    for s in worst:
        failed = ", ".join(k for k, v in s["checks"].items() if v["status"] == "fail")
        lines.append(
            f"| {s['index']} | {s['scores'][primary]:.1f} | {_cell(s['output'])} | {_cell(s['reference'])} | {failed} |"
        )
    sysd = sig["system"]
    lines += ["", "## Reproducibility", "", "```json"]
    import json

    lines.append(
        json.dumps(
            {
                "dataset": ds,
                "system": sysd,
                "libraries": sig["libraries"],
                "checks": sig["checks"],
            },
            indent=2,
            ensure_ascii=False,
        )
    )
    lines += ["```", "", f"Timings (s): {results['timings']}", ""]
    return "\n".join(lines)
