"""Batch jobs: many documents through the same pipeline, resumable, on one machine or a Ray cluster.

- ``inputs``: files, folders, CSV/JSONL with a text column → Documents (id = content hash) + input problems.
- ``jobs``: the SQLite job store (``batch_jobs``, ``batch_documents``) with resume semantics.
- ``engine_local``: the default engine (one Pipeline in this process).
- ``engine_ray``: the same stages as a streaming Ray Data job (``import ray`` happens only there).
- ``outputs``: results.jsonl + Markdown + errors.jsonl in an output folder.
- ``api``: what the CLI, the app and the evaluation harness call.
"""
