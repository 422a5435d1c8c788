"""Seq2seq summaries on CTranslate2 (distilbart/BART converted by models/ct2.py): the same map-reduce, candidates
and preset fitting as ``Seq2SeqSummarizer`` — only the generate step differs. On CPU its int8 model is faster
than torch and keeps the summarizer's memory at about a quarter of float32 (README "Performance").

Decoding mirrors transformers' generate for the same checkpoint: a forced BOS becomes a target prefix, and the
forced EOS that transformers counts in ``max_new_tokens`` is not counted by CTranslate2 (hence ``- 1``). The best
candidate equals transformers' in float32 (tested); lower-ranked beam candidates can differ on near-ties.
"""

from __future__ import annotations

from service.limits import Deadline
from service.translate.ct2 import forced_ids

from .presets import Preset
from .seq2seq import Seq2SeqSummarizer


class CT2Seq2SeqSummarizer(Seq2SeqSummarizer):
    """``loaded.model`` is a ``ctranslate2.Translator``; ``loaded.tokenizer`` the checkpoint's HF tokenizer."""

    def _generate(self, text: str, preset: Preset, deadline: Deadline | None) -> list[str]:
        # CTranslate2 cannot stop mid-generation: the deadline is checked before and after each call.
        if deadline is not None and deadline.expired():
            raise deadline.error("summarizing")
        tok = self.loaded.tokenizer
        ids = tok([text], truncation=True, max_length=self.window + 2)["input_ids"][0]
        bos, eos = forced_ids(self.loaded)
        offset = 1 if eos is not None else 0
        beams = max(self.num_beams, 1)
        results = self.loaded.model.translate_batch(
            [tok.convert_ids_to_tokens(ids)],
            beam_size=beams,
            num_hypotheses=beams,
            min_decoding_length=max(0, preset.min_new_tokens - offset),
            max_decoding_length=max(1, preset.max_new_tokens - offset),
            no_repeat_ngram_size=3,
            target_prefix=[[tok.convert_ids_to_tokens(bos)]] if bos is not None else None,
            return_scores=False,
        )
        if deadline is not None and deadline.expired():
            raise deadline.error("summarizing")
        hypotheses = [tok.convert_tokens_to_ids(h) for h in results[0].hypotheses]
        return [t.strip() for t in tok.batch_decode(hypotheses, skip_special_tokens=True)]
