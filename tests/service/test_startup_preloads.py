"""Start-up: the French tokenizer's character classes compiled once each, and the language detector loaded beside
the models (both shorten the cold start; the bench measures by how much, see docs/performance.md)."""

from __future__ import annotations

import re
import subprocess
import sys
import threading

import pytest

import service.facts.charset_memo as charset_memo
from service.facts.charset_memo import memoized_charsets
from service.pipeline.build import warm_up
from service.settings import PROJECT_ROOT


def _program(pattern: str) -> list[int]:
    """The program Python's regular-expression compiler makes of ``pattern`` (what the matcher runs)."""
    import re._compiler as compiler
    import re._parser as parser

    return compiler._code(parser.parse(pattern, 0), 0)


def _french_like_pattern() -> str:
    from spacy.lang.char_classes import ALPHA, ALPHA_LOWER

    pieces = [f"^{p}[-‐][{ALPHA_LOWER}][-{ALPHA_LOWER}']*$" for p in ("anti", "sa?inte?s?", "jean", "vill(?:e|y)")]
    pieces.append(f"^[{ALPHA}]+[-]la[-](?:l['’])?[{ALPHA}]+$")
    return "(?iu)" + "|".join(f"(?:{p})" for p in pieces)


def test_a_pattern_compiles_to_the_same_program_with_repeated_classes_answered_from_the_cache():
    pattern = _french_like_pattern()
    plain = _program(pattern)
    before = charset_memo.hits
    with memoized_charsets():
        memoized = _program(pattern)
    assert charset_memo.hits - before >= 3  # the lower-case letter class repeats: answered from the cache
    assert memoized == plain
    compiled = re.compile(pattern)
    for word in ("Saint-Denis", "anti-terroriste", "jean-pierre", "Villy-le-Bas", "Rive-la-Grande", "antidote"):
        assert bool(compiled.match(word)) == (word != "antidote")


def test_the_stdlib_helper_is_back_after_the_block_even_after_an_error():
    import re._compiler as compiler

    original = compiler._optimize_charset
    with pytest.raises(RuntimeError):
        with memoized_charsets():
            assert compiler._optimize_charset is not original
            with memoized_charsets():  # re-entrant: the inner exit does not restore early
                pass
            assert compiler._optimize_charset is not original
            raise RuntimeError("load failed")
    assert compiler._optimize_charset is original


def test_a_helper_with_another_signature_is_left_alone(monkeypatch):
    import re._compiler as compiler

    def other(charset, iscased=None, fixup=None):  # what a future Python might have
        return charset, False

    monkeypatch.setattr(compiler, "_optimize_charset", other)
    with memoized_charsets():
        assert compiler._optimize_charset is other


def test_the_loaded_french_tokenizer_keeps_hyphenated_names_whole():
    from service.facts import load_ner

    tokens = [t.text for t in load_ner().nlp("Jean-Pierre Raffarin est allé à Saint-Denis, au sud-est des États-Unis.")]
    assert {"Jean-Pierre", "Saint-Denis", "sud-est", "États-Unis"} <= set(tokens)


def test_the_language_detector_preload_builds_it_in_a_background_thread():
    code = (
        "import service.text.detect as d; t = d.preload_detector(); "
        "print(t.name, t.daemon); t.join(); print(d._detector.cache_info().currsize)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.split() == ["wirebrief-load-detector", "True", "1"]


def test_warm_up_waits_for_the_preloads_before_it_returns():
    finished = threading.Event()

    def slow() -> None:
        threading.Event().wait(0.3)
        finished.set()

    thread = threading.Thread(target=slow)
    thread.start()
    warm_up([thread])
    assert finished.is_set()
