"""Translator over a CTranslate2 model (an OPUS-MT checkpoint converted by models/ct2.py): the same batching,
per-sentence new-token caps (sentences of different caps share a batch) and deadline as ``HFTranslator`` — only
the generate step differs — so the pipeline gets the same Result whichever backend runs.

Output equals transformers' greedy/beam output for the same weights in float32 (tested): transformers counts the
end token that Marian's ``forced_eos_token_id`` forces at the cap in ``max_new_tokens``, CTranslate2 does not count
it in ``max_decoding_length``, hence the ``- 1`` below.
"""

from __future__ import annotations

from .hf import HFTranslator, cut_to_cap, forced_ids

__all__ = ["CT2Translator", "forced_ids"]


class CT2Translator(HFTranslator):
    """``loaded.model`` is a ``ctranslate2.Translator``; ``loaded.tokenizer`` the checkpoint's HF tokenizer."""

    def _generate(self, ids: list[list[int]], caps: list[int], max_time: float | None) -> tuple[list[str], list[bool]]:
        # max_time: CTranslate2 cannot stop mid-batch; the deadline is checked between batches (HFTranslator).
        # One call runs to the batch's largest cap; each hypothesis is then cut to its own (``cut_to_cap``).
        tok = self.loaded.tokenizer
        lengths = [max(1, c - 1 if self._forces_eos else c) for c in caps]
        length = max(lengths)
        kwargs = {
            "beam_size": self.decoding.num_beams,
            "max_decoding_length": length,
            "return_scores": False,
            "max_batch_size": 0,
        }
        if self.decoding.forces_length:
            kwargs["min_decoding_length"] = length
        if self.decoding.no_repeat_ngram_size:
            kwargs["no_repeat_ngram_size"] = self.decoding.no_repeat_ngram_size
        results = self.loaded.model.translate_batch([tok.convert_ids_to_tokens(x) for x in ids], **kwargs)
        rows = [tok.convert_tokens_to_ids(r.hypotheses[0]) for r in results]
        # A hypothesis that ran to its length stopped at the cap (CTranslate2 drops the end token).
        kept, hits = cut_to_cap(rows, lengths, lambda n: n)
        self.generated_tokens += sum(len(h) for h in kept)
        return [t.strip() for t in tok.batch_decode(kept, skip_special_tokens=True)], hits
