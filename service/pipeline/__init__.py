"""Dispatch → Result, the one place the app, API, CLI and evaluation harness go through.

- ``core``: ``Pipeline`` (validate → prepare → translate → summarize → fact checks → Result)
- ``prepared``: ``Prepared``, a dispatch between stages (plain, picklable data)
- ``identity``: a Result's options and id (what the store files it under)
- ``fact_stage``: the fact checks on a finished Result, failing as a warning, never a 500
- ``build``: start-up — every model loaded once into translation stacks and a summarizer
- ``stack``: one translation route (cache → glossary → quotes → clause splitting → queue → model)
- ``windows``: translating window by window, paragraphs streamed, partial mode sized to the time left
- ``summaries``: the summary presets and editors' briefs
"""

from service.pipeline.build import warm_up
from service.pipeline.core import (
    DEFAULT_PRESETS,
    SUMMARIZER_CHOICES,
    Pipeline,
    Summarizer,
    presets_help,
)
from service.pipeline.identity import result_key
from service.pipeline.prepared import Prepared
from service.pipeline.stack import TranslationStack, glossary_hash
from service.pipeline.windows import WINDOW_SENTENCES, glance

__all__ = [
    "DEFAULT_PRESETS",
    "SUMMARIZER_CHOICES",
    "WINDOW_SENTENCES",
    "Pipeline",
    "Prepared",
    "Summarizer",
    "TranslationStack",
    "glance",
    "glossary_hash",
    "presets_help",
    "result_key",
    "warm_up",
]
