"""Translator over a Hugging Face seq2seq model (MarianMT/OPUS-MT): length-sorted batches under a token budget,
per-sentence new-token caps, a deadline per call (the request's, when earlier: ``service.limits``).

Sentences with different caps share a batch: the batch runs to its largest cap and each output is then cut to its
own cap (``cut_to_cap``) — exactly what a run with the sentence's own cap gives in greedy search. In beam search it
is the same for every sentence whose search ends before its own cap (real translations: the cap is 2× the source
+ 10 tokens); a sentence still searching at its cap (a looping output, or random bench weights) keeps the first
``cap`` tokens of the batch's best hypothesis instead of the hypothesis its own cap would have forced to end
there — the same length, possibly other words. ``batch_key`` restores the old split by cap when exactness in
beam search matters more than batch size.

A batch that runs out of memory is split in halves and retried, down to one sentence; one sentence that still
does not fit ends the call with ``OutOfMemory`` (a clear message) instead of a crash. A sentence that stops at
WIREBRIEF_MAX_NEW_TOKENS is reported to ``service.limits.collect_cap_hits`` so the Result warns about it."""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from typing import Callable

import torch

from models.load import LoadedModel
from service.errors import OutOfMemory
from service.limits import CapHit, Deadline, deadline_for, report_cap_hit
from service.result import ModelUsed
from service.text.model_input import input_normalizer_for

from .base import Progress
from .batching import plan_batches
from .decoding import DecodingConfig

log = logging.getLogger("wirebrief.translate")


def is_out_of_memory(exc: BaseException) -> bool:
    """torch.OutOfMemoryError (CUDA/MPS), MemoryError (CPU allocations), or a RuntimeError saying so."""
    oom_type = getattr(torch, "OutOfMemoryError", None)
    if isinstance(exc, MemoryError) or (oom_type is not None and isinstance(exc, oom_type)):
        return True
    return isinstance(exc, RuntimeError) and "out of memory" in str(exc).lower()


def release_memory() -> None:
    if torch.cuda.is_available():
        torch.cuda.empty_cache()


