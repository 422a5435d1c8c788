"""ROUGE-1/2/L F1 × 100, accent-aware: the same rouge-score computation as ``rouge.py`` (no stemming, mean of
per-segment F1) with a tokenizer that keeps every Unicode letter and digit.

rouge-score's default tokenizer lowercases then replaces everything outside ``[a-z0-9]`` with spaces, so
"l'économie a été réformée" becomes ``l conomie a t r form e``: accented letters are lost and words are split
into fragments that match spuriously or not at all. The Unicode tokenizer gives ``l économie a été réformée``.
Keys carry the ``_unicode`` suffix so they are never confused with the published recipe's figures.
"""

from __future__ import annotations

import re
import unicodedata

from eval.metrics import MetricScore
from eval.metrics.rouge import aggregate, segment_f1, signature

KEYS = ("rouge1_unicode", "rouge2_unicode", "rougeL_unicode")
TASKS = ("summarization",)

TOKENIZER_NAME = "unicode-nfc-lower-letters-digits"
_TOKEN_RE = re.compile(r"[^\W_]+")


class UnicodeTokenizer:
    """NFC-normalize, lowercase, keep maximal runs of Unicode letters/digits (marks stay with their letter)."""

    def tokenize(self, text: str) -> list[str]:
        text = unicodedata.normalize("NFC", text).lower()
        return _TOKEN_RE.findall(text)


def compute(hyps, refs, srcs=None, *, segments: bool = False) -> dict[str, MetricScore]:
    return aggregate(segment_f1(hyps, refs, UnicodeTokenizer()), signature(TOKENIZER_NAME), "_unicode", segments)
