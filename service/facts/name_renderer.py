"""The translation model's own rendering of a name alone, asked once per name and cached: how a name a translator
renders ("Sainte-Croix" → "Holy Cross") is found when no gazetteer, exonym or spelling rule knows it."""

from __future__ import annotations

import logging
import re
import threading
from collections import OrderedDict
from typing import TYPE_CHECKING, Callable

from .text import fold

if TYPE_CHECKING:
    from .name_match import TextIndex

log = logging.getLogger("wirebrief.facts")


class NameTranslator:
    """The translation model's rendering of a name alone ("Sainte-Croix" → "Holy Cross"), asked once per name.

    ``translate`` is any batch translator (``list[str] -> list[str]``), e.g. the pipeline's name renderer
    (``TranslationStack.name_renderer``: the French model, greedy, capped at about a name's length).
    A failure (deadline, model error) only means the name is not found this way: it never raises.
    """

    def __init__(self, translate: Callable[[list[str]], list[str]], max_entries: int = 4096, max_chars: int = 80):
        self.translate = translate
        self.max_entries = max_entries
        self.max_chars = max_chars
        self._cache: OrderedDict[str, str | None] = OrderedDict()
        self._lock = threading.Lock()

    def clear(self) -> None:
        """Forget every rendering (the benchmark times cold checks with it)."""
        with self._lock:
            self._cache.clear()

    def prefetch(self, names: list[str]) -> None:
        """Ask the model for every uncached name of ``names`` in one call (one batch instead of one call per
        name, as ``__call__`` alone would make). A failure only leaves them uncached: ``__call__`` asks again."""
        with self._lock:
            wanted = list(dict.fromkeys(
                n.strip() for n in names if n.strip() and len(n.strip()) <= self.max_chars and n.strip() not in self._cache
            ))
        if not wanted:
            return
        try:
            out = self.translate(wanted)
        except Exception:
            log.warning("translating %d names for the fact check failed", len(wanted), exc_info=True)
            return
        if len(out) != len(wanted):
            return
        with self._lock:
            for name, rendering in zip(wanted, out):
                self._cache[name] = (rendering.strip() if isinstance(rendering, str) else "") or None
            while len(self._cache) > self.max_entries:
                self._cache.popitem(last=False)

    def __call__(self, name: str) -> str | None:
        name = name.strip()
        if not name or len(name) > self.max_chars:
            return None
        with self._lock:
            if name in self._cache:
                self._cache.move_to_end(name)
                return self._cache[name]
        try:
            out = self.translate([name])
            rendering = out[0].strip() if out and isinstance(out[0], str) else None
        except Exception:
            log.warning("translating the name %r for the fact check failed", name, exc_info=True)
            return None  # not cached: a passing failure (a deadline) may not repeat
        with self._lock:
            self._cache[name] = rendering or None
            if len(self._cache) > self.max_entries:
                self._cache.popitem(last=False)
        return rendering or None


def rendering_found(name: str, other: "TextIndex", translate: NameTranslator) -> bool:
    rendering = translate(name)
    if not rendering:
        return False
    rendering = re.sub(r"^(?:the|a|an)\s+", "", rendering.rstrip(" .!?"), flags=re.IGNORECASE)
    if fold(rendering) == fold(name):
        return False  # nothing new: the verbatim form was already looked for
    return other.has_phrase(rendering)
