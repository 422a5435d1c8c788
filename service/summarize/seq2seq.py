"""Abstractive summaries with a seq2seq model (BART/distilbart). Input longer than the model's window is
summarized section by section and the section summaries summarized again (map-reduce), so nothing is dropped.
Candidates from beam search are fitted to the preset's hard limits; when none fits, the extractive summarizer
answers, with a note."""

from __future__ import annotations

import threading
from collections import OrderedDict

import torch

from models.load import LoadedModel
from service.limits import Deadline, deadline_for
from service.result import ModelUsed, Summary

from .extractive import CentralitySummarizer
from .fit import make_summary, select
from .presets import PRESETS, Preset

SentenceSplitter = "Callable[[str], list[str]]"


class Seq2SeqSummarizer:
    method = "seq2seq"

    def __init__(
        self,
        loaded: LoadedModel,
        split_sentences,
        *,
        num_beams: int = 4,
        max_time: float | None = None,
        fallback: CentralitySummarizer | None = None,
    ):
        self.loaded = loaded
        self.split_sentences = split_sentences
        self.num_beams = num_beams
        self.max_time = max_time
        self.fallback = fallback or CentralitySummarizer()
        # The map-reduce of a long input does not depend on the preset: one dispatch summarized with four presets
        # reduces once, not four times (the few latest inputs are kept).
        self._reduced: OrderedDict[tuple[str, ...], tuple[list[str], str]] = OrderedDict()
        self._reduced_lock = threading.Lock()

    @property
    def window(self) -> int:
        return self.loaded.spec.max_input_tokens - 2

    def count_tokens(self, text: str) -> int:
        return len(self.loaded.tokenizer(text, add_special_tokens=True)["input_ids"])

    def summarize(self, sentences: list[str], preset: Preset) -> Summary:
        deadline = deadline_for(self.max_time)  # the request's deadline when it is earlier
        notes: list[str] = []
        sentences, rounds = self._reduce(sentences, deadline)
        if rounds:
            notes.append(
                f"input longer than the summarizer's {self.window}-token window: summarized in sections "
                f"({rounds}) and combined"
            )
        candidates = self._generate(" ".join(sentences), preset, deadline)
        ranked: list[str] = []
        for candidate in candidates:
            for sentence in self.split_sentences(candidate):
                if sentence not in ranked:
                    ranked.append(sentence)
        chosen = select(preset, ranked)
        wanted = preset.items if preset.itemized else 1
        if len(chosen) >= (wanted or 1):
            return make_summary(preset, chosen, self.method, notes)
        fallback = self.fallback.summarize(sentences, preset)
        if preset.itemized and chosen:
            extra = [s for s in fallback.items if s not in chosen]
            chosen = chosen + extra[: (preset.items or 0) - len(chosen)]
            notes.append("the model gave fewer points than asked: completed with extracted sentences")
            return make_summary(preset, chosen, f"{self.method}+{fallback.method}", notes + fallback.notes)
        notes.append(f"no generated sentence fits the {preset.name} limits: extracted instead")
        fallback.notes = notes + fallback.notes
        return fallback

    def _reduce(self, sentences: list[str], deadline: Deadline | None) -> tuple[list[str], str]:
        """Shrink the input until it fits the window: summarize each window-sized section ("map"), then treat
        the section summaries as the new input ("reduce"). Returns the sentences and a description of rounds."""
        key = tuple(sentences)
        with self._reduced_lock:
            if key in self._reduced:
                self._reduced.move_to_end(key)
                reduced, rounds = self._reduced[key]
                return list(reduced), rounds
        reduced, rounds = self._reduce_uncached(sentences, deadline)
        with self._reduced_lock:
            self._reduced[key] = (list(reduced), rounds)
            while len(self._reduced) > 4:
                self._reduced.popitem(last=False)
        return reduced, rounds

    def _reduce_uncached(self, sentences: list[str], deadline: Deadline | None) -> tuple[list[str], str]:
        rounds: list[str] = []
        section_preset = PRESETS["paragraph"]
        while self.count_tokens(" ".join(sentences)) > self.window:
            sections = self._sections(sentences)
            if len(sections) <= 1:
                break
            summaries = [self._generate(" ".join(sec), section_preset, deadline)[0] for sec in sections]
            new = [s for summary in summaries for s in self.split_sentences(summary)]
            if not new or len(new) >= len(sentences):
                break
            rounds.append(f"{len(sections)} sections")
            sentences = new
        return sentences, ", then ".join(rounds)

    def _sections(self, sentences: list[str]) -> list[list[str]]:
        sections: list[list[str]] = []
        current: list[str] = []
        used = 0
        for sentence in sentences:
            n = self.count_tokens(sentence)
            if current and used + n > self.window:
                sections.append(current)
                current, used = [], 0
            current.append(sentence)
            used += n
        if current:
            sections.append(current)
        return sections

    @torch.inference_mode()
    def _generate(self, text: str, preset: Preset, deadline: Deadline | None) -> list[str]:
        tok = self.loaded.tokenizer
        kwargs = {}
        if deadline is not None:
            remaining = deadline.remaining()
            if remaining <= 0:
                raise deadline.error("summarizing")
            kwargs["max_time"] = remaining
        batch = tok([text], return_tensors="pt", truncation=True, max_length=self.window + 2)
        batch = {k: v.to(self.loaded.model.device) for k, v in batch.items()}
        beams = max(self.num_beams, 1)
        out = self.loaded.model.generate(
            **batch,
            num_beams=beams,
            num_return_sequences=beams,
            min_new_tokens=preset.min_new_tokens,
            max_new_tokens=preset.max_new_tokens,
            no_repeat_ngram_size=3,
            early_stopping=True,
            do_sample=False,
            **kwargs,
        )
        if deadline is not None and deadline.expired():  # generate() stopped at max_time: the text is cut short
            raise deadline.error("summarizing")
        return [t.strip() for t in tok.batch_decode(out, skip_special_tokens=True)]

    def models_used(self) -> list[ModelUsed]:
        return [ModelUsed.from_loaded(self.loaded, "summary")]
