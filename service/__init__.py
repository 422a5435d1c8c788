"""wirebrief service: text → translate → summarize pipeline, app, API and CLI."""
