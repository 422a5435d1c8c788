"""Reference-free checks, run per segment and reported as failure rates.

A check is a function ``(segment, **params) -> CheckResult`` registered under a name with the tasks it applies
to. Suites list the checks they run with their parameters; a check that does not apply to a segment returns
``status="skip"`` and is left out of its rate. New checks plug in with one decorator, from any package::

    from eval.checks import register, CheckResult

    @register("facts", tasks=("translation", "summarization"), description="numbers, dates, names kept")
    def facts(seg, **params):
        ...
        return CheckResult("fail", value=2, detail="number 12.000 missing")

``Segment.result`` carries the pipeline's ``Result`` when the system was the pipeline, so a check can read what
the pipeline already computed (its warnings, ``result.facts``) instead of recomputing it.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any, Callable, Literal

Status = Literal["pass", "fail", "skip"]


@dataclass
class Segment:
    index: int
    source: str
    output: str
    reference: str | None = None
    task: str = "translation"
    source_language: str = "fr"
    target_language: str = "en"
    result: Any = None  # service.result.Result when the system was the pipeline
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class CheckResult:
    status: Status
    value: float | None = None
    detail: str = ""

    @property
    def failed(self) -> bool:
        return self.status == "fail"

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"status": self.status}
        if self.value is not None:
            out["value"] = self.value
        if self.detail:
            out["detail"] = self.detail
        return out


CheckFn = Callable[..., CheckResult]


@dataclass
class CheckSpec:
    name: str
    fn: CheckFn
    tasks: tuple[str, ...]
    description: str
    version: str = "1"
    defaults: dict[str, Any] = field(default_factory=dict)


_REGISTRY: dict[str, CheckSpec] = {}

# Modules holding the built-in checks, imported on first use. A plug-in module adds itself here (or calls
# ``register`` from anywhere before the run); the facts adapter lives in ``eval/checks/facts.py``.
BUILTIN_MODULES = ("coverage", "empty", "language", "length_ratio", "repetition", "untranslated", "facts")
_loaded = False


def register(
    name: str,
    *,
    tasks: tuple[str, ...] = ("translation",),
    description: str = "",
    version: str = "1",
    defaults: dict[str, Any] | None = None,
) -> Callable[[CheckFn], CheckFn]:
    def deco(fn: CheckFn) -> CheckFn:
        _REGISTRY[name] = CheckSpec(name, fn, tasks, description or (fn.__doc__ or "").strip(), version, defaults or {})
        return fn

    return deco


def _load_builtins() -> None:
    global _loaded
    if not _loaded:
        _loaded = True
        for mod in BUILTIN_MODULES:
            importlib.import_module(f"eval.checks.{mod}")


def registry() -> dict[str, CheckSpec]:
    _load_builtins()
    return dict(_REGISTRY)


def get(name: str) -> CheckSpec:
    _load_builtins()
    if name not in _REGISTRY:
        raise KeyError(f"unknown check {name!r}; registered: {', '.join(sorted(_REGISTRY))}")
    return _REGISTRY[name]


def run_checks(seg: Segment, config: dict[str, dict[str, Any]]) -> dict[str, CheckResult]:
    """Run each configured check (name -> params) that applies to the segment's task."""
    out: dict[str, CheckResult] = {}
    for name, params in config.items():
        spec = get(name)
        if seg.task not in spec.tasks:
            out[name] = CheckResult("skip", detail=f"not a {seg.task} check")
            continue
        out[name] = spec.fn(seg, **{**spec.defaults, **(params or {})})
    return out


def rates(per_segment: list[dict[str, dict[str, Any]]]) -> dict[str, dict[str, Any]]:
    """Failure rate per check over the segments where it ran (skips excluded)."""
    totals: dict[str, dict[str, Any]] = {}
    for checks in per_segment:
        for name, res in checks.items():
            t = totals.setdefault(name, {"checked": 0, "failed": 0, "skipped": 0})
            status = res["status"] if isinstance(res, dict) else res.status
            if status == "skip":
                t["skipped"] += 1
            else:
                t["checked"] += 1
                t["failed"] += status == "fail"
    for t in totals.values():
        t["fail_rate"] = t["failed"] / t["checked"] if t["checked"] else None
    return totals


def signature(config: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """What each configured check was, for the run signature: version + effective parameters."""
    out = {}
    for name, params in config.items():
        spec = get(name)
        out[name] = {"version": spec.version, "params": {**spec.defaults, **(params or {})}}
    return out
