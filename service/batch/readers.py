"""Single-document readers: bytes of a .txt/.md/.docx/.html file → plain text (+ notes on what was changed).

Shared by the batch inputs and, through ``read_document``, by anything else that accepts an uploaded dispatch.
Errors are ``InputError`` with the file name and the cause, so one unreadable file can be reported and skipped.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import PurePath

from service.errors import InputError

from .budget import ParseBudget
from .readers_docx import DEFAULT_MAX_EXPANDED_BYTES, check_zip_expansion, docx_to_text
from .readers_html import html_to_text

__all__ = ["ReadText", "read_document", "decode_text", "html_to_text", "docx_to_text", "check_zip_expansion"]

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
DOCX_SUFFIXES = (".docx",)
DOCUMENT_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + DOCX_SUFFIXES


@dataclass(frozen=True)
class ReadText:
    text: str
    notes: tuple[str, ...] = field(default=())


def suffix_of(name: str) -> str:
    return PurePath(name).suffix.lower()


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or more than 10 % C0 control characters (tabs and line breaks aside) in the first 8 KiB: an
    image, an executable or a PDF renamed .txt, not a text file."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return bool(head) and controls / len(head) > 0.10


# Byte-order marks of the Unicode encodings other than UTF-8, longest first (the UTF-32-LE mark starts with the
# UTF-16-LE one). A file that starts with one is text in that encoding, whatever its NUL bytes suggest.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_text(name: str, data: bytes) -> str:
    """UTF-8 (with or without BOM), or UTF-16/UTF-32 with their BOM; anything else is a clear error rather than
    mojibake."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{name}: starts like {encoding.upper()} text (byte-order mark) but byte {exc.start} is not "
                    f"valid {encoding.upper()}; save it as UTF-8 and retry",
                    code="undecodable",
                ) from None
    if looks_binary(data):
        raise InputError(
            f"{name}: this is a binary file (NUL or control bytes), not text; upload a .txt, .md, .html or .docx "
            "document",
            code="undecodable",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: not UTF-8 text (byte {exc.start} is 0x{data[exc.start]:02x}); save it as UTF-8 and retry",
            code="undecodable",
        ) from None


def read_document(
    name: str, data: bytes, max_expanded_bytes: int = DEFAULT_MAX_EXPANDED_BYTES, budget: ParseBudget | None = None
) -> ReadText:
    """Plain text of one document file, chosen by its suffix. ``max_expanded_bytes``: what a .docx may inflate
    to (the caller passes WIREBRIEF_MAX_DOCX_EXPANDED_BYTES); ``budget``: the parser budget (depth, elements,
    time; ``ParseBudget.from_settings``), started afresh for this file."""
    budget = (budget or ParseBudget()).start(name)
    suffix = suffix_of(name)
    if suffix in TEXT_SUFFIXES:
        text = decode_text(name, data)
        budget.tick(text.count("\n") + 1)  # lines
        return ReadText(text)
    if suffix in HTML_SUFFIXES:
        return ReadText(html_to_text(decode_text(name, data), budget), ("HTML reduced to text",))
    if suffix in DOCX_SUFFIXES:
        check_zip_expansion(name, data, max_expanded_bytes)
        return ReadText(docx_to_text(name, data, budget), ("DOCX reduced to text",))
    raise InputError(
        f"{name}: unsupported file type {suffix or '(none)'}; supported: {', '.join(DOCUMENT_SUFFIXES + ('.csv', '.jsonl'))}",
        code="unsupported_file",
    )
