"""Translator over a CTranslate2 model (an OPUS-MT checkpoint converted by models/ct2.py): the same batching,
per-bucket new-token caps and deadline as ``HFTranslator`` — only the generate step differs — so the pipeline
gets the same Result whichever backend runs.

Output equals transformers' greedy/beam output for the same weights in float32 (tested): transformers counts the
end token that Marian's ``forced_eos_token_id`` forces at the cap in ``max_new_tokens``, CTranslate2 does not count
it in ``max_decoding_length``, hence the ``- 1`` below.
"""

from __future__ import annotations

from .hf import HFTranslator


def forced_ids(loaded) -> tuple[int | None, int | None]:
    """(forced BOS id, forced EOS id) that transformers' generate would apply for this checkpoint."""
    ids = []
    for name in ("forced_bos_token_id", "forced_eos_token_id"):
        value = getattr(loaded.generation, name, None) if loaded.generation is not None else None
        if value is None:
            value = getattr(loaded.config, name, None)
        ids.append(value)
    return ids[0], ids[1]


class CT2Translator(HFTranslator):
    """``loaded.model`` is a ``ctranslate2.Translator``; ``loaded.tokenizer`` the checkpoint's HF tokenizer."""

    @property
    def _forces_eos(self) -> bool:
        return forced_ids(self.loaded)[1] is not None

    def _generate(
        self, ids: list[list[int]], max_new_tokens: int, max_time: float | None
    ) -> tuple[list[str], list[bool]]:
        # max_time: CTranslate2 cannot stop mid-batch; the deadline is checked between batches (HFTranslator).
        tok = self.loaded.tokenizer
        length = max(1, max_new_tokens - 1 if self._forces_eos else max_new_tokens)
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
        hypotheses = [tok.convert_tokens_to_ids(r.hypotheses[0]) for r in results]
        self.generated_tokens += sum(len(h) for h in hypotheses)
        # A hypothesis that ran to max_decoding_length stopped at the cap (CTranslate2 drops the end token).
        hits = [len(r.hypotheses[0]) >= length for r in results]
        return [t.strip() for t in tok.batch_decode(hypotheses, skip_special_tokens=True)], hits
