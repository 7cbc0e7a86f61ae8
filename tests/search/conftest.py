"""Search tests run against the database backend (SQLite, or PostgreSQL when
DATABASE_URL is set) and, through the `engine` fixture, against a real
OpenSearch node when OPENSEARCH_URL is set (required under CI)."""

import os
import uuid
from dataclasses import dataclass
from urllib.error import URLError
from urllib.request import urlopen

import pytest
from django.db import transaction
from django.test import override_settings
from modelsearch.backends import get_search_backend

from search.backends.engine import create_indexes
from search.stats import query_counter
from tests.conftest import require_service

OPENSEARCH_URL = os.environ.get("OPENSEARCH_URL", "").rstrip("/")


def opensearch_reachable():
    if not OPENSEARCH_URL:
        return False
    try:
        with urlopen(f"{OPENSEARCH_URL}/_cluster/health", timeout=5) as response:  # noqa: S310 - a test-only local URL
            return response.status == 200
    except (URLError, OSError):
        return False


@dataclass
class Engine:
    name: str
    backend: object

    def refresh(self):
        if self.name == "opensearch":
            self.backend.refresh_indexes()


def opensearch_settings(prefix):
    return {
        "default": {
            "BACKEND": "search.backends.opensearch",
            "URLS": [OPENSEARCH_URL],
            "INDEX_PREFIX": prefix,
            "TIMEOUT": 20,
            "ATOMIC_REBUILD": False,
        }
    }


@pytest.fixture(scope="module", params=["database", "opensearch"])
def engine(request):
    """The backend under test, for a whole module (content is built once per engine)."""
    if request.param == "database":
        yield Engine("database", get_search_backend())
        return
    require_service(opensearch_reachable(), "needs a running OpenSearch node: set OPENSEARCH_URL (make opensearch)")
    prefix = f"test_{uuid.uuid4().hex[:10]}_"
    with override_settings(WAGTAILSEARCH_BACKENDS=opensearch_settings(prefix)):
        backend = get_search_backend()
        create_indexes(backend)
        try:
            yield Engine("opensearch", backend)
        finally:
            backend.es.indices.delete(index=f"{prefix}*")


@pytest.fixture(scope="module")
def scenario(engine, django_db_setup, django_db_blocker):
    """The behaviour tests' content, built once per module and engine inside a
    transaction that is rolled back afterwards (each test's own changes are
    rolled back to it by pytest-django's savepoint)."""
    from tests.search.content import build_scenario

    with django_db_blocker.unblock(), transaction.atomic():
        made = build_scenario()
        engine.refresh()
        yield made
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def empty_query_counter():
    query_counter.clear()
    yield
    query_counter.clear()
