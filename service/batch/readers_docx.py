""".docx → text: the ZIP checked before anything is inflated, then the body's paragraphs *and tables* in document
order (a table cell's paragraphs are read where the table stands; nested tables too), under the parser budget."""

from __future__ import annotations

import io
import zipfile

from service.errors import InputError, LimitExceeded

from .budget import ParseBudget

DEFAULT_MAX_EXPANDED_BYTES = 50_000_000
MAX_COMPRESSION_RATIO = 200
# Below this many bytes, compression ratios mean little (an empty XML part compresses 1000:1).
_RATIO_FLOOR_BYTES = 1_000_000

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def check_zip_expansion(name: str, data: bytes, max_expanded_bytes: int) -> None:
    """Refuse a ZIP (.docx) whose members would inflate past ``max_expanded_bytes`` in all, or one member
    compressed more than ``MAX_COMPRESSION_RATIO``:1 — from the ZIP directory, before inflating anything."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise InputError(f"{name}: not a readable .docx file ({exc})", code="undecodable") from None
    total = sum(m.file_size for m in members)
    if total > max_expanded_bytes:
        raise LimitExceeded(
            "WIREBRIEF_MAX_DOCX_EXPANDED_BYTES", max_expanded_bytes, total, f"the unpacked size of {name} in bytes"
        )
    for member in members:
        if member.file_size > _RATIO_FLOOR_BYTES and member.file_size > MAX_COMPRESSION_RATIO * max(1, member.compress_size):
            raise InputError(
                f"{name}: part {member.filename!r} expands {member.file_size // max(1, member.compress_size)}:1 "
                f"(more than {MAX_COMPRESSION_RATIO}:1): refused as a likely zip bomb",
                code="zip_bomb",
            )


def docx_to_text(name: str, data: bytes, budget: ParseBudget | None = None) -> str:
    import docx  # python-docx
    from docx.opc.exceptions import PackageNotFoundError

    budget = budget or ParseBudget(name=name)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise InputError(f"{name}: not a readable .docx file ({exc})", code="undecodable") from None
    except Exception as exc:  # zipfile.BadZipFile and lxml errors surface as assorted types
        raise InputError(f"{name}: not a readable .docx file ({type(exc).__name__}: {exc})", code="undecodable") from None
    budget.check_time()
    paragraphs: list[str] = []
    _collect(document.element.body, paragraphs, budget, 1)
    return "\n\n".join(p for p in paragraphs if p)


def _collect(container, out: list[str], budget: ParseBudget, depth: int) -> None:
    """Paragraphs (``w:p``) of a body or table cell in order; a table (``w:tbl``) row by row, cell by cell."""
    budget.depth(depth)
    for child in container.iterchildren():
        budget.tick()
        if child.tag == _W + "p":
            out.append(_paragraph_text(child, budget))
        elif child.tag == _W + "tbl":
            for row in child.iterchildren(_W + "tr"):
                for cell in row.iterchildren(_W + "tc"):
                    _collect(cell, out, budget, depth + 1)
        elif child.tag == _W + "sdt":  # content controls wrap paragraphs and tables
            for content in child.iterchildren(_W + "sdtContent"):
                _collect(content, out, budget, depth + 1)


def _paragraph_text(paragraph, budget: ParseBudget) -> str:
    """The paragraph's text as python-docx reads it (runs, tabs, breaks), whitespace trimmed."""
    from docx.text.paragraph import Paragraph

    text = Paragraph(paragraph, None).text
    budget.tick(max(1, len(paragraph) // 4))
    return text.strip()
