"""Translator over a Hugging Face seq2seq model (MarianMT/OPUS-MT): length-sorted batches under a token budget,
per-bucket new-token caps, a deadline per call."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict

import torch

from models.load import LoadedModel
from service.errors import GenerationTimeout
from service.result import ModelUsed

from .base import Progress
from .batching import plan_batches
from .decoding import DecodingConfig


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
    ):
        self.loaded = loaded
        self.decoding = decoding
        self.token_budget = token_budget
        self.max_batch_sentences = max_batch_sentences
        self.max_time = max_time
        self.role = role
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
        """The model's token ids for ``text`` (special tokens included, never truncated); recent ones memoized."""
        with self._encoded_lock:
            ids = self._encoded.get(text)
            if ids is not None:
                self._encoded.move_to_end(text)
                return ids
        ids = self.loaded.tokenizer(text, add_special_tokens=True, truncation=False)["input_ids"]
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
        batches = plan_batches(lengths, self.token_budget, self.max_batch_sentences, key=lambda i: caps[i])
        out: list[str | None] = [None] * len(sentences)
        deadline = time.monotonic() + self.max_time if self.max_time else None
        done = 0
        for batch in batches:
            remaining = None
            if deadline is not None:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise GenerationTimeout(
                        f"translation took longer than the limit of {self.max_time:g} s "
                        f"(setting WIREBRIEF_MAX_TIME); {done} of {len(sentences)} sentences were done"
                    )
            texts = self._generate([encoded[i] for i in batch], caps[batch[0]], remaining)
            for i, text in zip(batch, texts):
                out[i] = text
            done += len(batch)
            if progress:
                progress(done, len(sentences))
        return [t if t is not None else "" for t in out]

    @torch.inference_mode()
    def _generate(self, ids: list[list[int]], max_new_tokens: int, max_time: float | None) -> list[str]:
        tok = self.loaded.tokenizer
        batch = tok.pad({"input_ids": ids}, return_tensors="pt", padding=True)
        batch = {k: v.to(self.loaded.model.device) for k, v in batch.items()}
        kwargs = self.decoding.generate_kwargs()
        if self.decoding.forces_length:
            kwargs["min_new_tokens"] = max_new_tokens
        if max_time is not None:
            kwargs["max_time"] = max_time
        generated = self.loaded.model.generate(**batch, max_new_tokens=max_new_tokens, **kwargs)
        new = generated[:, 1:]  # drop the decoder start token
        special = [i for i in (tok.pad_token_id, tok.eos_token_id) if i is not None]
        self.generated_tokens += int((~torch.isin(new, torch.tensor(special, device=new.device))).sum())
        return [t.strip() for t in tok.batch_decode(generated, skip_special_tokens=True)]

    def models_used(self) -> list[ModelUsed]:
        spec = self.loaded.spec
        return [
            ModelUsed(
                role=self.role,
                name=spec.name,
                hub_id=spec.hub_id,
                revision=spec.revision,
                path=spec.local_path,
                backend=self.loaded.backend,
                device=self.loaded.device,
                dtype=self.loaded.dtype,
            )
        ]
