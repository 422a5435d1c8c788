"""Chat messages → the model's answer, through the tokenizer's own chat template (``apply_chat_template``), with
greedy decoding so a brief is reproducible for a given model, template and input."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Protocol

from models.load import LoadedModel
from service.errors import GenerationTimeout
from service.result import ModelUsed


@dataclass
class Generation:
    text: str
    prompt_tokens: int
    new_tokens: int
    seconds: float
    finished: bool
    """True when the model stopped by itself (end of turn), False when it hit ``max_new_tokens``."""


class Generator(Protocol):
    def prompt_text(self, messages: list[dict[str, str]]) -> str: ...

    def generate(
        self, messages: list[dict[str, str]], *, max_new_tokens: int, deadline: float | None = None, **decoding
    ) -> Generation: ...

    @property
    def reserved(self) -> list[str]: ...

    def models_used(self) -> list[ModelUsed]: ...


def _timeout_message(limit: float | None) -> str:
    within = f" of {limit:g} s" if limit else ""
    return f"writing the brief took longer than its time limit{within} (setting WIREBRIEF_BRIEF_MAX_TIME)"


class ChatGenerator:
    """A loaded chat model (task 'chat'): renders messages with the tokenizer's chat template and generates."""

    def __init__(self, loaded: LoadedModel, *, max_time: float | None = None, role: str = "brief"):
        if not getattr(loaded.tokenizer, "chat_template", None):
            raise ValueError(
                f"model {loaded.spec.display_id} has no chat template: briefs need an instruction-tuned chat model"
            )
        self.loaded = loaded
        self.max_time = max_time
        self.role = role

    @property
    def reserved(self) -> list[str]:
        """Strings the tokenizer turns into single added tokens (``<|im_start|>``, ``<tool_call>`` …): never allowed
        to reach it from user text."""
        tok = self.loaded.tokenizer
        added = getattr(tok, "added_tokens_decoder", {}) or {}
        strings = {t.content for t in added.values()}
        strings.update(getattr(tok, "all_special_tokens", []) or [])
        return sorted(strings)

    def prompt_text(self, messages: list[dict[str, str]]) -> str:
        return self.loaded.tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)

    def prompt_ids(self, messages: list[dict[str, str]]) -> list[int]:
        # The chat template already wrote every special token: add none.
        return self.loaded.tokenizer(self.prompt_text(messages), add_special_tokens=False)["input_ids"]

    def generate(
        self,
        messages: list[dict[str, str]],
        *,
        max_new_tokens: int,
        deadline: float | None = None,
        repetition_penalty: float | None = None,
        min_new_tokens: int | None = None,
    ) -> Generation:
        import torch

        kwargs = {}
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise GenerationTimeout(
                    _timeout_message(self.max_time)
                )
            kwargs["max_time"] = remaining
        if min_new_tokens:
            kwargs["min_new_tokens"] = min_new_tokens
        model, tok = self.loaded.model, self.loaded.tokenizer
        ids = self.prompt_ids(messages)
        if repetition_penalty and repetition_penalty != 1.0:
            kwargs["logits_processor"] = generated_only_repetition_penalty(repetition_penalty, len(ids))
        input_ids = torch.tensor([ids], device=model.device)
        started = time.perf_counter()
        with torch.inference_mode():
            out = model.generate(
                input_ids=input_ids,
                attention_mask=torch.ones_like(input_ids),
                max_new_tokens=max_new_tokens,
                do_sample=False,
                temperature=None,
                top_p=None,
                top_k=None,
                pad_token_id=tok.pad_token_id if tok.pad_token_id is not None else tok.eos_token_id,
                **kwargs,
            )
        seconds = time.perf_counter() - started
        new = out[0, len(ids):].tolist()
        eos = model.generation_config.eos_token_id
        eos_ids = set(eos if isinstance(eos, list) else [eos]) if eos is not None else set()
        finished = bool(new) and new[-1] in eos_ids
        text = tok.decode(new, skip_special_tokens=True)
        if deadline is not None and time.monotonic() > deadline and not finished:
            raise GenerationTimeout(
                _timeout_message(self.max_time)
            )
        return Generation(text=text.strip(), prompt_tokens=len(ids), new_tokens=len(new), seconds=seconds, finished=finished)

    def models_used(self) -> list[ModelUsed]:
        return [ModelUsed.from_loaded(self.loaded, self.role)]


def generated_only_repetition_penalty(penalty: float, prompt_length: int):
    """A repetition penalty on the tokens the model generated only. ``generate(repetition_penalty=…)`` also
    penalizes every token of a decoder-only model's prompt — the dispatch itself — so a brief would be pushed away
    from copying its numbers and names. ``prompt_ignore_length`` leaves the prompt out."""
    from transformers import LogitsProcessorList
    from transformers.generation.logits_process import RepetitionPenaltyLogitsProcessor

    return LogitsProcessorList([RepetitionPenaltyLogitsProcessor(penalty, prompt_ignore_length=prompt_length)])
