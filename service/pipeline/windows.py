"""Translating a segmented dispatch window by window (whole paragraphs, the first alone so that it is readable
early), each paragraph announced as it is ready; in partial mode, windows are sized to the request's time left
(``service.partial``)."""

from __future__ import annotations

import time

from service import partial as partial_work
from service.errors import GenerationTimeout
from service.events import Glance, Listener, ParagraphReady, Progress
from service.limits import CapHit, collect_cap_hits, current_deadline
from service.pipeline.stack import TranslationStack
from service.result import Issue, Paragraph, Sentence
from service.translate.quality import degenerate_reasons

# Translating the first paragraph on its own makes it readable early; later windows batch more sentences.
WINDOW_SENTENCES = 32


def translate_in_windows(
    segmented: list,
    stack: TranslationStack,
    listener: Listener,
    warnings: list[Issue],
    *,
    facts_cost: partial_work.FactsCost | None = None,
    incomplete: dict | None = None,
    summaries_wanted: bool = False,
    summaries_slow: bool = False,
) -> list[Paragraph]:
    """With ``incomplete`` (a dict: partial mode), windows are sized to the request's time left and a limit
    hit ends the translation with the paragraphs done, recorded in ``incomplete`` (``service.partial``).
    ``facts_cost`` (None when the fact checks are off) is the check time to keep back for the new sentences."""
    total = sum(len(segs) for segs in segmented)
    done_before = fresh_before = 0
    paragraphs: list[Paragraph] = []
    deadline = current_deadline() if incomplete is not None else None
    pace = partial_work.Pace()
    tokens = stack.base.count_tokens if stack.base is not None else (lambda s: len(s.split()))
    windows = paragraph_windows(segmented, WINDOW_SENTENCES)
    while windows:
        window = windows.pop(0)
        sources = [seg.text for p in window for seg in segmented[p]]
        cached = [stack.cache.contains(s) for s in sources]
        # source tokens still to translate, by sentence: what the pace is measured and windows are sized in
        fresh_tokens = [0 if c else tokens(s) for s, c in zip(sources, cached)] if deadline is not None else []
        if deadline is not None and paragraphs:
            misses, position = {}, 0
            for p in window:
                misses[p] = sum(fresh_tokens[position : position + len(segmented[p])])
                position += len(segmented[p])
            # Cached sentences were checked when they were translated (a Continue's paragraphs done are
            # kept in the pipeline's ``fact_memo``): only the new ones cost check time.
            new_sentences = fresh_before + sum(not c for c in cached)
            checks = facts_cost.reserve(new_sentences) if facts_cost is not None else 0.0
            left = deadline.remaining() - checks - partial_work.reserve_for_summaries(
                deadline, summaries_wanted and summaries_slow
            )
            fits = partial_work.fitting(window, misses, pace, left)
            if not fits:
                incomplete.update(
                    partial_work.incomplete_record(deadline, segmented, len(paragraphs), summaries=summaries_wanted)
                )
                break
            if len(fits) < len(window):  # the rest goes in the next window
                windows.insert(0, window[len(fits) :])
                window = fits
                count = sum(len(segmented[p]) for p in window)
                sources, cached, fresh_tokens = sources[:count], cached[:count], fresh_tokens[:count]

        def progress(done: int, _n: int, base: int = done_before) -> None:
            listener(Progress("translating", base + done, total))

        started = time.perf_counter()
        try:
            with collect_cap_hits() as hits:
                outputs = stack.translator.translate(sources, progress)
        except GenerationTimeout as exc:
            if incomplete is None:
                raise
            incomplete.update(
                partial_work.incomplete_record(
                    deadline, segmented, len(paragraphs), detail=exc.message, summaries=summaries_wanted
                )
            )
            break
        pace.add(sum(fresh_tokens), time.perf_counter() - started)
        for paragraph in assemble_paragraphs(segmented, window, sources, outputs, cached, stack, warnings, hits):
            paragraphs.append(paragraph)
            listener(ParagraphReady(paragraph, len(segmented)))
            if len(paragraphs) == 1:
                listener(glance(paragraph))
        done_before += len(sources)
        fresh_before += sum(not c for c in cached)
        listener(Progress("translating", done_before, total))
    return paragraphs


def assemble_paragraphs(
    segmented: list,
    window: list[int],
    sources: list[str],
    outputs: list[str],
    cached: list[bool],
    stack: TranslationStack,
    warnings: list[Issue],
    cap_hits: list[CapHit] = (),
) -> list[Paragraph]:
    """Paragraphs of ``window`` from their sentences' translations, with degenerate-output warnings and a
    warning on each sentence whose translation (or a clause of it) stopped at the new-token cap."""
    paragraphs = []
    position = 0
    for p in window:
        sentences = []
        for i, seg in enumerate(segmented[p]):
            source, output = sources[position], outputs[position]
            sentences.append(
                Sentence(
                    index=i,
                    source=source,
                    translation=output,
                    kind=seg.kind,
                    parts=len(stack.splitter.split(source)),
                    cached=cached[position],
                )
            )
            for code, message in degenerate_reasons(source, output):
                warnings.append(Issue(code=code, message=message, paragraph=p, sentence=i))
            hit = next((h for h in cap_hits if h.source.strip() and h.source.strip() in source), None)
            if hit is not None:
                warnings.append(
                    Issue(
                        code="translation.token_cap",
                        message=f"the translation stopped at the cap of {hit.tokens} new tokens "
                        f"(setting {hit.setting}): it may be cut short",
                        paragraph=p,
                        sentence=i,
                    )
                )
            position += 1
        paragraphs.append(Paragraph(index=p, sentences=sentences))
    return paragraphs

def passthrough(state) -> None:
    """An English dispatch: its sentences are its translation."""
    state.warnings.append(Issue(code="passthrough", message="the text is English: not translated", severity="info"))
    state.paragraphs = [
        Paragraph(
            index=p,
            sentences=[
                Sentence(index=i, source=seg.text, translation=seg.text, kind=seg.kind) for i, seg in enumerate(segs)
            ],
        )
        for p, segs in enumerate(state.segmented)
    ]
    state.models = []


def glance(paragraph: Paragraph) -> Glance:
    """The early "at a glance" lede: the first paragraph's translation, as it is."""
    return Glance(" ".join(s.translation for s in paragraph.sentences if s.translation))


def paragraph_windows(segmented: list, size: int) -> list[list[int]]:
    """Paragraph indices grouped into translation windows: the first paragraph alone, then groups of about
    ``size`` sentences, always whole paragraphs, in document order."""
    windows: list[list[int]] = []
    current: list[int] = []
    count = 0
    for p, segs in enumerate(segmented):
        current.append(p)
        count += len(segs)
        if p == 0 or count >= size:
            windows.append(current)
            current, count = [], 0
    if current:
        windows.append(current)
    return windows
