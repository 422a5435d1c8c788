"""Render a Result for people: Markdown (CLI default, downloads). DOCX lives in the app's export module."""

from __future__ import annotations

from service.result import Result


def to_markdown(result: Result) -> str:
    lines: list[str] = []
    headline = result.summaries.get("headline")
    lines.append(f"# {headline.text}" if headline and headline.text else "# Translation")
    lines.append("")
    lang = result.language
    how = "stated" if lang.given else f"detected, confidence {lang.confidence:.2f}"
    lines.append(f"*Source language: {lang.name} ({lang.code}, {how})*")
    lines.append("")
    for name, summary in result.summaries.items():
        if name == "headline":
            continue
        lines.append(f"## {name.capitalize()}")
        lines.append("")
        lines.append(summary.text)
        for note in summary.notes:
            lines.append(f"> note: {note}")
        lines.append("")
    lines.append("## Translation" if result.translated else "## Text (English, not translated)")
    lines.append("")
    for paragraph in result.paragraphs:
        lines.append(paragraph.translation)
        lines.append("")
    located = [w for w in result.warnings if w.severity != "info"]
    if located:
        lines.append("## Warnings")
        lines.append("")
        for w in located:
            where = f" (paragraph {w.paragraph + 1}, sentence {w.sentence + 1})" if w.paragraph is not None else ""
            lines.append(f"- `{w.code}`{where}: {w.message}")
        lines.append("")
    lines.append("---")
    models = ", ".join(f"{m.role}: {m.hub_id or m.path or m.name}@{m.revision or 'main'}" for m in result.models)
    lines.append(f"*Models: {models or 'none'}. Time: {result.timings.get('total', 0):.1f} s.*")
    return "\n".join(lines).rstrip() + "\n"