class HFTranslator:
    def __init__(
        self,
        loaded: LoadedModel,
        decoding: DecodingConfig,
        *,
        token_budget: int = 2048,
        max_batch_sentences: int = 32,
        max_time: float | None = None,
        role: str = "translation",
        normalize_input: Callable[[str], str] | None = None,
        batch_key: Callable[[int], object] | None = None,
    ):
        """``batch_key(source tokens)``: what sentences must share to be batched together (None: anything)."""
        self.loaded = loaded
        self.normalize_input = normalize_input or input_normalizer_for(loaded)
        """Applied to the text the model reads, never to what is shown or stored (service/text/model_input.py)."""
        self.decoding = decoding
        self.token_budget = token_budget
        self.max_batch_sentences = max_batch_sentences
        self.max_time = max_time
        self.role = role
        self.batch_key = batch_key
        self.batch_log: list[int] | None = None
        """Set to a list to record the size of every batch run (the benchmark reports them)."""
        self.generated_tokens = 0
        """New tokens generated so far, end tokens and padding excluded (what the benchmark's tokens/s counts)."""
        # The clause splitter, the batching queue and translate() all need a sentence's token ids: encode once.
        self._encoded: OrderedDict[str, list[int]] = OrderedDict()
        self._encoded_lock = threading.Lock()

    ENCODE_CACHE = 4096

    @property
    def max_input_tokens(self) -> int:
        return self.loaded.spec.max_input_tokens

    def encode(self, text: str) -> list[int]:
        """The model's token ids for ``text`` as the model reads it (``normalize_input`` applied; special tokens
        included, never truncated); recent ones memoized."""
        with self._encoded_lock:
            ids = self._encoded.get(text)
            if ids is not None:
                self._encoded.move_to_end(text)
                return ids
        ids = self.loaded.tokenizer(self.normalize_input(text), add_special_tokens=True, truncation=False)["input_ids"]
        with self._encoded_lock:
            self._encoded[text] = ids
            while len(self._encoded) > self.ENCODE_CACHE:
                self._encoded.popitem(last=False)
        return ids

    def count_tokens(self, text: str) -> int:
        return len(self.encode(text))

    def translate(self, sentences: list[str], progress: Progress | None = None) -> list[str]:
        if not sentences:
            return []
        encoded = [self.encode(s) for s in sentences]
        lengths = [len(ids) for ids in encoded]
        caps = [self.decoding.new_token_cap(n) for n in lengths]
        key = (lambda i: self.batch_key(lengths[i])) if self.batch_key is not None else None
        batches = plan_batches(lengths, self.token_budget, self.max_batch_sentences, key=key)
        out: list[str | None] = [None] * len(sentences)
        deadline = deadline_for(self.max_time)
        done = 0
        for batch in batches:
            self._check_deadline(deadline, done, len(sentences))
            texts, stopped = self._generate_fitting([encoded[i] for i in batch], [caps[i] for i in batch], deadline)
            self._check_deadline(deadline, done, len(sentences))  # generate() stops quietly at max_time
            if self.batch_log is not None:
                self.batch_log.append(len(batch))
            for i, text, at_cap in zip(batch, texts, stopped):
                out[i] = text
                if at_cap and caps[i] >= self.decoding.max_new_tokens:
                    report_cap_hit(CapHit(sentences[i], caps[i], "WIREBRIEF_MAX_NEW_TOKENS"))
            done += len(batch)
            if progress:
                progress(done, len(sentences))
        return [t if t is not None else "" for t in out]

    @staticmethod
    def _check_deadline(deadline: Deadline | None, done: int, total: int) -> None:
        if deadline is not None and deadline.expired():
            raise deadline.error("translation", f"{done} of {total} sentences were done")

    def _generate_fitting(
        self, ids: list[list[int]], caps: list[int], deadline: Deadline | None
    ) -> tuple[list[str], list[bool]]:
        """``_generate``, halving the batch on an out-of-memory error down to one sentence (then ``OutOfMemory``)."""
        try:
            return self._generate(ids, caps, deadline.remaining() if deadline else None)
        except Exception as exc:
            if not is_out_of_memory(exc):
                raise
            release_memory()
            if len(ids) == 1:
                raise OutOfMemory(
                    f"the {self.role} model ran out of memory on a single sentence of {len(ids[0])} tokens "
                    f"({type(exc).__name__}); shorten the sentence, lower WIREBRIEF_MAX_SENTENCE_TOKENS or "
                    "WIREBRIEF_NUM_BEAMS, or give the service more memory"
                ) from None
            half = len(ids) // 2
            log.warning("out of memory on a batch of %d sentences: retrying as %d + %d", len(ids), half, len(ids) - half)
            first, first_stopped = self._generate_fitting(ids[:half], caps[:half], deadline)
            second, second_stopped = self._generate_fitting(ids[half:], caps[half:], deadline)
            return first + second, first_stopped + second_stopped

    @property
    def _forces_eos(self) -> bool:
        """Marian-style checkpoints force an end token in the last place a cap allows."""
        return forced_ids(self.loaded)[1] is not None

    @torch.inference_mode()
    def _generate(self, ids: list[list[int]], caps: list[int], max_time: float | None) -> tuple[list[str], list[bool]]:
        """Texts of one batch, each cut to its own new-token cap, and for each whether it stopped at that cap."""
        tok = self.loaded.tokenizer
        batch = tok.pad({"input_ids": ids}, return_tensors="pt", padding=True)
        batch = {k: v.to(self.loaded.model.device) for k, v in batch.items()}
        limit = max(caps)
        kwargs = self.decoding.generate_kwargs()
        if self.decoding.forces_length:
            kwargs["min_new_tokens"] = limit
        if max_time is not None:
            kwargs["max_time"] = max_time
        generated = self.loaded.model.generate(**batch, max_new_tokens=limit, **kwargs)
        pad = tok.pad_token_id
        rows = [[t for t in row if t != pad] for row in generated[:, 1:].tolist()]  # decoder start dropped
        # transformers counts the end token Marian forces at the cap in max_new_tokens: a row that used all of its
        # cap stopped there, and a run with that cap would have kept cap - 1 tokens before the forced end token.
        kept, hits = cut_to_cap(rows, caps, lambda c: c - 1 if self._forces_eos else c)
        special = {i for i in (pad, tok.eos_token_id) if i is not None}
        self.generated_tokens += sum(1 for row in kept for t in row if t not in special)
        return [t.strip() for t in tok.batch_decode(kept, skip_special_tokens=True)], hits

    def models_used(self) -> list[ModelUsed]:
        return [ModelUsed.from_loaded(self.loaded, self.role)]


def cut_to_cap(
    rows: list[list[int]], caps: list[int], keep: Callable[[int], int]
) -> tuple[list[list[int]], list[bool]]:
    """Each generated row cut to what a run with its own cap would have produced: rows that reached their cap keep
    ``keep(cap)`` tokens; shorter ones (they ended on their own) stay whole. Also: whether each reached its cap."""
    hits = [len(row) >= cap for row, cap in zip(rows, caps)]
    return [row[: keep(cap)] if hit else row for row, cap, hit in zip(rows, caps, hits)], hits


def forced_ids(loaded) -> tuple[int | None, int | None]:
    """(forced BOS id, forced EOS id) that transformers' generate would apply for this checkpoint."""
    ids = []
    for name in ("forced_bos_token_id", "forced_eos_token_id"):
        value = getattr(loaded.generation, name, None) if loaded.generation is not None else None
        if value is None:
            value = getattr(loaded.config, name, None)
        ids.append(value)
    return ids[0], ids[1]
