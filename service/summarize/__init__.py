"""English summaries by preset: seq2seq (BART), extractive (lead, centrality), LLM (prompts/)."""
