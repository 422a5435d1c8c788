"""Wrappers that add behaviour to any Translator without changing its interface."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from typing import Callable

from service.limits import CapHit, collect_cap_hits, report_cap_hit
from service.result import ModelUsed

from .base import Progress, Translator
from .clauses import split_long


class ClauseSplittingTranslator:
    """Splits sentences longer than the model's input limit at clause boundaries, translates the pieces and
    rejoins them, so nothing is truncated."""

    def __init__(self, inner: Translator, count_tokens: Callable[[str], int], max_tokens: int):
        self.inner = inner
        self.count_tokens = count_tokens
        self.max_tokens = max_tokens

    def split(self, sentence: str) -> list[str]:
        return split_long(sentence, self.count_tokens, self.max_tokens)

    def translate(self, sentences: list[str], progress: Progress | None = None) -> list[str]:
        pieces: list[str] = []
        owners: list[int] = []
        for i, sentence in enumerate(sentences):
            parts = self.split(sentence)
            pieces.extend(parts)
            owners.extend([i] * len(parts))
        total = len(sentences)

        def piece_progress(done: int, all_pieces: int) -> None:
            # Pieces finish in length order, not document order: report the share of work done.
            progress(round(done / all_pieces * total), total)

        translated = self.inner.translate(pieces, piece_progress if progress else None)
        joined: list[list[str]] = [[] for _ in sentences]
        for owner, text in zip(owners, translated):
            joined[owner].append(text)
        return [" ".join(t for t in parts if t) for parts in joined]

    def models_used(self) -> list[ModelUsed]:
        return self.inner.models_used()


class CachingTranslator:
    """An in-memory LRU of sentence → translation, so a re-sent or updated dispatch only translates sentences it
    has not seen. The key includes ``namespace`` (model id + revision + decoding), so a change of model or
    decoding never serves a stale translation.

    A translation that stopped at the new-token cap is cached with that fact and reported again on every hit, so
    the Result warns about it whether the sentence was translated now or earlier (by another request, another
    document of a batch, or another Ray actor's pack)."""

    def __init__(self, inner: Translator, namespace: str, max_entries: int = 50_000):
        self.inner = inner
        self.namespace = namespace
        self.max_entries = max_entries
        self._cache: OrderedDict[tuple[str, str], tuple[str, tuple[CapHit, ...]]] = OrderedDict()
        self._lock = threading.Lock()

    def clear(self) -> None:
        """Forget every cached translation (the benchmark times cold translations with it)."""
        with self._lock:
            self._cache.clear()

    def contains(self, sentence: str) -> bool:
        with self._lock:
            return (self.namespace, sentence) in self._cache

    def translate(self, sentences: list[str], progress: Progress | None = None) -> list[str]:
        found: dict[str, tuple[str, tuple[CapHit, ...]]] = {}
        with self._lock:
            for s in dict.fromkeys(sentences):
                key = (self.namespace, s)
                entry = self._cache.get(key)
                if entry is not None:
                    self._cache.move_to_end(key)
                    found[s] = entry
        misses = [s for s in dict.fromkeys(sentences) if s not in found]
        if misses:
            with collect_cap_hits() as hits:
                outputs = self.inner.translate(misses, progress)
            for hit in hits:  # as without the cache
                report_cap_hit(hit)
            fresh = {
                s: (t, tuple(h for h in hits if h.source.strip() and h.source.strip() in s))
                for s, t in zip(misses, outputs)
            }
            with self._lock:
                for s, entry in fresh.items():
                    self._cache[(self.namespace, s)] = entry
                    while len(self._cache) > self.max_entries:
                        self._cache.popitem(last=False)
        else:
            fresh = {}
            if progress:
                progress(len(sentences), len(sentences))
        for entry in found.values():
            for hit in entry[1]:
                report_cap_hit(hit)
        return [(found.get(s) or fresh[s])[0] or "" for s in sentences]

    def models_used(self) -> list[ModelUsed]:
        return self.inner.models_used()


_QUOTE_MARKS = re.compile(r'["«“„‹]')


def restore_quotes(translation: str, slots: list[tuple[str, str]]) -> str | None:
    """Each placeholder replaced by its quotation (English straight quotes, never « »); None when the model lost
    one of them."""
    from service.facts.glossary import placeholder_regex

    for ph, quote in slots:
        rx = placeholder_regex(ph)
        if not rx.search(translation):
            return None
        translation = rx.sub(lambda _m: quote, translation, count=1)
    translation = re.sub(r"«\s*|\s*»", '"', translation)
    return translation


def is_english_quote(text: str) -> bool:
    """A quotation of at least three words that the language detector calls English (confidence ≥ 0.5)."""
    from service.text.detect import detect_language

    if len(text.split()) < 3:
        return False
    try:
        info = detect_language(text)
    except Exception:  # no letters, no candidate: not a quote to keep
        return False
    return info.code == "en" and info.confidence >= 0.5


class ForeignQuoteTranslator:
    """Keeps quotations already in the target language verbatim: a French dispatch quoting an English speaker
    ("« We will not back down », a déclaré le ministre") must carry the speaker's own words, not the model's
    round trip of them.

    The sentence is translated whole, with each kept quotation replaced by a quoted number placeholder
    (``"7301", a déclaré le ministre.`` — numbers are what OPUS-MT copies, see service/facts/glossary.py), so the
    French around it is never translated as a fragment (", a déclaré le ministre." alone). The quotation then
    replaces the placeholder with English straight quotes, never « ». Only when the model lost a placeholder is
    that sentence translated piece by piece around the quotation."""

    def __init__(self, inner: Translator, keep: Callable[[str], bool] = is_english_quote):
        self.inner = inner
        self.keep = keep

    def pieces(self, sentence: str) -> list[tuple[str, bool]]:
        """(text, verbatim) pieces of a sentence, in order."""
        from service.facts.quotes import quote_spans

        out: list[tuple[str, bool]] = []
        pos = 0
        for start, end, inner_start, inner_end in quote_spans(sentence):
            if not self.keep(sentence[inner_start:inner_end]):
                continue
            out.append((sentence[pos:start], False))
            out.append((sentence[start:end], True))
            pos = end
        out.append((sentence[pos:], False))
        return [(t, v) for t, v in out if v or t.strip()]

    def protect(self, sentence: str) -> tuple[str, list[tuple[str, str]]]:
        """The sentence with each kept quotation replaced by ``"<placeholder>"``, and (placeholder, quotation
        text) pairs."""
        from service.facts.glossary import placeholder_token

        parts = self.pieces(sentence) if _QUOTE_MARKS.search(sentence) else [(sentence, False)]
        if not any(verbatim for _, verbatim in parts):
            return sentence, []
        text, slots, avoid = "", [], sentence
        for piece, verbatim in parts:
            if verbatim:
                ph = placeholder_token(len(slots), avoid)
                avoid += " " + ph
                slots.append((ph, piece.strip()[1:-1].strip()))
                piece = f'"{ph}"'
            text += piece
        return text, slots

    def translate(self, sentences: list[str], progress: Progress | None = None) -> list[str]:
        plans = [self.protect(s) for s in sentences]
        if not any(slots for _, slots in plans):
            return self.inner.translate(sentences, progress)
        outputs = self.inner.translate([text for text, _ in plans], progress)
        restored = [restore_quotes(out, slots) if slots else out for out, (_, slots) in zip(outputs, plans)]
        lost = [i for i, text in enumerate(restored) if text is None]
        if lost:
            for i, text in zip(lost, self._piecewise([sentences[i] for i in lost])):
                restored[i] = text
        return restored

    def _piecewise(self, sentences: list[str]) -> list[str]:
        """The fallback: French pieces translated alone, quotations put back between them in English quotes."""
        split = [self.pieces(s) for s in sentences]
        todo = [text for parts in split for text, verbatim in parts if not verbatim]
        translated = iter(self.inner.translate(todo) if todo else [])
        out = []
        for parts in split:
            texts = [f'"{text.strip()[1:-1].strip()}"' if verbatim else next(translated).strip()
                     for text, verbatim in parts]
            joined = ""
            for t in (t for t in texts if t):
                joined += t if not joined or t[0] in ",.;:!?)" else " " + t
            out.append(joined)
        return out

    def models_used(self) -> list[ModelUsed]:
        return self.inner.models_used()

    def __getattr__(self, name: str):
        return getattr(self.inner, name)
