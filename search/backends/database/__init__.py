"""The embedded default backend: Wagtail's (modelsearch's) database backend
for SQLite FTS5 or PostgreSQL, storing and querying analysed text so that
Chinese is searched by words (search/text.py). English is stemmed in Python
too, so both databases behave the same; PostgreSQL therefore uses the
'simple' configuration (no second stemming)."""

from django.db import connection
from modelsearch.backends.database import SearchBackend as modelsearch_database_backend


def SearchBackend(params):  # noqa: N802 - the name modelsearch looks up
    if connection.vendor == "postgresql":
        from .postgres import SegmentingPostgresSearchBackend

        return SegmentingPostgresSearchBackend(params)
    backend = modelsearch_database_backend(params)
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

        from .sqlite import SegmentingSQLiteSearchBackend

        if isinstance(backend, SQLiteSearchBackend):
            return SegmentingSQLiteSearchBackend(params)
    return backend  # another database, or SQLite without FTS5: modelsearch's LIKE fallback
