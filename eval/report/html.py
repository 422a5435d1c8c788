"""report.html: a single self-contained page (inline CSS, plots as base64 PNG)."""

from __future__ import annotations

import json
from html import escape
from typing import Any

from eval.metrics import HIGHER_IS_BETTER


CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px auto;max-width:1150px;color:#222;padding:0 16px}
h1{font-size:22px;margin-bottom:4px} h2{font-size:17px;border-bottom:1px solid #ddd;padding-bottom:4px;margin-top:28px}
table{border-collapse:collapse;width:100%;font-size:13px} th,td{border:1px solid #ddd;padding:4px 6px;vertical-align:top;text-align:left}
th{background:#f3f5f8} td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
code{font-size:11.5px;color:#444;word-break:break-all} .note{background:#fff8e1;border-left:4px solid #f0b400;padding:8px 12px;font-size:13px}
.meta{color:#555;font-size:13px} img{max-width:100%;margin:6px 0} .fail{color:#b03030;font-weight:600}
details{font-size:12px} pre{white-space:pre-wrap;font-size:11.5px;background:#f7f7f7;padding:8px}
"""


def _figures(results, segments, worst, band) -> dict[str, str | None]:
    from eval.report import plots

    return {
        "scores": plots.score_distributions(results["task"], segments, results["metrics"]),
        "lengths": plots.length_ratios(segments, band),
        "checks": plots.check_failures(results["checks"]),
        "worst": plots.worst(segments, worst, results["primary"], HIGHER_IS_BETTER.get(results["primary"], True)),
    }


def _trunc(text: str, limit: int = 400) -> str:
    text = " ".join(text.split())
    return escape(text if len(text) <= limit else text[: limit - 1] + "…")


def _img(b64: str | None, alt: str) -> str:
    return f'<img alt="{escape(alt)}" src="data:image/png;base64,{b64}">' if b64 else ""


def render_html(
    results: dict[str, Any], segments: list[dict[str, Any]], worst: list[dict[str, Any]], *, plots: bool = True
) -> str:
    """The page; ``plots=False`` leaves the figures out (fast runs, tests: matplotlib is slow to draw)."""
    sig = results["signature"]
    ds = sig["dataset"]
    primary = results["primary"]
    band = None
    lr = sig["checks"].get("length_ratio")
    if lr:
        band = (lr["params"].get("low"), lr["params"].get("high"))
    parts = [
        "<!doctype html><html><head><meta charset='utf-8'>",
        f"<title>{escape(results['suite'])} — {escape(results['system'])}</title><style>{CSS}</style></head><body>",
        f"<h1>{escape(results['suite'])} — {escape(results['system'])}</h1>",
        f"<p class='meta'>{escape(results.get('description', ''))}</p>",
        f"<p class='meta'>{results['task']} · {results['n']} of {ds['size']} segments (seed {ds['seed']}, data from "
        f"{escape(ds['origin'])}) · created {escape(results['created'])} · harness "
        f"{escape(str(sig['harness'].get('commit') or 'unknown'))[:12]}{' (dirty)' if sig['harness'].get('dirty') else ''}</p>",
        f"<p class='meta'>Signature: <code>{escape(sig['line'])}</code></p>",
    ]
    if results.get("comparability"):
        parts.append(f"<p class='note'><b>Comparability.</b> {escape(' '.join(results['comparability'].split()))}</p>")
    parts.append("<h2>Metrics</h2><table><tr><th>metric</th><th>score</th><th>signature</th></tr>")
    for key, m in results["metrics"].items():
        parts.append(f"<tr><td>{escape(key)}</td><td class='num'>{m['score']:.2f}</td><td><code>{escape(m['signature'])}</code></td></tr>")
    for key, reason in results.get("skipped_metrics", {}).items():
        parts.append(f"<tr><td>{escape(key)}</td><td class='num'>–</td><td>{escape(reason)}</td></tr>")
    parts.append("</table>")
    parts.append("<h2>Reference-free checks</h2><table><tr><th>check</th><th>failed</th><th>checked</th><th>skipped</th><th>rate</th><th>what</th></tr>")
    for name, c in results["checks"].items():
        rate = "–" if c["fail_rate"] is None else f"{100 * c['fail_rate']:.1f}%"
        what = results.get("check_descriptions", {}).get(name, "")
        parts.append(
            f"<tr><td>{escape(name)}</td><td class='num'>{c['failed']}</td><td class='num'>{c['checked']}</td>"
            f"<td class='num'>{c['skipped']}</td><td class='num'>{rate}</td><td>{escape(what)}</td></tr>"
        )
    parts.append("</table>")
    figs = _figures(results, segments, worst, band) if plots else {}
    if not plots:
        parts.append("<p class='meta'>Plots were not drawn for this run (plots disabled).</p>")
    parts.append("<h2>Score distributions</h2>" + _img(figs.get("scores"), "score distributions"))
    parts.append("<h2>Length ratios</h2>" + _img(figs.get("lengths"), "length ratios"))
    parts.append("<h2>Check failures</h2>" + _img(figs.get("checks"), "check failures"))
    parts.append(f"<h2>Worst {len(worst)} segments by {escape(primary)}</h2>" + _img(figs.get("worst"), "worst segments"))
    parts.append(f"<table><tr><th>#</th><th>{escape(primary)}</th><th>source</th><th>output</th><th>reference</th><th>failed checks</th></tr>")
    for s in worst:
        failed = [f"{k}: {v.get('detail', '')}" for k, v in s["checks"].items() if v["status"] == "fail"]
        parts.append(
            f"<tr><td class='num'>{s['index']}</td><td class='num'>{s['scores'][primary]:.1f}</td>"
            f"<td>{_trunc(s['source'])}</td><td>{_trunc(s['output'])}</td><td>{_trunc(s['reference'])}</td>"
            f"<td class='fail'>{'<br>'.join(escape(f) for f in failed)}</td></tr>"
        )
    parts.append("</table>")
    parts.append("<h2>Reproducibility</h2><details open><summary>signature (dataset hashes, system, models, decoding, "
                 "prompt versions, metric signatures, checks, library versions)</summary><pre>")
    parts.append(escape(json.dumps(sig, indent=2, ensure_ascii=False)))
    parts.append(f"</pre></details><p class='meta'>Timings (s): {escape(json.dumps(results['timings']))}</p></body></html>")
    return "\n".join(parts)
