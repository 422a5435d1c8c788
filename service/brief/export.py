"""A brief as Markdown or DOCX: what the editor exports. Both carry the template name and version, the model,
and the facts still flagged, so a copy pasted elsewhere says where it came from."""

from __future__ import annotations

import io
import re

from service.result import Brief

# XML 1.0 cannot hold C0 controls (but tab/newline/CR), surrogates, U+FFFE/U+FFFF; model output and editors' pastes
# can: python-docx refuses them, so they become U+FFFD in the DOCX.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _x(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _provenance(brief: Brief) -> str:
    model = f" · {brief.model.name}" if brief.model else ""
    edited = " · edited" if brief.edited else ""
    return f"template {brief.template.name} v{brief.template.version} ({brief.template.hash}){model}{edited}"


def _flag_lines(brief: Brief) -> list[str]:
    titles = {s.key: s.title for s in brief.sections}
    return [f"{titles.get(f.section, f.section)}: {f.detail}" for f in brief.flags]


def to_markdown(brief: Brief) -> str:
    if brief.status == "failed":
        return f"**No brief:** {brief.failure}\n\n_{_provenance(brief)}_\n"
    lines: list[str] = []
    for section in brief.sections:
        if not section.items:
            continue
        if section.key == "headline":
            lines += [f"# {section.items[0]}", ""]
        elif section.key == "dateline":
            lines += [f"**{section.items[0]}**", ""]
        elif section.kind == "list":
            lines += [f"**{section.title}**", ""] + [f"- {item}" for item in section.items] + [""]
        elif section.key == "quote":
            lines += [f"> “{section.items[0]}”", ""]
        elif section.key == "attribution":
            lines += [f"— {section.items[0]}", ""]
        else:
            lines += [f"**{section.title}:** {section.items[0]}", ""]
    flags = _flag_lines(brief)
    if flags:
        lines += ["**To check**", ""] + [f"- {f}" for f in flags] + [""]
    lines.append(f"_{_provenance(brief)}_")
    return "\n".join(lines) + "\n"


def to_docx(brief: Brief) -> bytes:
    from docx import Document

    doc = Document()
    if brief.status == "failed":
        doc.add_paragraph(_x(f"No brief: {brief.failure}"))
    for section in brief.sections:
        if not section.items:
            continue
        if section.key == "headline":
            doc.add_heading(_x(section.items[0]), level=1)
        elif section.key == "dateline":
            doc.add_paragraph().add_run(_x(section.items[0])).bold = True
        elif section.kind == "list":
            doc.add_paragraph().add_run(section.title).bold = True
            for item in section.items:
                doc.add_paragraph(_x(item), style="List Bullet")
        elif section.key == "quote":
            doc.add_paragraph(_x(f"“{section.items[0]}”"), style="Quote")
        elif section.key == "attribution":
            doc.add_paragraph(_x(f"— {section.items[0]}"))
        else:
            paragraph = doc.add_paragraph()
            paragraph.add_run(f"{section.title}: ").bold = True
            paragraph.add_run(_x(section.items[0]))
    flags = _flag_lines(brief)
    if flags:
        doc.add_paragraph().add_run("To check").bold = True
        for flag in flags:
            doc.add_paragraph(_x(flag), style="List Bullet")
    doc.add_paragraph().add_run(_provenance(brief)).italic = True
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
