"""Clean pasted or uploaded text before anything else reads it.

Wire copy arrives from PDFs, web pages and word processors: it carries zero-width and bidi control
characters (invisible, but they split words for the tokenizer), Windows line endings, and the
non-breaking spaces French typography puts before « » : ; ? ! and inside numbers ("12 000").
Every non-breaking or typographic space becomes a plain space, so "12 000" stays "12 000" (digits
kept apart, never glued into "12000") and "mot :" stays "mot :".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")
_BIDI = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_NBSP = frozenset("\u00a0\u202f")
_SOFT_HYPHEN = "\u00ad"
_LINE_SEPARATORS = frozenset("\u2028\u2029\u0085")  # Unicode line/paragraph separators, NEL

_SPACE_RUN = re.compile(r"[ \t]{2,}")
_MANY_NEWLINES = re.compile(r"\n{3,}")


@dataclass
class Normalized:
    text: str
    notes: list[str] = field(default_factory=list)


# What each count of removed or replaced characters says in the Result's notes: (count key, message, noun).
_NOTES = (
    ("control", "removed {}", "control character"),
    ("zero-width", "removed {}", "zero-width character"),
    ("bidi", "removed {}", "bidirectional formatting character"),
    ("soft hyphen", "removed {}", "soft hyphen"),
    ("nbsp", "replaced {} with plain spaces", "non-breaking space"),
    ("space", "replaced {} with plain spaces", "typographic space"),
    ("line sep", "replaced {} with \\n", "Unicode line separator"),
)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def normalize(text: str) -> Normalized:
    """NFC, drop invisible/control characters, unify line breaks and spaces; notes say what changed."""
    notes: list[str] = []
    crlf = text.count("\r\n")
    lone_cr = text.count("\r") - crlf
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if crlf or lone_cr:
        notes.append(f"converted {_plural(crlf + lone_cr, 'line ending')} to \\n")

    counts = {"control": 0, "zero-width": 0, "bidi": 0, "soft hyphen": 0, "nbsp": 0, "space": 0, "line sep": 0}
    out: list[str] = []
    for ch in text:
        if ch == "\n":
            out.append(ch)
        elif ch == "\t":
            out.append(" ")
        elif ch in _ZERO_WIDTH:
            counts["zero-width"] += 1
        elif ch in _BIDI:
            counts["bidi"] += 1
        elif ch == _SOFT_HYPHEN:
            counts["soft hyphen"] += 1
        elif ch in _NBSP:
            counts["nbsp"] += 1
            out.append(" ")
        elif ch in _LINE_SEPARATORS:
            counts["line sep"] += 1
            out.append("\n")
        elif unicodedata.category(ch) == "Cc":
            counts["control"] += 1
        elif ch != " " and unicodedata.category(ch) == "Zs":  # thin, figure, em… spaces
            counts["space"] += 1
            out.append(" ")
        else:
            out.append(ch)
    text = "".join(out)

    for key, template, noun in _NOTES:
        if counts[key]:
            notes.append(template.format(_plural(counts[key], noun)))

    # NFC after removal, so that a combining accent separated from its letter by a zero-width
    # character still composes.
    nfc = unicodedata.normalize("NFC", text)
    if nfc != text:
        notes.append("applied Unicode NFC composition")
    text = _SPACE_RUN.sub(" ", nfc)
    # Leading spaces carry no meaning in a dispatch (indentation), trailing ones never do.
    text = "\n".join(line.strip(" ") for line in text.split("\n"))
    text = _MANY_NEWLINES.sub("\n\n", text).strip("\n")
    return Normalized(text=text, notes=notes)
