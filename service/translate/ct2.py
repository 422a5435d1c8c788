"""Translator over a CTranslate2 model (an OPUS-MT checkpoint converted by models/ct2.py): the same batching,
per-sentence new-token caps (sentences of different caps share a batch) and deadline as ``HFTranslator`` — only
the generate step differs — so the pipeline gets the same Result whichever backend runs.

Output equals transformers' greedy/beam output for the same weights in float32 (tested): transformers counts the
end token that Marian's ``forced_eos_token_id`` forces at the cap in ``max_new_tokens``, CTranslate2 does not count
it in ``max_decoding_length``, hence the ``- 1`` below.
"""

from __future__ import annotations

import threading

from .hf import HFTranslator, cut_to_cap, forced_ids

__all__ = ["CT2Translator", "forced_ids", "split_for_replicas"]


def split_for_replicas(lengths: list[int], replicas: int) -> list[list[int]]:
    """Positions of a batch dealt out to ``replicas`` parts, longest first, in turn: parts of about the same size and
    the same longest sentence, so that they finish together. Fewer parts when the batch has fewer sentences."""
    parts = min(replicas, len(lengths))
    order = sorted(range(len(lengths)), key=lambda i: -lengths[i])
    return [sorted(order[k::parts]) for k in range(parts)]


class CT2Translator(HFTranslator):
    """``loaded.model`` is a ``ctranslate2.Translator``; ``loaded.tokenizer`` the checkpoint's HF tokenizer.

    With ``loaded.replicas`` > 1 (the CPU default: one replica per core, sharing the weights), each batch is dealt out
    to the replicas (``split_for_replicas``) and the parts are handed to CTranslate2 at once (``asynchronous=True``:
    its replicas run them in parallel; no Python threads). On a 2-core machine one replica on each core translated
    the bench sentences about twice as fast as one replica on two cores (README "Performance"): CTranslate2's
    threads within one batch barely paid at these sizes, parallel batches did."""

    _tokens_lock = threading.Lock()

    def _generate(self, ids: list[list[int]], caps: list[int], max_time: float | None) -> tuple[list[str], list[bool]]:
        # max_time: CTranslate2 cannot stop mid-batch; the deadline is checked between batches (HFTranslator).
        # Each part runs to its largest cap; each hypothesis is then cut to its own (``cut_to_cap``).
        tok = self.loaded.tokenizer
        lengths = [max(1, c - 1 if self._forces_eos else c) for c in caps]
        parts = split_for_replicas([len(x) for x in ids], max(1, getattr(self.loaded, "replicas", 1)))
        pending: list[list] = []
        error: BaseException | None = None
        for part in parts:
            try:
                pending.append(self._submit([ids[i] for i in part], [lengths[i] for i in part]))
            except BaseException as exc:  # noqa: BLE001 — raised once the parts already handed over are done
                error = exc
                break
        results: list = [None] * len(ids)
        for part, handles in zip(parts, pending):  # every part is waited for, even after one failed
            for i, handle in zip(part, handles):
                try:
                    results[i] = handle.result()
                except BaseException as exc:  # noqa: BLE001 — the first one is raised once all are done
                    error = error or exc
        if error is not None:
            raise error
        rows = [tok.convert_tokens_to_ids(r.hypotheses[0]) for r in results]
        # A hypothesis that ran to its length stopped at the cap (CTranslate2 drops the end token).
        kept, hits = cut_to_cap(rows, lengths, lambda n: n)
        with self._tokens_lock:  # several requests' batches can finish at once
            self.generated_tokens += sum(len(h) for h in kept)
        return [t.strip() for t in tok.batch_decode(kept, skip_special_tokens=True)], hits

    def _submit(self, ids: list[list[int]], lengths: list[int]) -> list:
        """One part of a batch handed to CTranslate2 without waiting: a result handle per sentence."""
        tok = self.loaded.tokenizer
        length = max(lengths)
        kwargs = {
            "beam_size": self.decoding.num_beams,
            "max_decoding_length": length,
            "return_scores": False,
            "max_batch_size": 0,
            "asynchronous": True,
        }
        if self.decoding.forces_length:
            kwargs["min_decoding_length"] = length
        if self.decoding.no_repeat_ngram_size:
            kwargs["no_repeat_ngram_size"] = self.decoding.no_repeat_ngram_size
        return self.loaded.model.translate_batch([tok.convert_ids_to_tokens(x) for x in ids], **kwargs)
