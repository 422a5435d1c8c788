"""Two translated versions of a dispatch → a Diff: aligned sentences, fact changes, the "what's new" summary."""

from __future__ import annotations

import time
from typing import Callable

from service.facts import check_summary, extract_facts, link_provenance
from service.result import Result, Summary
from service.summarize.presets import Preset

from .align import GAP_THRESHOLD, MAX_GROUP, THRESHOLD, align
from .facts import document_facts, small_edit, pair_changes, sort_changes, unpaired_changes
from .model import STATUSES, Diff, FactChange, SentenceChange, SentenceRef, WhatsNew

SummarizeFn = Callable[[list[str], Preset], Summary]


def refs(result: Result) -> list[SentenceRef]:
    out = []
    for p in result.paragraphs:
        for s in p.sentences:
            out.append(SentenceRef(index=len(out), paragraph=p.index, sentence=s.index, source=s.source,
                                   translation=s.translation))
    return out


def speakers(text: str) -> set[str]:
    """Alignment hints of a sentence: 'quote' when it quotes someone, and the speakers it names. Two sentences
    left unaligned at the same place that both quote someone are one quotation replaced."""
    quotes = [f for f in extract_facts(text, "fr") if f.type == "quote"]
    hints = {f"speaker:{f.data['speaker'].lower()}" for f in quotes
             if f.data.get("speaker") and not f.data.get("speaker_pronoun")}
    return hints | ({"quote"} if quotes else set())


def align_sentences(old: list[str], new: list[str]):
    """The alignment ``compare`` uses: by similarity, with the quotations' speakers as hints."""
    return align(old, new, hints_old=[speakers(s) for s in old], hints_new=[speakers(s) for s in new])


def compare(
    previous: Result,
    current: Result,
    *,
    presets: list[Preset],
    summarize: SummarizeFn | None,
) -> Diff:
    """The Diff of ``current`` against ``previous`` (both translated by the same pipeline). ``summarize`` writes
    the what's-new summary by preset (the pipeline's own summarizer), or None for no summary."""
    started = time.perf_counter()
    old, new = refs(previous), refs(current)
    alignment = align_sentences([r.source for r in old], [r.source for r in new])
    timings = {"align": time.perf_counter() - started}

    t0 = time.perf_counter()
    facts: list[FactChange] = []
    units: list[tuple[tuple, SentenceChange, list[FactChange]]] = []
    old_to_new = {i: link.new[-1] for link in alignment.links for i in link.old}
    previous_facts = document_facts(previous.source_text)
    current_facts = document_facts(current.source_text)
    for link in alignment.links:
        before, after = [old[i] for i in link.old], [new[j] for j in link.new]
        found = [] if link.identical else pair_changes(before, after, previous_facts, current_facts)
        status = "moved" if link.moved else ("same" if link.identical else "changed")
        change = SentenceChange(status=status, previous=before, current=after, similarity=round(link.score, 4),
                                edited=not link.identical)
        change.minor = change.edited and not found and _small_edit(before, after)
        units.append(((link.new[0], 0, link.old[0]), change, found))
    for j in alignment.added:
        found = unpaired_changes([new[j]], previous_facts, added=True)
        units.append(((j, 0, -1), SentenceChange(status="added", current=[new[j]], edited=True), found))
    for i in alignment.removed:
        before = [k for k in range(i) if k in old_to_new]
        anchor = old_to_new[before[-1]] if before else -1
        found = unpaired_changes([old[i]], current_facts, added=False)
        units.append(((anchor, 1, i), SentenceChange(status="removed", previous=[old[i]], edited=True), found))
    units.sort(key=lambda u: u[0])
    ordered_facts = sort_changes([f for _, _, found in units for f in found])
    position = {id(f): k for k, f in enumerate(ordered_facts)}
    changes = []
    for _, change, found in units:
        change.facts = [position[id(f)] for f in found]
        changes.append(change)
    facts = ordered_facts
    timings["facts"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    whats_new = whats_new_summary(changes, facts, presets, summarize)
    timings["summarize"] = time.perf_counter() - t0
    counts = {status: sum(c.status == status for c in changes) for status in STATUSES}
    counts["minor"] = sum(c.minor for c in changes)
    return Diff(
        previous_id=previous.id,
        current=current,
        facts=facts,
        changes=changes,
        whats_new=whats_new,
        counts=counts,
        reused=sum(s.cached for s in current.sentences()),
        timings=timings,
        options={
            "threshold": THRESHOLD, "gap_threshold": GAP_THRESHOLD, "max_group": MAX_GROUP,
            "summaries": [p.name for p in presets],
        },
    )


def _small_edit(before: list[SentenceRef], after: list[SentenceRef]) -> bool:
    return small_edit(" ".join(r.source for r in before), " ".join(r.source for r in after))


def substantive_sentences(changes: list[SentenceChange]) -> list[int]:
    """Current sentence indices that an update adds or rewords (minor edits and pure moves left out)."""
    picked = {r.index for c in changes if c.status in ("added", "changed", "moved") and c.edited and not c.minor
              for r in c.current}
    return sorted(picked)


def whats_new_summary(
    changes: list[SentenceChange], facts: list[FactChange], presets: list[Preset], summarize: SummarizeFn | None
) -> WhatsNew:
    chosen = substantive_sentences(changes)
    if not chosen:
        return WhatsNew(status="nothing_substantive", message=_nothing_message(changes, facts))
    english_by_index = {r.index: r.translation for c in changes for r in c.current}
    english = [english_by_index[i] for i in chosen if english_by_index[i]]
    added = sum(c.status == "added" for c in changes)
    reworded = sum(c.status in ("changed", "moved") and c.edited and not c.minor for c in changes)
    message = f"What's new: {_plural(added, 'sentence')} added, {_plural(reworded, 'passage')} reworded."
    out = WhatsNew(status="summarized", message=message, sentences=chosen)
    if summarize is None:
        return out
    for preset in presets:
        summary = summarize(english, preset)
        items = summary.items or [summary.text]
        links = link_provenance(items, english)
        for link in links:  # positions in ``english`` → positions in the current Result.sentences()
            link.sentences = [chosen[k] for k in link.sentences]
        out.summaries[preset.name] = summary
        out.provenance[preset.name] = [p.model_dump() for p in links]
        out.issues[preset.name] = [i.model_dump() for i in check_summary(" ".join(english), summary.text)]
    return out


def _nothing_message(changes: list[SentenceChange], facts: list[FactChange]) -> str:
    minor = sum(c.minor for c in changes)
    moved = sum(c.status == "moved" for c in changes)
    removed = sum(c.status == "removed" for c in changes)
    parts = []
    if minor:
        parts.append(f"{_plural(minor, 'minor edit')} (typo fixes)")
    if moved:
        parts.append(f"{_plural(moved, 'sentence')} moved")
    if removed:
        parts.append(f"{_plural(removed, 'sentence')} removed")
    if facts:
        parts.append(f"{_plural(len(facts), 'fact')} changed (listed above)")
    what = "; ".join(parts) if parts else "the two versions have the same text"
    return f"Nothing substantive is new: no sentence was added or reworded. {what[0].upper()}{what[1:]}."


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
