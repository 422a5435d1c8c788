"""Versioned prompt templates: the house formats the brief model fills.

Each template is a YAML file ``prompts/<name>/v<version>.yaml`` holding everything that shapes a prompt: the
output structure it asks for (sections, with their labels and word limits), the system and user messages as Jinja2
templates, the data-fence lines, the retry message and the generation parameters. Its content hash (SHA-256 of the
parsed content, so comments and formatting do not count) is recorded with every brief, so a brief can always be
traced to the exact prompt that produced it. A template is never edited once published: a change is a new version.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

PROMPTS_DIR = Path(__file__).resolve().parent
_FILE = re.compile(r"^v(\d+)\.ya?ml$")
_LABEL = re.compile(r"^[A-Z][A-Z ]*[A-Z]$")


class TemplateError(ValueError):
    """A template file is malformed, or a requested template/version does not exist."""


@dataclass(frozen=True)
class Section:
    """One part of the output: a single text (``kind='text'``) or a list of items (``kind='list'``)."""

    key: str
    label: str
    """What the model writes at the start of the line, e.g. ``HEADLINE`` (capitals and spaces)."""
    title: str
    kind: Literal["text", "list"]
    max_words: int
    """Word limit of the text, or of each item of a list."""
    instruction: str
    min_items: int = 1
    max_items: int = 1
    required: bool = True
    verbatim: bool = False
    """Text copied from the dispatch (a quotation): never shortened to leading clauses, only whole sentences."""


@dataclass(frozen=True)
class PromptTemplate:
    name: str
    version: int
    description: str
    sections: tuple[Section, ...]
    max_words: int | None
    """Word limit of the whole output (all sections), if any."""
    format: str
    """Jinja2: the answer format (one labelled line per field), shown in the user and retry messages."""
    system: str
    user: str
    retry: str
    fence_begin: str
    fence_end: str
    generation: dict[str, Any] = field(default_factory=dict)
    content_hash: str = ""
    path: str = ""

    @property
    def ref(self) -> dict[str, Any]:
        """What a brief records about the prompt that produced it."""
        return {"name": self.name, "version": self.version, "hash": self.content_hash}

    @property
    def max_new_tokens(self) -> int:
        return int(self.generation.get("max_new_tokens", 400))

    def section(self, key: str) -> Section:
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(key)

    def limits(self) -> dict[str, Any]:
        """The word limits, as shown to users and recorded in results."""
        return {
            "total": self.max_words,
            **{
                s.key: ({"words_each": s.max_words, "items": [s.min_items, s.max_items]} if s.kind == "list" else {"words": s.max_words})
                for s in self.sections
            },
        }


def content_hash(data: dict[str, Any]) -> str:
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def available(root: Path = PROMPTS_DIR) -> dict[str, list[int]]:
    """Template names and their versions (ascending), from the files under ``root``."""
    out: dict[str, list[int]] = {}
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))):
        versions = sorted(int(m.group(1)) for f in folder.iterdir() if (m := _FILE.match(f.name)))
        if versions:
            out[folder.name] = versions
    return out


def load_template(name: str, version: int | str | None = None, root: Path = PROMPTS_DIR) -> PromptTemplate:
    """A template by name and version (default: the latest). Raises ``TemplateError`` naming what exists."""
    versions = available(root)
    if name not in versions:
        raise TemplateError(f"unknown prompt template {name!r}; available: {', '.join(versions) or 'none'}")
    if version in (None, "", "latest"):
        number = versions[name][-1]
    else:
        try:
            number = int(str(version).lstrip("v"))
        except ValueError:
            raise TemplateError(f"template version must be a number like 1 or v1, not {version!r}") from None
        if number not in versions[name]:
            raise TemplateError(
                f"template {name!r} has no version {number}; versions: {', '.join(map(str, versions[name]))}"
            )
    return _load_file(_path_for(root, name, number))


def _path_for(root: Path, name: str, number: int) -> Path:
    for suffix in (".yaml", ".yml"):
        path = root / name / f"v{number}{suffix}"
        if path.is_file():
            return path
    raise TemplateError(f"template file for {name} v{number} not found under {root}")


@lru_cache(maxsize=64)
def _load_file(path: Path) -> PromptTemplate:
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise TemplateError(f"{path}: not valid YAML: {exc}") from exc
    return parse_template(data, path)


def parse_template(data: Any, path: Path | str = "<memory>") -> PromptTemplate:
    """Validate a template's parsed YAML and build it. The file's folder and name must match its name/version."""
    if not isinstance(data, dict):
        raise TemplateError(f"{path}: a template is a mapping")
    required = ("name", "version", "description", "sections", "format", "system", "user", "retry", "fence")
    missing = [k for k in required if k not in data]
    if missing:
        raise TemplateError(f"{path}: missing {', '.join(missing)}")
    path = Path(path)
    if path.suffix in (".yaml", ".yml") and (path.parent.name != data["name"] or path.stem != f"v{data['version']}"):
        raise TemplateError(f"{path}: file must be {data['name']}/v{data['version']}.yaml to match its name and version")
    sections = []
    for raw in data["sections"]:
        try:
            section = Section(**raw)
        except TypeError as exc:
            raise TemplateError(f"{path}: section {raw.get('key', '?')!r}: {exc}") from exc
        if section.kind not in ("text", "list") or not _LABEL.match(section.label):
            raise TemplateError(f"{path}: section {section.key!r}: kind must be text|list, label CAPITALS")
        if section.kind == "text" and section.max_items != 1:
            raise TemplateError(f"{path}: text section {section.key!r} holds one item")
        if not 0 < section.min_items <= section.max_items or section.max_words < 1:
            raise TemplateError(f"{path}: section {section.key!r}: bad item or word limits")
        sections.append(section)
    labels = [s.label for s in sections]
    if len(set(labels)) != len(labels) or len({s.key for s in sections}) != len(sections):
        raise TemplateError(f"{path}: section keys and labels must be unique")
    max_words = data.get("max_words")
    floor = sum(s.max_words * s.min_items for s in sections)
    if max_words is not None and floor > max_words:
        raise TemplateError(
            f"{path}: max_words {max_words} is below the {floor} words its sections may use at their minimum sizes"
        )
    fence = data["fence"]
    for part in ("begin", "end"):
        if "{{ nonce }}" not in fence.get(part, ""):
            raise TemplateError(f"{path}: fence.{part} must contain '{{{{ nonce }}}}' so the data cannot fake it")
    return PromptTemplate(
        name=str(data["name"]),
        version=int(data["version"]),
        description=str(data["description"]).strip(),
        sections=tuple(sections),
        max_words=max_words,
        format=data["format"],
        system=data["system"],
        user=data["user"],
        retry=data["retry"],
        fence_begin=fence["begin"],
        fence_end=fence["end"],
        generation=dict(data.get("generation") or {}),
        content_hash=content_hash(data),
        path=str(path),
    )
