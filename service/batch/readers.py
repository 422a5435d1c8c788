"""Single-document readers: bytes of a .txt/.md/.docx/.html file → plain text (+ notes on what was changed).

Shared by the batch inputs and, through ``read_document``, by anything else that accepts an uploaded dispatch.
Errors are ``InputError`` with the file name and the cause, so one unreadable file can be reported and skipped.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

from service.errors import InputError

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
DOCX_SUFFIXES = (".docx",)
DOCUMENT_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + DOCX_SUFFIXES

_BLOCK_TAGS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "section", "article")


@dataclass(frozen=True)
class ReadText:
    text: str
    notes: tuple[str, ...] = field(default=())


def suffix_of(name: str) -> str:
    return PurePath(name).suffix.lower()


# A .docx is a ZIP: its members' declared sizes are checked before anything is inflated (a zip bomb is refused
# unread). Default total from WIREBRIEF_MAX_DOCX_EXPANDED_BYTES; the ratio bounds each member's compression.
DEFAULT_MAX_EXPANDED_BYTES = 50_000_000
MAX_COMPRESSION_RATIO = 200
# Below this many bytes, compression ratios mean little (an empty XML part compresses 1000:1).
_RATIO_FLOOR_BYTES = 1_000_000


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or more than 10 % C0 control characters (tabs and line breaks aside) in the first 8 KiB: an
    image, an executable or a PDF renamed .txt, not a text file."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return bool(head) and controls / len(head) > 0.10


def decode_text(name: str, data: bytes) -> str:
    """UTF-8 (with or without BOM); anything else is a clear error rather than mojibake."""
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


def read_document(name: str, data: bytes, max_expanded_bytes: int = DEFAULT_MAX_EXPANDED_BYTES) -> ReadText:
    """Plain text of one document file, chosen by its suffix. ``max_expanded_bytes``: what a .docx may inflate
    to (the caller passes WIREBRIEF_MAX_DOCX_EXPANDED_BYTES)."""
    suffix = suffix_of(name)
    if suffix in TEXT_SUFFIXES:
        return ReadText(decode_text(name, data))
    if suffix in HTML_SUFFIXES:
        return ReadText(html_to_text(decode_text(name, data)), ("HTML reduced to text",))
    if suffix in DOCX_SUFFIXES:
        check_zip_expansion(name, data, max_expanded_bytes)
        return ReadText(docx_to_text(name, data), ("DOCX reduced to text",))
    raise InputError(
        f"{name}: unsupported file type {suffix or '(none)'}; supported: {', '.join(DOCUMENT_SUFFIXES + ('.csv', '.jsonl'))}",
        code="unsupported_file",
    )


def html_to_text(html: str) -> str:
    """Visible text with block elements as paragraph breaks; scripts, styles and head dropped."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "head", "noscript", "template"]):
        tag.decompose()
    for tag in soup.find_all(_BLOCK_TAGS):
        tag.insert_before("\n\n")
        tag.insert_after("\n\n")
    text = soup.get_text()
    lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def check_zip_expansion(name: str, data: bytes, max_expanded_bytes: int) -> None:
    """Refuse a ZIP (.docx) whose members would inflate past ``max_expanded_bytes`` in all, or one member
    compressed more than ``MAX_COMPRESSION_RATIO``:1 — from the ZIP directory, before inflating anything."""
    from service.errors import LimitExceeded

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


def docx_to_text(name: str, data: bytes) -> str:
    import docx  # python-docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise InputError(f"{name}: not a readable .docx file ({exc})", code="undecodable") from None
    except Exception as exc:  # zipfile.BadZipFile and lxml errors surface as assorted types
        raise InputError(f"{name}: not a readable .docx file ({type(exc).__name__}: {exc})", code="undecodable") from None
    paragraphs = [p.text.strip() for p in document.paragraphs]
    return "\n\n".join(p for p in paragraphs if p)
