"""Page routing in one query (edge/serving.py) decides as Wagtail's own does."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import CountryGuidePageFactory, InformationPageFactory

pytestmark = pytest.mark.django_db


def test_a_page_two_levels_down_is_found_with_one_query_for_the_whole_path(client):
    """Wagtail's own routing asks for each level's child by slug, then its
    specific object: without edge/serving.py this finds 2 slug queries."""
    parent = InformationPageFactory(title="关于我们", slug="about-us")
    InformationPageFactory(title="隐私", slug="privacy-notice", parent=parent)
    client.get("/zh-hans/about-us/privacy-notice/")  # the memos fill up
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/zh-hans/about-us/privacy-notice/")
    assert response.status_code == 200 and "隐私" in response.content.decode()
    page_queries = [q["sql"] for q in queries if 'FROM "wagtailcore_page"' in q["sql"] and "slug" in q["sql"]]
    assert len(page_queries) == 1


def test_missing_and_unpublished_pages_are_404(client):
    page = InformationPageFactory(slug="soon-gone")
    assert client.get("/zh-hans/soon-gone/").status_code == 200
    assert client.get("/zh-hans/soon-gone/nothing-here/").status_code == 404
    assert client.get("/zh-hans/no-such-page/").status_code == 404
    page.unpublish()
    assert client.get("/zh-hans/soon-gone/").status_code == 404


def test_a_routable_pages_sub_route_and_the_children_below_it(client):
    """The guides index routes compare/ itself; its guides are children."""
    guide = CountryGuidePageFactory(country="KH")
    assert client.get(guide.url).status_code == 200
    assert client.get(guide.get_parent().url + "compare/").status_code == 200
