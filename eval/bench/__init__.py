"""`python -m eval bench`: speed of the translation/summarization stack on random-weight models of the production
architectures (no download), against a naive baseline and CTranslate2 int8, in one run. See eval/bench/run.py."""
