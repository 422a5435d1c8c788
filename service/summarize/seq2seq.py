"""Abstractive summaries with a seq2seq model (BART/distilbart trained on CNN/DailyMail).

One generation per dispatch serves every preset: the checkpoint writes its highlights once (its own decoding
settings, ``SummaryDecoding``), the beams are ranked into a pool of distinct complete sentences
(``candidates.rank``) and each preset is fitted from that pool — the lede is the first sentence that stands alone,
bullets are distinct points, the paragraph repeats no fact. A CNN/DM model does not write headlines: the headline
comes from a headline model when one is loaded (an XSum-trained checkpoint), else from the lede's leading clauses,
and says so. Input longer than the model's window is summarized section by section first (map-reduce, once per
dispatch); whatever the summarizer could not read is named in the notes, never dropped silently.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Callable

import torch

from models.load import LoadedModel
from service.limits import Deadline, deadline_for
from service.result import ModelUsed, Summary

from .candidates import Generated, Pool, rank, stands_alone
from .decoding import SummaryDecoding
from .extractive import CentralitySummarizer, LeadSummarizer
from .fit import (
    count_words,
    fit_items,
    fit_lede,
    fit_paragraph,
    headline_from_lede,
    make_summary,
    standalone_first,
)
from .presets import PRESETS, Preset

DERIVED_HEADLINE = "lede-clauses"
DERIVED_HEADLINE_NOTE = (
    "no headline model is loaded: this is the lede's opening, cut at a clause boundary, "
    "not a separately written headline"
)


class Seq2SeqSummarizer:
    method = "seq2seq"

    def __init__(
        self,
        loaded: LoadedModel,
        split_sentences: Callable[[str], list[str]],
        *,
        num_beams: int | None = None,
        max_time: float | None = None,
        fallback: CentralitySummarizer | None = None,
        decoding: SummaryDecoding | None = None,
        headline: "Seq2SeqSummarizer | None" = None,
    ):
        self.loaded = loaded
        self.split_sentences = split_sentences
        self.decoding = decoding or SummaryDecoding.from_checkpoint(loaded)
        if num_beams:
            self.decoding = self.decoding.replace(num_beams=num_beams)
        self.max_time = max_time
        self.fallback = fallback or CentralitySummarizer()
        self.headline = headline
        """A headline writer (e.g. distilbart-xsum); None: the headline is derived from the lede."""
        self._reduced: OrderedDict[tuple[str, ...], tuple[list[str], list[str]]] = OrderedDict()
        self._reduced_lock = threading.Lock()

    @property
    def window(self) -> int:
        return self.loaded.spec.max_input_tokens - 2

    def count_tokens(self, text: str) -> int:
        return len(self.loaded.tokenizer(text, add_special_tokens=True)["input_ids"])

    # ------------------------------------------------------------------ presets
    def summarize(self, sentences: list[str], preset: Preset) -> Summary:
        return self.summarize_many(sentences, [preset])[preset.name]

    def summarize_many(
        self, sentences: list[str], presets: list[Preset], on_ready: Callable[[Summary], None] | None = None
    ) -> dict[str, Summary]:
        """Every preset from one generation; ``on_ready`` gets each summary as soon as it is fitted."""
        deadline = deadline_for(self.max_time)  # the request's deadline when it is earlier
        reduced, notes = self._reduce(sentences, deadline)
        pool = rank(self.generate(" ".join(reduced), self.decoding, deadline), self.split_sentences)
        notes = notes + pool.notes()
        done: dict[str, Summary] = {}
        ordered = [p for p in presets if p.name != "headline"] + [p for p in presets if p.name == "headline"]
        for preset in ordered:
            if preset.name == "headline":
                lede = done.get("lede") or self._fit(reduced, PRESETS["lede"], pool, notes)
                summary = self._headline(reduced, preset, lede, notes, deadline)
            else:
                summary = self._fit(reduced, preset, pool, notes)
            done[preset.name] = summary
            if on_ready is not None:
                on_ready(summary)
        return {p.name: done[p.name] for p in presets}

    def _fit(self, sentences: list[str], preset: Preset, pool: Pool, notes: list[str]) -> Summary:
        if preset.name == "lede":
            lede = fit_lede(pool.sentences, preset.max_words)
            if lede:
                return make_summary(preset, [lede], self.method, list(notes))
            summary = LeadSummarizer().summarize(sentences, preset)
            summary.notes = notes + [
                f"no generated sentence stands alone within {preset.max_words} words: the dispatch's own opening "
                "sentence instead"
            ] + summary.notes
            return summary
        lede = fit_lede(pool.sentences, PRESETS["lede"].max_words)
        if preset.itemized:  # each bullet is read on its own: those that stand alone first
            chosen = fit_items(standalone_first(pool.sentences), preset.max_words, preset.items or 3)
        else:  # opens with a sentence that stands alone; a pronoun-led one only after its antecedent
            chosen = fit_paragraph(pool.sentences, lede, preset.max_words, preset.max_sentences)
        wanted = preset.items if preset.itemized else 1
        if len(chosen) >= (wanted or 1):
            return make_summary(preset, chosen, self.method, list(notes))
        fallback = self.fallback.summarize(sentences, preset)
        if preset.itemized and chosen:
            from .candidates import near_duplicate

            extra = [s for s in fallback.items if not any(near_duplicate(s, c) for c in chosen)]
            chosen = chosen + extra[: (preset.items or 0) - len(chosen)]
            note = "the model gave fewer distinct points than asked: completed with extracted sentences"
            return make_summary(preset, chosen, f"{self.method}+{fallback.method}", notes + [note] + fallback.notes)
        fallback.notes = notes + [f"no generated sentence fits the {preset.name} limits: extracted instead"] + fallback.notes
        return fallback

    def _headline(
        self, sentences: list[str], preset: Preset, lede: Summary, notes: list[str], deadline: Deadline | None
    ) -> Summary:
        if self.headline is not None:
            written = self.headline.write_headline(" ".join(sentences), preset, deadline)
            if written is not None:
                return written
            notes = notes + ["the headline model wrote nothing that fits in one line and stands alone"]
        line = headline_from_lede(lede.text, preset.max_words) if lede.text else ""
        if line:
            return make_summary(preset, [line], DERIVED_HEADLINE, notes + [DERIVED_HEADLINE_NOTE])
        summary = self.fallback.summarize(sentences, preset)
        summary.notes = notes + ["the lede has no opening clause that fits in one line: extracted instead"] + summary.notes
        return summary

    def write_headline(self, text: str, preset: Preset, deadline: Deadline | None) -> Summary | None:
        """As a headline writer (an XSum-style checkpoint: one sentence per text): its first complete sentence,
        shortened to leading clauses when longer than the preset allows; None when nothing fits."""
        pool = rank(self.generate(text, self.decoding, deadline), self.split_sentences)
        name = f"{self.method}-headline"
        for sentence in pool.sentences:
            line = headline_from_lede(sentence, preset.max_words)
            if not line or not stands_alone(line):  # a headline is read alone: no "He says…", no "The alliance…"
                continue
            notes = [f"written by {self.loaded.spec.name}"]
            if count_words(line) < count_words(sentence.rstrip(".")):
                notes.append("the model's one-sentence summary, shortened to its leading clauses")
            return make_summary(preset, [line], name, notes)
        return None

    # ------------------------------------------------------------------ map-reduce
    def _reduce(self, sentences: list[str], deadline: Deadline | None) -> tuple[list[str], list[str]]:
        """Shrink the input until it fits the window: summarize each window-sized section ("map"), then treat the
        section summaries as the new input ("reduce"). Once per dispatch. Returns the sentences and notes."""
        key = tuple(sentences)
        with self._reduced_lock:
            if key in self._reduced:
                self._reduced.move_to_end(key)
                reduced, notes = self._reduced[key]
                return list(reduced), list(notes)
        reduced, notes = self._reduce_uncached(sentences, deadline)
        with self._reduced_lock:
            self._reduced[key] = (list(reduced), list(notes))
            while len(self._reduced) > 4:
                self._reduced.popitem(last=False)
        return reduced, notes

    def _reduce_uncached(self, sentences: list[str], deadline: Deadline | None) -> tuple[list[str], list[str]]:
        rounds: list[str] = []
        notes: list[str] = []
        extracted = 0
        while self.count_tokens(" ".join(sentences)) > self.window:
            sections = self._sections(sentences)
            new = []
            for section in sections if len(sections) > 1 else []:
                pool = rank(self.generate(" ".join(section), self.decoding, deadline)[:1], self.split_sentences)
                if not pool.sentences:  # no complete generated sentence: the section's central sentences stand in
                    extracted += 1
                new += pool.sentences or self.fallback.summarize(section, PRESETS["paragraph"]).items or section
            if not new or len(new) >= len(sentences):
                break
            rounds.append(f"{len(sections)} sections")
            sentences = new
        if rounds:
            notes.append(
                f"input longer than the summarizer's {self.window}-token window: summarized in sections "
                f"({', then '.join(rounds)}) and combined"
            )
        if extracted:
            notes.append(f"{extracted} section summaries had no complete sentence: extracted sentences stand in")
        read = self._fits(sentences)
        if read < len(sentences):
            notes.append(
                f"the input is still longer than the summarizer's {self.window}-token window after "
                f"{len(rounds)} round(s) of sectioning: the summary covers its first {read} of {len(sentences)} "
                "sentences"
            )
        return sentences, notes

    def _fits(self, sentences: list[str]) -> int:
        """How many leading sentences fit in the window (what generation will actually read)."""
        used = 0
        for i, sentence in enumerate(sentences):
            used += self.count_tokens(sentence)
            if used > self.window:
                return i
        return len(sentences)

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

    # ------------------------------------------------------------------ generation
    @torch.inference_mode()
    def generate(self, text: str, decoding: SummaryDecoding, deadline: Deadline | None) -> list[Generated]:
        """Beam candidates, best first, each flagged when it stopped at the length cap."""
        tok = self.loaded.tokenizer
        kwargs = {}
        if deadline is not None:
            remaining = deadline.remaining()
            if remaining <= 0:
                raise deadline.error("summarizing")
            kwargs["max_time"] = remaining
        batch = tok([text], return_tensors="pt", truncation=True, max_length=self.window + 2)
        batch = {k: v.to(self.loaded.model.device) for k, v in batch.items()}
        out = self.loaded.model.generate(**batch, **decoding.hf_kwargs(), **kwargs)
        if deadline is not None and deadline.expired():  # generate() stopped at max_time: the text is cut short
            raise deadline.error("summarizing")
        cap = decoding.lengths[1]
        rows = [[t for t in row.tolist() if t != tok.pad_token_id] for row in out]
        written = [len(row) - 1 - (1 if row and row[-1] == tok.eos_token_id else 0) for row in rows]
        texts = tok.batch_decode(out, skip_special_tokens=True)
        return [Generated(t.strip(), cut=len(row) >= cap, tokens=n) for t, row, n in zip(texts, rows, written)]

    def models_used(self) -> list[ModelUsed]:
        used = [ModelUsed.from_loaded(self.loaded, "summary")]
        if self.headline is not None:
            used.append(ModelUsed.from_loaded(self.headline.loaded, "summary:headline"))
        return used
