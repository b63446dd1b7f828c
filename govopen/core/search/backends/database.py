"""A drop-in replacement for Wagtail's database search backend that reads Chinese.

    WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "govopen.core.search.backends.database"},
    }

Like ``wagtail.search.backends.database`` it picks the implementation for the
default database: PostgreSQL full-text search, or SQLite FTS5. Both are
Wagtail's own classes, given normalised and segmented text to index and to
query (see :mod:`govopen.core.search.text`). Other databases (MySQL, or SQLite
without FTS5) get Wagtail's backend unchanged: the latter searches with
``LIKE``, which finds Chinese substrings without segmentation.
"""

from django.db import connection
from modelsearch.backends import database as wagtail_database


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks a backend up by
    """The Chinese search backend for the current default database."""
    if connection.vendor == "postgresql":
        from .postgres import PostgresSearchBackend

        return PostgresSearchBackend(params)
    # Let Wagtail decide whether SQLite has a usable FTS5 index.
    backend = wagtail_database.SearchBackend(params)
    if connection.vendor == "sqlite" and wagtail_database.USE_SQLITE_FTS:
        from .sqlite import SQLiteSearchBackend

        return SQLiteSearchBackend(params)
    return backend
