"""Translation: one Translator interface; batching, long-sentence splitting and caching as wrappers."""
