"""Length-sorted batches under a token budget."""

from __future__ import annotations

from typing import Callable


def plan_batches(
    lengths: list[int],
    token_budget: int,
    max_batch: int,
    key: Callable[[int], object] | None = None,
) -> list[list[int]]:
    """Group item indices into batches, longest first, so that ``len(batch) × longest ≤ token_budget`` and
    ``len(batch) ≤ max_batch``. Items whose ``key`` differs (e.g. their new-token cap) never share a batch.
    An item longer than the budget gets a batch of its own."""
    order = sorted(range(len(lengths)), key=lambda i: (-lengths[i], i))
    batches: list[list[int]] = []
    current: list[int] = []
    current_key: object = None
    for i in order:
        item_key = key(i) if key else None
        longest = lengths[current[0]] if current else lengths[i]
        fits = (len(current) + 1) * max(longest, 1) <= token_budget and len(current) < max_batch
        if current and (not fits or item_key != current_key):
            batches.append(current)
            current = []
        if not current:
            current_key = item_key
        current.append(i)
    if current:
        batches.append(current)
    return batches
