"""The update note: a Diff for people, as Markdown (CLI, downloads) and DOCX (downloads). Fact changes first,
then what's new, then every added, changed, moved and removed sentence in English (French beneath)."""

from __future__ import annotations

import io

from .model import Diff, SentenceChange

MARKS = {"added": "+ added", "removed": "− removed", "changed": "~ changed", "moved": "↕ moved", "same": "= same"}


def _english(refs) -> str:
    return " ".join(r.translation for r in refs if r.translation)


def _french(refs) -> str:
    return " ".join(r.source for r in refs)


def note_sections(diff: Diff) -> list[tuple[str, list[str]]]:
    """(heading, lines) of the update note; shared by Markdown and DOCX."""
    sections: list[tuple[str, list[str]]] = []
    facts = []
    for f in diff.facts:
        line = f.detail
        if f.previous_sentences:
            line += f" — before: “{_english(f.previous_sentences)}”"
        if f.current_sentences:
            line += f" — now: “{_english(f.current_sentences)}”"
        facts.append(line)
    sections.append(("Fact changes", facts or ["No number, date, amount, name or quotation changed."]))
    new = [diff.whats_new.message]
    for preset, summary in diff.whats_new.summaries.items():
        if summary.items and len(summary.items) > 1:
            new += [f"{preset}: {item}" for item in summary.items]
        else:
            new.append(f"{preset}: {summary.text}")
    sections.append(("What's new", new))
    changed = []
    for c in diff.changes:
        if c.status == "same" or (c.status == "moved" and not c.edited):
            continue
        changed.append(_change_line(c))
    moved = sum(c.status == "moved" and not c.edited for c in diff.changes)
    if moved:
        changed.append(f"{moved} sentence(s) moved without rewording.")
    sections.append(("Changes", changed or ["No sentence changed."]))
    return sections


def _change_line(c: SentenceChange) -> str:
    mark = MARKS[c.status] + (" (minor edit)" if c.minor else "")
    if c.status == "added":
        return f"[{mark}] {_english(c.current)} (FR: {_french(c.current)})"
    if c.status == "removed":
        return f"[{mark}] {_english(c.previous)} (FR: {_french(c.previous)})"
    return f"[{mark}] now: {_english(c.current)} — before: {_english(c.previous)} (FR now: {_french(c.current)})"


def to_markdown(diff: Diff) -> str:
    counts = ", ".join(f"{v} {k}" for k, v in diff.counts.items() if v)
    lines = ["# Update note", "", f"*Compared with result {diff.previous_id}: {counts or 'no sentences'}. "
             f"{diff.reused} of {len(diff.current.sentences())} sentences reused from earlier translations.*", ""]
    for heading, items in note_sections(diff):
        lines += [f"## {heading}", ""] + [f"- {_md_escape(item)}" for item in items] + [""]
    return "\n".join(lines).rstrip() + "\n"


def _md_escape(text: str) -> str:
    """Text from the dispatch shown as text, never as Markdown or HTML."""
    out = []
    for ch in text:
        out.append("\\" + ch if ch in "\\`*_{}[]<>#|" else ch)
    return "".join(out)


def to_docx(diff: Diff) -> bytes:
    from service.app.exports import _SafeDocument

    document = _SafeDocument()
    document.add_heading("Update note", level=1)
    document.add_paragraph(f"Compared with result {diff.previous_id}.")
    for heading, items in note_sections(diff):
        document.add_heading(heading, level=2)
        for item in items:
            document.add_paragraph(item, style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
