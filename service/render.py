"""Render a Result for people: Markdown (CLI default, downloads) and the parts the DOCX export shares with it —
the readable file name, the source-and-English pairs, the checks in plain words, the model line.

Everything that comes from the dispatch or a model is escaped for Markdown (``md_escape``): no raw HTML, no
accidental headings, links or emphasis.
"""

from __future__ import annotations

import re
import unicodedata
from html import escape

from service.plain_checks import model_label, result_flags
from service.result import Result

PRESET_TITLES = {"lede": "Lede", "bullets": "Key points", "paragraph": "Paragraph"}
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}#|!~])")
_LINE_START = re.compile(r"^(\s*)([-+>]|\d+[.)])(\s)", re.MULTILINE)
_DATELINE = re.compile(r"^\s*([A-ZÀ-Ý][A-ZÀ-Ý' \-]{1,40}),\s*(\d{1,2}(?:er)? \w+ \d{4})")


def md_escape(text: str) -> str:
    """User or model text as literal Markdown text: HTML is escaped, Markdown syntax backslashed."""
    text = escape(text, quote=False)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(r"\1\\\2\3", text)


def slug(text: str, words: int = 7) -> str:
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    parts = re.findall(r"[a-z0-9]+", plain)
    return "-".join(parts[:words])[:80].strip("-")


def export_stem(result: Result) -> str:
    """A file name an editor recognises: the headline's first words, else the dispatch's dateline and date
    ("paris-12-mars-2024"), else the English's first words; "-unfinished" for an incomplete Result."""
    headline = result.summaries.get("headline")
    stem = slug(headline.text) if headline and headline.text else ""
    if not stem and result.paragraphs:
        first = min(result.paragraphs, key=lambda p: p.index)
        dateline = _DATELINE.match(" ".join(s.source for s in first.sentences))
        stem = slug(f"{dateline.group(1)} {dateline.group(2)}") if dateline else slug(result.translation, 6)
    stem = stem or "dispatch"
    return stem + ("-unfinished" if "incomplete" in result.extra else "")


def language_note(result: Result) -> str:
    lang = result.language
    how = "stated" if lang.given else f"detected, confidence {lang.confidence:.2f}"
    return f"Source language: {lang.name} ({lang.code}, {how})"


def models_note(result: Result) -> str:
    models = ", ".join(f"{m.role}: {model_label(m)}" for m in result.models)
    return f"Models: {models or 'none'}. Result id: {result.id}."


def to_markdown(result: Result, glossary=None) -> str:
    lines: list[str] = []
    headline = result.summaries.get("headline")
    lines.append(f"# {md_escape(headline.text)}" if headline and headline.text else "# Translation")
    lines += ["", f"*{md_escape(language_note(result))}*", ""]
    incomplete = result.extra.get("incomplete")
    if incomplete:
        lines += [f"**Unfinished:** {md_escape(str(incomplete.get('message', '')))}", ""]
    for name, summary in result.summaries.items():
        if name == "headline":
            continue
        lines += [f"## {PRESET_TITLES.get(name, name.capitalize())}", ""]
        if name == "bullets" and summary.items:
            lines += [f"- {md_escape(item)}" for item in summary.items]
        else:
            lines.append(md_escape(summary.text))
        lines += [f"> note: {md_escape(note)}" for note in summary.notes]
        lines.append("")
    source = result.language.name if result.translated else "Text"
    lines += ["## Translation — " + (f"{source} and English" if result.translated else "English, not translated"), ""]
    for paragraph in sorted(result.paragraphs, key=lambda p: p.index):
        if result.translated:
            lines += [f"**{source}, paragraph {paragraph.index + 1}**", ""]
            lines += [f"> {md_escape(' '.join(s.source for s in paragraph.sentences))}", ""]
            lines += ["**English**", ""]
        lines += [md_escape(paragraph.translation), ""]
    for pending in (incomplete or {}).get("pending") or []:
        lines += [f"**{source}, paragraph {pending['index'] + 1}** (not translated yet)", ""]
        lines += [f"> {md_escape(pending.get('source', ''))}", ""]
    flags = result_flags(result, glossary)
    if flags:
        lines += ["## Checks", ""]
        lines += [f"- {md_escape(f.text)}" for f in flags]
        lines.append("")
    lines.append("---")
    lines.append(f"*{md_escape(models_note(result))} Time: {result.timings.get('total', 0):.1f} s.*")
    return "\n".join(lines).rstrip() + "\n"
