"""Downloads of a Result: Markdown (service.render), DOCX (python-docx) and JSON (the Result itself)."""

from __future__ import annotations

import io
import re
from pathlib import Path

from service.render import to_markdown
from service.result import Result


# Characters XML 1.0 cannot hold (C0 controls but tab/newline/CR, surrogates, U+FFFE/U+FFFF). Model output can
# contain them; python-docx refuses them, so they become U+FFFD in the DOCX (the JSON keeps the exact text).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


class _SafeDocument:
    """python-docx Document whose text-adding calls go through ``xml_safe``."""

    def __init__(self):
        import docx

        self.doc = docx.Document()

    def add_heading(self, text: str, level: int):
        return self.doc.add_heading(xml_safe(text), level=level)

    def add_paragraph(self, text: str, style: str | None = None):
        return self.doc.add_paragraph(xml_safe(text), style=style)

    def save(self, target) -> None:
        self.doc.save(target)


def to_docx_bytes(result: Result) -> bytes:
    document = _SafeDocument()
    headline = result.summaries.get("headline")
    document.add_heading(headline.text if headline and headline.text else "Translation", level=1)
    lang = result.language
    how = "stated" if lang.given else f"detected, confidence {lang.confidence:.2f}"
    document.add_paragraph(f"Source language: {lang.name} ({lang.code}, {how})").runs[0].italic = True
    for name, summary in result.summaries.items():
        if name == "headline":
            continue
        document.add_heading(name.capitalize(), level=2)
        if name == "bullets" and summary.items:
            for item in summary.items:
                document.add_paragraph(item, style="List Bullet")
        else:
            document.add_paragraph(summary.text)
        for note in summary.notes:
            document.add_paragraph(f"note: {note}")
    document.add_heading("Translation" if result.translated else "Text (English, not translated)", level=2)
    for paragraph in result.paragraphs:
        document.add_paragraph(paragraph.translation)
    located = [w for w in result.warnings if w.severity != "info"]
    if located:
        document.add_heading("Warnings", level=2)
        for w in located:
            where = f" (paragraph {w.paragraph + 1}, sentence {(w.sentence or 0) + 1})" if w.paragraph is not None else ""
            document.add_paragraph(f"{w.code}{where}: {w.message}", style="List Bullet")
    models = ", ".join(f"{m.role}: {m.hub_id or m.path or m.name}@{m.revision or 'main'}" for m in result.models)
    document.add_paragraph(f"Models: {models or 'none'}. Result id: {result.id}.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def write_downloads(result: Result, folder: Path) -> dict[str, Path]:
    """Write the three downloads of ``result`` into ``folder/<id>/``; returns {"md"|"docx"|"json": path}."""
    target = folder / (result.id or "result")
    target.mkdir(parents=True, exist_ok=True)
    stem = f"wirebrief-{(result.id or 'result')[:12]}"
    paths = {
        "md": target / f"{stem}.md",
        "docx": target / f"{stem}.docx",
        "json": target / f"{stem}.json",
    }
    paths["md"].write_text(to_markdown(result), encoding="utf-8")
    paths["docx"].write_bytes(to_docx_bytes(result))
    paths["json"].write_text(result.to_json(), encoding="utf-8")
    return paths
