"""Translator over a CTranslate2 model (an OPUS-MT checkpoint converted by models/ct2.py): the same batching,
per-sentence new-token caps (sentences of different caps share a batch) and deadline as ``HFTranslator`` — only
the generate step differs — so the pipeline gets the same Result whichever backend runs.

Output equals transformers' greedy/beam output for the same weights in float32 (tested): transformers counts the
end token that Marian's ``forced_eos_token_id`` forces at the cap in ``max_new_tokens``, CTranslate2 does not count
it in ``max_decoding_length``, hence the ``- 1`` below.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

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

    With ``loaded.replicas`` > 1 (the CPU default: one replica per core, sharing the weights), each batch is split
    between the replicas and its parts run at once. On a 2-core machine one replica on each core translated the bench
    sentences about twice as fast as one replica on two cores (README "Performance"): CTranslate2's threads within
    one batch barely pay at these sizes, parallel batches do."""

    def _generate_fitting(self, ids, caps, deadline):
        replicas = getattr(self.loaded, "replicas", 1)
        if replicas <= 1 or len(ids) <= 1:
            return super()._generate_fitting(ids, caps, deadline)
        parts = split_for_replicas([len(x) for x in ids], replicas)
        pool = self._replica_pool(replicas)
        futures = [pool.submit(super(CT2Translator, self)._generate_fitting, [ids[i] for i in part],
                               [caps[i] for i in part], deadline) for part in parts[1:]]
        done = [super()._generate_fitting([ids[i] for i in parts[0]], [caps[i] for i in parts[0]], deadline)]
        done += [f.result() for f in futures]
        texts: list[str] = [""] * len(ids)
        stopped = [False] * len(ids)
        for part, (part_texts, part_stopped) in zip(parts, done):
            for i, text, hit in zip(part, part_texts, part_stopped):
                texts[i], stopped[i] = text, hit
        return texts, stopped

    def _replica_pool(self, replicas: int) -> ThreadPoolExecutor:
        """Threads that hand the other parts of a batch to CTranslate2 (which runs them on its replicas); made once
        per translator, on first use."""
        with self._pool_lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=replicas - 1, thread_name_prefix=f"ct2-{self.role}")
            return self._pool

    _pool: ThreadPoolExecutor | None = None
    _pool_lock = threading.Lock()

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
        with self._pool_lock:  # parts of one batch finish in parallel threads
            self.generated_tokens += sum(len(h) for h in kept)
        return [t.strip() for t in tok.batch_decode(kept, skip_special_tokens=True)], hits
