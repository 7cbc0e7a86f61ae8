"""Relevance, measured: `manage.py search_quality` must keep recall@5 and MRR
above the thresholds in each language, for both query sets (the demo content,
core/demo/content, and the shared sample bundle, ../shared/content), on the
database backend (SQLite, or PostgreSQL with DATABASE_URL) and on OpenSearch.
(Figures: search/README.md.)"""

import io
import re

import pytest
from django.core.management import call_command
from django.db import transaction

from search.quality import QUERY_SETS, load_queries
from tests.conftest import load_sample_bundle, require_service
from tests.search.conftest import OPENSEARCH_URL, opensearch_reachable

MIN_RECALL_AT_5 = 0.95  # in each language
MIN_MRR = 0.90

pytestmark = pytest.mark.django_db


def import_content(name):
    from interchange.demo import import_demo_content
    from interchange.importer import import_bundle

    if name == "demo":
        import_demo_content()
    else:
        result = import_bundle(load_sample_bundle())
        assert result.ok, result.problems


@pytest.fixture(scope="module", params=sorted(QUERY_SETS))
def content_set(request, django_db_setup, django_db_blocker):
    """One content set, imported once for all the tests that measure it (the
    params group the tests, so only one set is in the database at a time)."""
    with django_db_blocker.unblock(), transaction.atomic():
        import_content(request.param)
        yield request.param
        transaction.set_rollback(True)


def measure(engine, content_set):
    """Run the command; fail with its whole report (misses included) below a threshold."""
    out = io.StringIO()
    call_command(
        "search_quality", queries=str(QUERY_SETS[content_set]), engine=[engine], verbose_misses=True, stdout=out
    )
    report = out.getvalue()
    print(report)  # the measured figures, for `pytest -s` (search/README.md's table)
    rows = {
        language: (float(recall), float(mrr))
        for language, recall, mrr in re.findall(r"^\s+(en|zh-hans)\s+\d+\s+([\d.]+)\s+([\d.]+)$", report, re.MULTILINE)
    }
    assert set(rows) == {"en", "zh-hans"}, report
    for recall, mrr in rows.values():
        assert recall >= MIN_RECALL_AT_5 and mrr >= MIN_MRR, report
    return report


def test_the_query_sets_hold_100_queries_half_chinese_half_english():
    for path in QUERY_SETS.values():
        queries = load_queries(path)
        chinese = [q for q in queries if q.language == "zh-hans"]
        assert len(chinese) * 2 == len(queries), path
    assert sum(len(load_queries(path)) for path in QUERY_SETS.values()) >= 100


def test_relevance_on_the_database_backend(content_set):
    report = measure("database", content_set)
    assert "recall@5" in report and "all" in report


def test_relevance_on_opensearch(content_set):
    require_service(opensearch_reachable(), "needs a running OpenSearch node: set OPENSEARCH_URL (make opensearch)")
    report = measure(f"opensearch={OPENSEARCH_URL}", content_set)
    assert f"opensearch: {len(load_queries(QUERY_SETS[content_set]))} queries" in report
