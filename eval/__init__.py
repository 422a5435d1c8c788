"""Evaluation harness: metrics, suites, comparisons, human ratings, benchmarks."""
