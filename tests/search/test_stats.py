"""Popular and zero-result queries: counted in memory, written in batches."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query

from search.models import SearchQueryStat
from search.stats import query_counter

pytestmark = pytest.mark.django_db


def test_counts_are_written_in_one_batch(settings):
    settings.SEARCH_STATS_FLUSH_EVERY = 3
    with CaptureQueriesContext(connection) as queries:
        query_counter.record("zh-hans", "西港", 4)
        query_counter.record("zh-hans", "不存在的词", 0)
    assert len(queries) == 0  # nothing written yet
    query_counter.record("zh-hans", "西港", 2)  # the third search writes the batch
    rows = {(row.query_string, row.searches, row.zero_result_searches) for row in SearchQueryStat.objects.all()}
    assert rows == {("西港", 2, 0), ("不存在的词", 1, 1)}
    assert Query.objects.get(query_string="西港").hits == 2  # Wagtail's promoted-results chooser sees it too
    query_counter.record("zh-hans", "西港", 0)
    query_counter.flush()
    row = SearchQueryStat.objects.get(query_string="西港")
    assert (row.searches, row.zero_result_searches) == (3, 1)


def test_search_pages_feed_the_counter(client, settings):
    settings.SEARCH_STATS_FLUSH_EVERY = 1000
    client.get("/en/search/", {"q": "  Nothing Like This  "})
    client.get("/en/search/", {"q": "nothing like this"})
    assert query_counter.flush() == 2
    row = SearchQueryStat.objects.get()
    assert (row.language_code, row.query_string, row.searches, row.zero_result_searches) == (
        "en",
        "nothing like this",
        2,
        2,
    )


def test_editors_see_the_report_and_others_do_not(client, editor, translator):
    SearchQueryStat.objects.create(
        date="2026-01-05", language_code="zh-hans", query_string="西港", searches=7, zero_result_searches=0
    )
    SearchQueryStat.objects.create(
        date="2026-01-05", language_code="en", query_string="gdpr fines", searches=2, zero_result_searches=2
    )
    client.force_login(editor)
    response = client.get("/admin/reports/search-queries/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "西港" in html and "gdpr fines" in html
    html = client.get("/admin/reports/search-queries/", {"without_results": "true"}).content.decode()
    assert "gdpr fines" in html and "西港" not in html
    client.force_login(translator)
    response = client.get("/admin/reports/search-queries/")
    # Wagtail sends staff without the permission back to the dashboard.
    assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_editors_may_manage_promoted_results(editor):
    assert editor.has_perm("wagtailsearchpromotions.add_searchpromotion")
    assert Permission.objects.filter(codename="view_searchquerystat", group__name="Editors").exists()
