"""Relevance, measured: `manage.py search_quality` over the demo content
(core/demo/content) must keep recall@5 and MRR above the thresholds in each
language, on the database backend (SQLite, or PostgreSQL with DATABASE_URL)
and on OpenSearch. (Figures: search/README.md.)"""

import io
import re

import pytest
from django.core.management import call_command
from django.db import transaction

from search.quality import load_queries
from tests.conftest import require_service
from tests.search.conftest import OPENSEARCH_URL, opensearch_reachable

MIN_RECALL_AT_5 = 0.95  # in each language
MIN_MRR = 0.90

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_content(django_db_setup, django_db_blocker):
    from interchange.demo import import_demo_content

    with django_db_blocker.unblock(), transaction.atomic():
        import_demo_content()
        yield
        transaction.set_rollback(True)


def measure(engine):
    """Run the command; fail with its whole report (misses included) below a threshold."""
    out = io.StringIO()
    call_command("search_quality", engine=[engine], verbose_misses=True, stdout=out)
    report = out.getvalue()
    rows = {
        language: (float(recall), float(mrr))
        for language, recall, mrr in re.findall(r"^\s+(en|zh-hans)\s+\d+\s+([\d.]+)\s+([\d.]+)$", report, re.MULTILINE)
    }
    assert set(rows) == {"en", "zh-hans"}, report
    for recall, mrr in rows.values():
        assert recall >= MIN_RECALL_AT_5 and mrr >= MIN_MRR, report
    return report


def test_the_query_set_is_half_chinese_half_english():
    queries = load_queries()
    assert len(queries) >= 40
    chinese = [q for q in queries if q.language == "zh-hans"]
    assert len(chinese) * 2 == len(queries)


def test_relevance_on_the_database_backend(demo_content):
    report = measure("database")
    assert "recall@5" in report and "all" in report


def test_relevance_on_opensearch(demo_content):
    require_service(opensearch_reachable(), "needs a running OpenSearch node: set OPENSEARCH_URL (make opensearch)")
    report = measure(f"opensearch={OPENSEARCH_URL}")
    assert f"opensearch: {len(load_queries())} queries" in report
