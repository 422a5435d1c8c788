"""What a matched figure says besides its number: its unit ("2 heures" is not "2 minutes") and its bound ("plus de
400" is not "less than 400"). A translation that keeps the number and changes either one changes the fact; the
number's own key matched, so ``match`` asks here before taking it as kept."""

from __future__ import annotations

from .model import Fact
from .units import same_quantity, unit_changed


def qualifier_changed(f: Fact, matched: list[str], other: list[Fact], where: str) -> str | None:
    """The issue's detail when every fact of ``other`` giving one of ``matched`` (keys of ``f`` found there) says
    the figure with another unit or the opposite bound; None when any of them agrees or says nothing."""
    givers = [o for o in other if any(k in o.provides for k in matched)]
    if not givers:
        return None
    if f.type == "number" and f.data.get("measure") and all(_other_unit(f, o) for o in givers):
        return f"unit changed: '{_with_unit(f)}' became '{_with_unit(givers[0])}' in the {where}"
    bound = f.data.get("bound")
    if bound and all(o.data.get("bound") not in (None, bound) for o in givers):
        o = givers[0]
        return (f"bound changed: '{f.data['bound_text']} {f.text}' became '{o.data['bound_text']} {o.text}' in the "
                f"{where}")
    return None


def _other_unit(f: Fact, o: Fact) -> bool:
    """``o`` says ``f``'s figure in another unit of the same kind that is no conversion of it ("10 km" → "10
    miles", "2 heures" → "2 minutes"); not when it has no such unit, the same unit, or the same quantity."""
    mine, theirs = f.data["measure"], o.data.get("measure") or []
    return any(unit_changed(tuple(a), tuple(b)) for a in mine for b in theirs) and not any(
        a[0] == b[0] and (a[2] == b[2] or same_quantity(tuple(a), tuple(b))) for a in mine for b in theirs
    )


def _with_unit(f: Fact) -> str:
    return f"{f.text} {f.data.get('unit_text', '')}".strip()
