"""Faster start-up for spaCy's French tokenizer: its character classes compiled once each, not once per use.

spaCy's French language data compiles one regular expression of 1.45 million characters at import
(``spacy/lang/fr/tokenizer_exceptions.py``, ``TOKEN_MATCH``: the hyphenated and elided words kept whole). It repeats
the same Unicode letter classes about 800 times under ``(?iu)``, and Python's compiler case-folds each class again
every time (``re._compiler._optimize_charset``): 2.6 s of the French NER's ~4 s load on the 2-core CPU box, all of
it holding the GIL, so it also slows the translation models loading beside it.

``memoized_charsets()`` answers repeated classes from a cache while the model loads. ``_optimize_charset`` is a pure
function of its arguments, so the compiled expression is the same one. The helper is private to the ``re`` module:
when its signature is not the one this was written for (Python 3.11–3.13), nothing is patched and the load is
only slower.
"""

from __future__ import annotations

import inspect
import logging
import threading
from contextlib import contextmanager
from typing import Iterator

log = logging.getLogger("wirebrief.facts")

_EXPECTED = ["charset", "iscased", "fixup", "fixes"]
_lock = threading.Lock()
_depth = 0
_original = None
hits = 0
"""Classes answered from the cache since the process started (read by the tests)."""


def _compiler():
    import re._compiler as compiler  # Python 3.11+

    return compiler


def _patchable() -> bool:
    try:
        helper = _compiler()._optimize_charset
        return list(inspect.signature(helper).parameters) == _EXPECTED
    except (ImportError, AttributeError, TypeError, ValueError):
        return False


def _memoized(original):
    cache: dict = {}

    def optimize_charset(charset, iscased=None, fixup=None, fixes=None):
        global hits
        try:
            key = (tuple(charset), iscased, fixup, id(fixes))
            hash(key)
        except TypeError:  # an item that cannot be a key: compile it as usual
            return original(charset, iscased, fixup, fixes)
        found = cache.get(key)
        if found is None:
            found = cache[key] = original(charset, iscased, fixup, fixes)
        else:
            hits += 1
        optimized, hascased = found
        return list(optimized), hascased

    return optimize_charset


@contextmanager
def memoized_charsets() -> Iterator[None]:
    """Within the block, regular expressions compile their character classes through a cache (threads that compile
    meanwhile get the same results, only sooner). Re-entrant; the original helper is back when the last block
    exits."""
    global _depth, _original
    with _lock:
        if _depth == 0 and _patchable():
            compiler = _compiler()
            _original = compiler._optimize_charset
            compiler._optimize_charset = _memoized(_original)
        elif _depth == 0:
            log.info("re._compiler._optimize_charset has another signature: the French tokenizer compiles unhelped")
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _original is not None:
                _compiler()._optimize_charset = _original
                _original = None
