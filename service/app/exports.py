"""Downloads of a Result: Markdown (service.render), DOCX (python-docx) and JSON (the Result itself)."""

from __future__ import annotations

import io
import re
from pathlib import Path

from service.plain_checks import result_flags
from service.render import PRESET_TITLES, export_stem, language_note, models_note, to_markdown
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

    def add_table(self, rows: list[tuple[str, str]]):
        """A two-column table, the first row as its header (bold)."""
        table = self.doc.add_table(rows=len(rows), cols=2)
        table.style = "Table Grid"
        for r, (left, right) in enumerate(rows):
            for c, text in enumerate((left, right)):
                cell = table.cell(r, c)
                cell.text = xml_safe(text)
                if r == 0:
                    cell.paragraphs[0].runs[0].bold = True
        return table

    def save(self, target) -> None:
        self.doc.save(target)


def to_docx_bytes(result: Result, glossary=None) -> bytes:
    """Headline, summaries, the source and the English side by side (one table row per paragraph), the checks in
    plain words, the models as the registry names them."""
    document = _SafeDocument()
    headline = result.summaries.get("headline")
    document.add_heading(headline.text if headline and headline.text else "Translation", level=1)
    document.add_paragraph(language_note(result)).runs[0].italic = True
    incomplete = result.extra.get("incomplete")
    if incomplete:
        document.add_paragraph(f"Unfinished: {incomplete.get('message', '')}").runs[0].bold = True
    for name, summary in result.summaries.items():
        if name == "headline":
            continue
        document.add_heading(PRESET_TITLES.get(name, name.capitalize()), level=2)
        if name == "bullets" and summary.items:
            for item in summary.items:
                document.add_paragraph(item, style="List Bullet")
        else:
            document.add_paragraph(summary.text)
        for note in summary.notes:
            document.add_paragraph(f"note: {note}")
    source = result.language.name if result.translated else "Text"
    document.add_heading("Translation" if result.translated else "Text (English, not translated)", level=2)
    rows = [(p.index, " ".join(s.source for s in p.sentences), p.translation) for p in sorted(result.paragraphs, key=lambda p: p.index)]
    rows += [(x["index"], x.get("source", ""), "(not translated yet)") for x in (incomplete or {}).get("pending") or []]
    document.add_table([(f"{source}", "English")] + [(src, dst) for _, src, dst in rows])
    flags = result_flags(result, glossary)
    if flags:
        document.add_heading("Checks", level=2)
        for flag in flags:
            document.add_paragraph(flag.text, style="List Bullet")
    document.add_paragraph(models_note(result))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def write_downloads(result: Result, folder: Path, glossary=None) -> dict[str, Path]:
    """Write the three downloads of ``result`` into ``folder/<id>/``, named after the dispatch
    (``service.render.export_stem``); returns {"md"|"docx"|"json": path}."""
    target = folder / (result.id or "result")
    target.mkdir(parents=True, exist_ok=True)
    stem = export_stem(result)
    paths = {
        "md": target / f"{stem}.md",
        "docx": target / f"{stem}.docx",
        "json": target / f"{stem}.json",
    }
    paths["md"].write_text(to_markdown(result, glossary), encoding="utf-8")
    paths["docx"].write_bytes(to_docx_bytes(result, glossary))
    paths["json"].write_text(result.to_json(), encoding="utf-8")
    return paths
