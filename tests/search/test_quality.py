"""Relevance, measured: `manage.py search_quality` over the shared sample
bundle must keep recall@5 and MRR above the thresholds, on the database
backend and on OpenSearch. (Figures: search/README.md.)"""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction

from search.quality import load_queries
from tests.conftest import require_service
from tests.search.conftest import OPENSEARCH_URL, opensearch_reachable

SAMPLE_BUNDLE = Path(settings.BASE_DIR).parent / "shared" / "content" / "sample-bundle.json"
MIN_RECALL_AT_5 = 0.90
MIN_MRR = 0.90

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def sample_content(django_db_setup, django_db_blocker):
    require_service(SAMPLE_BUNDLE.exists(), f"needs the shared sample bundle at {SAMPLE_BUNDLE}")
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("import_content", str(SAMPLE_BUNDLE), stdout=io.StringIO(), stderr=io.StringIO())
        yield
        transaction.set_rollback(True)


def measure(engine):
    out = io.StringIO()
    call_command(
        "search_quality",
        engine=[engine],
        min_recall=MIN_RECALL_AT_5,
        min_mrr=MIN_MRR,
        verbose_misses=True,
        stdout=out,
    )
    return out.getvalue()


def test_the_query_set_is_half_chinese_half_english():
    queries = load_queries()
    assert len(queries) >= 40
    chinese = [q for q in queries if q.language == "zh-hans"]
    assert len(chinese) * 2 == len(queries)


def test_relevance_on_the_database_backend(sample_content):
    report = measure("database")
    assert "recall@5" in report and "all" in report


def test_relevance_on_opensearch(sample_content):
    require_service(opensearch_reachable(), "needs a running OpenSearch node: set OPENSEARCH_URL (make opensearch)")
    report = measure(f"opensearch={OPENSEARCH_URL}")
    assert "opensearch: 40 queries" in report
