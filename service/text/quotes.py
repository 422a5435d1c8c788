"""Where quotations open and close, so a closing » or " is kept with the sentence it closes."""

from __future__ import annotations

from functools import lru_cache

OPENING = "«“"
CLOSING = "»”"
STRAIGHT = '"'


def inside_quote(text: str) -> list[bool]:
    """inside[i]: whether position i lies inside a quotation, judged from the characters before i.

    « » and “ ” nest; straight quotes toggle. With an odd number of straight quotes (a quote
    continued from another paragraph, a typo) their parity means nothing, so they are ignored.
    A straight quote between two letters (l"équipe, a typo for l'équipe) is not a quotation mark.
    """
    toggle_straight = balanced(text)
    inside = [False] * (len(text) + 1)
    depth, straight = 0, False
    for i, ch in enumerate(text):
        inside[i] = depth > 0 or straight
        if ch in OPENING:
            depth += 1
        elif ch in CLOSING:
            depth = max(0, depth - 1)
        elif ch == STRAIGHT and toggle_straight and not _apostrophe(text, i):
            straight = not straight
    inside[len(text)] = depth > 0 or straight
    return inside


def _apostrophe(text: str, i: int) -> bool:
    """A straight quote between two letters is a mistyped apostrophe (l"équipe), not a quotation mark."""
    return 0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha()


@lru_cache(maxsize=16)
def balanced(text: str) -> bool:
    """Whether the straight quotes pair up, so that their parity says which ones open."""
    return sum(1 for i, ch in enumerate(text) if ch == STRAIGHT and not _apostrophe(text, i)) % 2 == 0


def is_closing_quote(text: str, i: int, inside: list[bool]) -> bool:
    """Whether text[i] closes a quotation (rather than opening one)."""
    ch = text[i]
    if ch in CLOSING:
        return True
    if ch != STRAIGHT:
        return False
    if _apostrophe(text, i):
        return False
    if balanced(text):
        return inside[i]
    # Unbalanced: only a quote stuck to the word before it and not to the word after it surely closes
    # ('fini." Puis'); with spaces on both sides (French style '" Bonjour "') it may open.
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return not prev.isspace() and (nxt.isspace() or nxt in ",;:.!?)]…")
