"""Seq2seq summaries on CTranslate2 (distilbart/BART converted by models/ct2.py): the same map-reduce, candidate
ranking and preset fitting as ``Seq2SeqSummarizer`` — only the generate step differs. On CPU its int8 model is
faster than torch and keeps the summarizer's memory at about a quarter of float32 (README "Performance").

Decoding is the checkpoint's own (``SummaryDecoding``: length penalty, min/max length, no-repeat n-gram, beams,
forced BOS/EOS), translated to CTranslate2's counting by ``SummaryDecoding.ct2_kwargs``; a forced BOS becomes a
target prefix. The best candidate equals transformers' in float32 (tests/models/test_summary_decoding.py).
"""

from __future__ import annotations

from service.limits import Deadline

from .candidates import Generated
from .decoding import SummaryDecoding
from .seq2seq import Seq2SeqSummarizer


class CT2Seq2SeqSummarizer(Seq2SeqSummarizer):
    """``loaded.model`` is a ``ctranslate2.Translator``; ``loaded.tokenizer`` the checkpoint's HF tokenizer."""

    def generate(self, text: str, decoding: SummaryDecoding, deadline: Deadline | None) -> list[Generated]:
        # CTranslate2 cannot stop mid-generation: the deadline is checked before and after each call.
        if deadline is not None and deadline.expired():
            raise deadline.error("summarizing")
        tok = self.loaded.tokenizer
        ids = tok([text], truncation=True, max_length=self.window + 2)["input_ids"][0]
        bos = decoding.forced_bos_token_id
        kwargs = decoding.ct2_kwargs()
        results = self.loaded.model.translate_batch(
            [tok.convert_ids_to_tokens(ids)],
            target_prefix=[[tok.convert_ids_to_tokens(bos)]] if bos is not None else None,
            **kwargs,
        )
        if deadline is not None and deadline.expired():
            raise deadline.error("summarizing")
        hypotheses = [tok.convert_tokens_to_ids(h) for h in results[0].hypotheses]
        texts = tok.batch_decode(hypotheses, skip_special_tokens=True)
        cap = kwargs["max_decoding_length"]
        return [Generated(t.strip(), cut=len(h) >= cap, tokens=len(h)) for t, h in zip(texts, hypotheses)]
