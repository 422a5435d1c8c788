"""Fact checks (numbers, dates, money, names, quotes) from ``service.facts``, as one more check.

Contract with service/facts (issue 5): when the pipeline ran the fact checks, ``Result.facts`` is read; the
module may also expose ``check_pair(source: str, translation: str) -> list[dict]`` returning issues shaped like
``python -m eval facts --jsonl`` lines (``{"type": "number|date|money|name|quote", "source": …, "detail": …}``).
A segment fails when there is at least one issue. Until service/facts exists the check reports ``skip`` with the
reason, so suites can list it already. service/facts may instead register its own "facts" check with
``eval.checks.register``: whichever registers first, a check that service/facts registered is kept.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from typing import Any

from eval.checks import _REGISTRY, CheckResult, Segment, register


@lru_cache(maxsize=1)
def _check_pair():
    try:
        mod = importlib.import_module("service.facts")
    except ImportError:
        return None
    return getattr(mod, "check_pair", None)


def _issues_from_result(facts: dict[str, Any]) -> list[Any] | None:
    for key in ("issues", "missing"):
        if isinstance(facts.get(key), list):
            return facts[key]
    return None


def facts(seg: Segment, **_: object) -> CheckResult:
    if seg.result is not None and getattr(seg.result, "facts", None):
        issues = _issues_from_result(seg.result.facts)
        if issues is not None:
            return _verdict(issues)
    fn = _check_pair()
    if fn is None:
        return CheckResult("skip", detail="service.facts (check_pair) not available yet")
    return _verdict(fn(seg.source, seg.output))


def _verdict(issues: list[Any]) -> CheckResult:
    if issues:
        first = issues[0]
        detail = first.get("detail") or first.get("source") if isinstance(first, dict) else str(first)
        return CheckResult("fail", float(len(issues)), f"{len(issues)} issue(s): {detail}")
    return CheckResult("pass", 0.0)


# service/facts may have registered its own "facts" check already: keep it.
if "facts" not in _REGISTRY:
    register("facts", tasks=("translation",), description="numbers, dates, money, names, quotes kept (service.facts)")(facts)
