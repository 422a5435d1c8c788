"""What a matched figure says besides its number: its unit ("2 heures" is not "2 minutes") and its bound ("plus de
400" is not "less than 400"). A translation that keeps the number and changes either one changes the fact; the
number's own key matched, so ``match`` asks here before taking it as kept."""

from __future__ import annotations

from .model import Fact
from .units import same_quantity, unit_changed


def qualifier_changed(f: Fact, matched: list[str], other: list[Fact], where: str, siblings: list[Fact]) -> str | None:
    """The issue's detail when the facts of ``other`` giving one of ``matched`` (keys of ``f`` found there) say the
    figure only with another unit or the opposite bound; None when one of them agrees. A fact with no unit or no
    bound says nothing either way ("3 victims" does not excuse "3 heures" → "3 minutes"), nor does one that is
    another figure of the source (``siblings``): "A boy, 2, missing for two days" renders "2 ans" and "48 heures".
    A soft figure ("deux", "un") is held to more: any fact giving its number excuses it, an article is no figure."""
    mine = f.data.get("measure") if f.type == "number" else None
    bound = f.data.get("bound")
    if not mine and not bound:
        return None  # most figures: nothing besides the number to compare
    givers = [o for o in other if any(k in o.provides for k in matched)]
    rest = [s for s in siblings if s is not f]
    if mine and not any(_same(a, b) for o in other for b in o.data.get("measure") or [] for a in mine):
        said = [o for o in givers if (f.soft or o.data.get("measure")) and not any(_agrees_in_unit(s, o) for s in rest)]
        if said and all(_other_unit(f, o) for o in said):
            return f"unit changed: '{_with_unit(f)}' became '{_with_unit(said[0])}' in the {where}"
    if bound and not (f.soft and f.data.get("value", 0) <= 1) and not any(o.data.get("bound") == bound for o in givers):
        said = [o for o in givers if (f.soft or o.data.get("bound")) and _comparable(f, o)
                and not any(s.data.get("bound") == o.data.get("bound") and _comparable(s, o)
                            and any(k in o.provides for k in s.keys) for s in rest)]
        if said and all(o.data.get("bound") not in (None, bound) for o in said):
            return f"bound changed: '{f.data['bound_said']}' became '{said[0].data['bound_said']}' in the {where}"
    return None


def _same(a, b) -> bool:
    """The same quantity: the same unit and value, or a conversion."""
    return a[0] == b[0] and (a[2] == b[2] and a[1] == b[1] or same_quantity(tuple(a), tuple(b)))


def _agrees_in_unit(s: Fact, o: Fact) -> bool:
    return any(_same(a, b) for a in s.data.get("measure") or [] for b in o.data.get("measure") or [])


def _other_unit(f: Fact, o: Fact) -> bool:
    """``o`` says ``f``'s figure in another unit of the same kind that is no conversion of it ("10 km" → "10
    miles", "2 heures" → "2 minutes")."""
    mine, theirs = f.data["measure"], o.data.get("measure") or []
    return any(unit_changed(tuple(a), tuple(b)) for a in mine for b in theirs) and not _agrees_in_unit(f, o)


def _comparable(f: Fact, o: Fact) -> bool:
    """Bounds of two figures compare unless their units measure different things: "plus de 10 km" says nothing of
    "under 10 minutes"; "moins de 18 ans" and "over 18" do compare."""
    mine, theirs = f.data.get("measure") or [], o.data.get("measure") or []
    return not mine or not theirs or any(a[0] == b[0] for a in mine for b in theirs)


def _with_unit(f: Fact) -> str:
    return f"{f.text} {f.data.get('unit_text', '')}".strip()
