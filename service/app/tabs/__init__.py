"""The app's tabs, in order. Each module exposes ``build(ctx: AppContext)``, called inside ``gr.Tabs``; to add a
view (editors' Brief, evaluator A/B), add a module here and one entry to ``TAB_MODULES``."""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

TAB_MODULES = [
    "dispatch",
    "brief",
    "batch",
    "history",
    "compare",
    "glossary",
    "evaluator",
]


def tab_modules() -> list[ModuleType]:
    return [import_module(f"{__name__}.{name}") for name in TAB_MODULES]
