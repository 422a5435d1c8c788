"""What an OPUS-MT model reads: the source text after the same punctuation normalization its training data had.

OPUS-MT's preprocessing (``preprocess.sh`` shipped with every OPUS-MT model, applied before SentencePiece both at
training and at test time) is Moses' ``replace-unicode-punctuation.perl | remove-non-printing-char.perl |
normalize-punctuation.perl -l SRC`` followed by squeezing spaces. So the models saw ' for ’, " for “ ” « », ... for …
and plain spaces — and ``MarianTokenizer`` does none of it. AFP copy is full of ’ (l’Otan, qu’il), « » and the
non-breaking spaces of French typography (U+00A0, U+202F), which the production tokenizers split into rare pieces or
``<unk>``.

The service applies this mapping to the model input only (``HFTranslator.encode``): the displayed source, the fact
checks and the Result keep the original characters. The fixture tokenizers (models/tiny.py) are trained on text
normalized the same way, as OPUS-MT's were. sacremoses' ``MosesPunctNormalizer`` is the maintained Python port of
those two Moses scripts.
"""

from __future__ import annotations

import re
from functools import lru_cache

_UNICODE_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# « x » → «x»: the spaces French puts inside guillemets (normal or non-breaking) are not part of the quote.
_GUILLEMET_OPEN = re.compile(r"([«‹])\s+")
_GUILLEMET_CLOSE = re.compile(r"\s+([»›])")
_SPACES = re.compile(r" {2,}")


@lru_cache(maxsize=16)
def _normalizer(lang: str):
    from sacremoses import MosesPunctNormalizer

    return MosesPunctNormalizer(lang=lang, pre_replace_unicode_punct=True, post_remove_control_chars=True)


def opus_mt_input(text: str, lang: str = "fr") -> str:
    """``text`` as OPUS-MT's preprocessing would have given it to the model (see the module doc)."""
    text = _UNICODE_SPACES.sub(" ", text)
    text = _GUILLEMET_OPEN.sub(r"\1", text)
    text = _GUILLEMET_CLOSE.sub(r"\1", text)
    text = _normalizer(lang).normalize(text)
    return _SPACES.sub(" ", text).strip()
