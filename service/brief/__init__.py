"""Editors' briefs: an instruction-tuned chat model fills a versioned prompt template (prompts/), its answer is
parsed into the template's sections, fitted to the word limits and checked against the source.

Modules, one job each: render (template → chat messages, dispatch fenced as data), generate (chat template →
model → text), parse (labelled lines → sections), limits (word limits, whole sentences), facts (unsupported
facts), service (the whole flow, loaded once at start-up), edit (an editor's changes), export (Markdown, DOCX),
system (the evaluation harness's view).
"""
