"""SQLite persistence shared by the app, the API and later stages: results history + cache (``results``).

Batch jobs keep their own tables (service/batch) in the same database file (settings.db_path).
"""

from service.store.db import Database
from service.store.results import ResultStore, StoredResult

__all__ = ["Database", "ResultStore", "StoredResult"]
