"""The compare view as HTML: fact changes on top, what's new, then both versions side by side (English, the French
beneath), each row marked added / removed / changed / moved / same. Every text from a dispatch is escaped: nothing a
user typed becomes markup. On a narrow screen the two columns stack (Before above Now)."""

from __future__ import annotations

from html import escape

from .model import Diff, SentenceChange

STYLE = """<style>
.wb-diff{font-size:14px;line-height:1.45;overflow-wrap:anywhere}
.wb-diff-facts{border:2px solid #b45309;border-radius:8px;padding:8px 12px;margin-bottom:12px;background:#fffbeb}
.wb-diff-facts h3,.wb-diff-new h3{margin:0 0 6px 0;font-size:15px}
.wb-diff-facts li{margin:4px 0}
.wb-diff-fact-en{display:block;color:#444;font-size:13px}
.wb-diff-new{border:1px solid #93c5fd;border-radius:8px;padding:8px 12px;margin-bottom:12px;background:#eff6ff}
.wb-diff-row{display:grid;grid-template-columns:1fr 1fr;gap:8px;padding:6px 4px;border-bottom:1px solid #e5e7eb}
.wb-diff-row.wb-diff-head{font-weight:600;border-bottom:2px solid #9ca3af}
.wb-diff-cell{min-width:0;overflow-wrap:anywhere}
.wb-diff-fr{display:block;color:#555;font-size:12px;font-style:italic;margin-top:2px}
.wb-diff-mark{display:inline-block;font-size:11px;font-weight:700;border-radius:4px;padding:0 5px;margin-right:6px}
.wb-diff-added .wb-diff-now{background:#dcfce7}.wb-diff-added .wb-diff-mark{background:#16a34a;color:#fff}
.wb-diff-removed .wb-diff-before{background:#fee2e2;text-decoration:line-through}
.wb-diff-removed .wb-diff-mark{background:#dc2626;color:#fff}
.wb-diff-changed .wb-diff-before{background:#fef3c7}.wb-diff-changed .wb-diff-now{background:#fef3c7}
.wb-diff-changed .wb-diff-mark{background:#d97706;color:#fff}
.wb-diff-moved .wb-diff-mark{background:#7c3aed;color:#fff}
.wb-diff-same{color:#6b7280}.wb-diff-same .wb-diff-mark{background:#e5e7eb;color:#374151}
.wb-diff-label{display:none;font-size:11px;color:#6b7280}
@media (max-width:700px){.wb-diff-row{grid-template-columns:1fr}.wb-diff-head{display:none}
 .wb-diff-label{display:inline}.wb-diff-cell:empty{display:none}.wb-diff-same .wb-diff-before{display:none}}
</style>"""

LABELS = {"added": "added", "removed": "removed", "changed": "changed", "moved": "moved", "same": "same"}


def _refs(refs) -> str:
    english = escape(" ".join(r.translation for r in refs))
    french = escape(" ".join(r.source for r in refs))
    return f'{english}<span class="wb-diff-fr" lang="fr">{french}</span>' if refs else ""


def render_facts(diff: Diff) -> str:
    if not diff.facts:
        return ('<div class="wb-diff-facts" id="wb-diff-facts"><h3>Fact changes</h3>'
                "No number, date, amount, name or quotation changed.</div>")
    items = []
    for f in diff.facts:
        before = (f'<span class="wb-diff-fact-en">Before: {escape(" ".join(r.translation for r in f.previous_sentences))}'
                  "</span>") if f.previous_sentences else ""
        now = (f'<span class="wb-diff-fact-en">Now: {escape(" ".join(r.translation for r in f.current_sentences))}</span>'
               if f.current_sentences else "")
        items.append(f'<li class="wb-diff-fact wb-diff-fact-{f.change}"><b>{escape(f.detail)}</b>{before}{now}</li>')
    return (f'<div class="wb-diff-facts" id="wb-diff-facts"><h3>Fact changes ({len(diff.facts)})</h3>'
            f"<ul>{''.join(items)}</ul></div>")


def render_whats_new(diff: Diff) -> str:
    new = diff.whats_new
    body = f"<p>{escape(new.message)}</p>"
    for preset, summary in new.summaries.items():
        if summary.items and len(summary.items) > 1:
            body += f"<b>{escape(preset)}</b><ul>" + "".join(f"<li>{escape(i)}</li>" for i in summary.items) + "</ul>"
        else:
            body += f"<p><b>{escape(preset)}</b>: {escape(summary.text)}</p>"
    return f'<div class="wb-diff-new" id="wb-diff-new" data-status="{new.status}"><h3>What\'s new</h3>{body}</div>'


def _row(c: SentenceChange) -> str:
    mark = LABELS[c.status] + (", edited" if c.status == "moved" and c.edited else "") + (" (minor)" if c.minor else "")
    badge = f'<span class="wb-diff-mark">{escape(mark)}</span>'
    before = f'<span class="wb-diff-label">Before: </span>{_refs(c.previous)}' if c.previous else ""
    now = f'<span class="wb-diff-label">Now: </span>{_refs(c.current)}' if c.current else ""
    return (f'<div class="wb-diff-row wb-diff-{c.status}" data-status="{c.status}">'
            f'<div class="wb-diff-cell wb-diff-before">{badge if c.previous else ""}{before}</div>'
            f'<div class="wb-diff-cell wb-diff-now">{badge if c.current else ""}{now}</div></div>')


def render_diff(diff: Diff) -> str:
    counts = ", ".join(f"{v} {k}" for k, v in diff.counts.items() if v)
    reused = f"{diff.reused} of {len(diff.current.sentences())} sentences reused from earlier translations"
    rows = "".join(_row(c) for c in diff.changes)
    return (f'{STYLE}<div class="wb-diff" id="wb-diff">{render_facts(diff)}{render_whats_new(diff)}'
            f'<p class="wb-diff-counts">{escape(counts)} · {escape(reused)}</p>'
            f'<div class="wb-diff-sbs" id="wb-diff-sbs"><div class="wb-diff-row wb-diff-head">'
            f'<div class="wb-diff-cell">Previous version</div><div class="wb-diff-cell">Current version</div></div>'
            f"{rows}</div></div>")
