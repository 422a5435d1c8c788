"""Template → chat messages. The dispatch is fenced as data: it sits between a begin and an end line that carry a
random nonce (so the text cannot close the fence itself), the instructions say that whatever is inside is text to
summarize, and they are restated after the fence.

Before fencing, the dispatch is defanged: the tokenizer's special tokens (``<|im_start|>`` …) would otherwise be
tokenized as real turn boundaries, and runs of ``<<<``/``>>>`` could imitate a fence line. Both are rewritten
visibly; nothing else in the text changes.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from typing import Iterable

from jinja2 import Environment, StrictUndefined

from prompts import PromptTemplate

_ENV = Environment(undefined=StrictUndefined, keep_trailing_newline=False, autoescape=False)
_ANGLES = re.compile(r"<{3,}|>{3,}")


class FenceError(RuntimeError):
    """The rendered prompt does not hold the dispatch inside exactly one fence (a template bug)."""


@dataclass(frozen=True)
class Fence:
    begin: str
    end: str


@dataclass
class RenderedPrompt:
    messages: list[dict[str, str]]
    nonce: str
    fences: dict[str, Fence]
    """'DISPATCH' (the English text) and, when given, 'FRENCH ORIGINAL'."""
    data: dict[str, str] = field(default_factory=dict)
    """The defanged text placed inside each fence."""
    format: str = ""


def new_nonce() -> str:
    return secrets.token_hex(8)


def defang(text: str, reserved: Iterable[str] = ()) -> str:
    """Make ``text`` safe to place inside a fence: reserved strings (special tokens) get a zero-width-free visible
    break (``<|im_start|>`` → ``< |im_start| >``), and runs of three or more angle brackets become guillemets."""
    for token in sorted({t for t in reserved if t}, key=len, reverse=True):
        if token in text:
            text = text.replace(token, _break(token))
    return _ANGLES.sub(lambda m: ("‹" if m.group(0)[0] == "<" else "›") * len(m.group(0)), text)


def _break(token: str) -> str:
    if len(token) >= 2 and token[0] in "<[" and token[-1] in ">]":
        return f"{token[0]} {token[1:-1]} {token[-1]}"
    return " ".join(token)


def _render(text: str, /, **context) -> str:
    return _ENV.from_string(text).render(**context).strip()


def fence_for(template: PromptTemplate, label: str, nonce: str) -> Fence:
    return Fence(
        begin=_render(template.fence_begin, label=label, nonce=nonce),
        end=_render(template.fence_end, label=label, nonce=nonce),
    )


def format_block(template: PromptTemplate) -> str:
    """The answer format the template asks for (one labelled line per field)."""
    return _render(template.format, sections=template.sections, template=template)


def render(
    template: PromptTemplate,
    translation: str,
    *,
    source: str | None = None,
    nonce: str | None = None,
    reserved: Iterable[str] = (),
) -> RenderedPrompt:
    """The system and user messages for one dispatch (English ``translation``, optional French ``source``)."""
    nonce = nonce or new_nonce()
    reserved = list(reserved)
    fences = {"DISPATCH": fence_for(template, "DISPATCH", nonce)}
    data = {"DISPATCH": defang(translation.strip(), reserved)}
    if source and source.strip():
        fences["FRENCH ORIGINAL"] = fence_for(template, "FRENCH ORIGINAL", nonce)
        data["FRENCH ORIGINAL"] = defang(source.strip(), reserved)
    blocks = {label: f"{fences[label].begin}\n{data[label]}\n{fences[label].end}" for label in fences}
    fmt = format_block(template)
    context = dict(
        template=template,
        sections=template.sections,
        nonce=nonce,
        begin=fences["DISPATCH"].begin,
        end=fences["DISPATCH"].end,
        dispatch=blocks["DISPATCH"],
        source=blocks.get("FRENCH ORIGINAL"),
        format=fmt,
    )
    messages = [
        {"role": "system", "content": _render(template.system, **context)},
        {"role": "user", "content": _render(template.user, **context)},
    ]
    rendered = RenderedPrompt(messages=messages, nonce=nonce, fences=fences, data=data, format=fmt)
    check_fences(rendered)
    return rendered


def render_retry(template: PromptTemplate, reason: str) -> dict[str, str]:
    """The follow-up user message after an answer that did not parse."""
    return {"role": "user", "content": _render(template.retry, reason=reason, format=format_block(template))}


def check_fences(rendered: RenderedPrompt) -> None:
    """Each fence's begin and end lines appear exactly once, as whole lines, in order, with exactly the data
    between them; the system message holds no data. Raises ``FenceError`` otherwise."""
    system, user = rendered.messages[0]["content"], rendered.messages[1]["content"]
    lines = user.split("\n")
    for label, fence in rendered.fences.items():
        begins = [i for i, line in enumerate(lines) if line == fence.begin]
        ends = [i for i, line in enumerate(lines) if line == fence.end]
        if len(begins) != 1 or len(ends) != 1 or begins[0] >= ends[0]:
            raise FenceError(f"the {label} fence must open and close exactly once, as whole lines")
        inside = "\n".join(lines[begins[0] + 1 : ends[0]])
        if inside != rendered.data[label]:
            raise FenceError(f"the text inside the {label} fence is not exactly the data")
        if rendered.nonce in system:
            raise FenceError("the system message must not contain the fence")
