"""What a shown result reads of its item (the object and its address) is kept
per item until its area changes in that language (service._shown_items): a
results page read each source's objects and URLs on every search. Kept, it
must follow every publish: a new title, an unpublished page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search import service
from search.query import parse
from tests.search.conftest import fresh

pytestmark = pytest.mark.django_db


def shown(query, locale):
    visitor_query = parse(query)
    outcome = service.load_page(service.search(visitor_query, locale), visitor_query, None)
    return [(hit.obj.pk, service._title(hit.obj), hit.url, str(hit.title_html)) for hit in outcome.page.object_list]


def test_a_results_page_reads_its_objects_once(scenario, zh):
    """The second time the same results are shown, no object is read: without
    the memo each source on the page costs a query (and its URLs)."""
    query = parse("西港")
    first = shown("西港", zh)
    assert first
    outcome = service.search(query, zh)
    with CaptureQueriesContext(connection) as queries:
        service.load_page(outcome, query, None)
    assert not queries.captured_queries
    assert [
        (hit.obj.pk, service._title(hit.obj), hit.url, str(hit.title_html)) for hit in outcome.page.object_list
    ] == first


def test_a_republished_title_is_shown_at_once(scenario, zh):
    guide = fresh(scenario["cambodia_zh"])
    assert any(pk == guide.pk and title == "柬埔寨投资指南" for pk, title, _url, _html in shown("西港", zh))
    guide.title = "柬埔寨投资指南（2026年版）"
    guide.save_revision().publish()
    results = {pk: (title, html) for pk, title, _url, html in shown("西港", zh)}
    assert results[guide.pk][0] == "柬埔寨投资指南（2026年版）"
    assert "2026" in results[guide.pk][1]  # the highlighted title is the new one


def test_a_moved_page_is_shown_at_its_new_address(scenario, zh):
    """A page's address is kept with it: a slug change (which purges the
    page's tags and its area's) gives the new address at the next search."""
    guide = fresh(scenario["cambodia_zh"])
    before = {pk: url for pk, _title, url, _html in shown("西港", zh)}[guide.pk]
    guide.slug = "cambodia-2026"
    guide.save_revision().publish()
    after = {pk: url for pk, _title, url, _html in shown("西港", zh)}[guide.pk]
    assert after != before and after.rstrip("/").endswith("cambodia-2026")


def test_an_unpublished_page_is_no_longer_shown(scenario, zh):
    guide = fresh(scenario["cambodia_zh"])
    assert guide.pk in [pk for pk, *_ in shown("西港", zh)]
    guide.unpublish()
    assert guide.pk not in [pk for pk, *_ in shown("西港", zh)]
