"""A listing of pages with pictures: its query count does not grow with the
number of pictures, and showing it makes no rendition (publishing did)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import CountryGuidePageFactory, ImageFactory, after_commit

pytestmark = pytest.mark.django_db
COUNTRIES = [
    "KH",
    "TH",
    "VN",
    "LA",
    "MM",
    "MY",
    "SG",
    "ID",
    "PH",
    "AE",
    "SA",
    "EG",
    "KE",
    "NG",
    "BR",
    "MX",
    "DE",
    "FR",
    "GB",
    "KZ",
]
WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)


def _publish_guides_with_pictures(countries):
    for code in countries:
        # A small file: its renditions (made on publish) take no time.
        image = ImageFactory(file__width=64, file__height=36)
        after_commit(CountryGuidePageFactory, country=code, lead_image=image, lead_image_alt=f"{code} 风光")


def _visit(client, path):
    client.get(path)  # per-process caches fill up on the first visit
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return response.content.decode(), [query["sql"] for query in queries.captured_queries]


def test_the_guide_index_with_twenty_pictures_costs_what_it_costs_with_ten(client, home):
    """Without core.images.prefetch_renditions in GuideIndexPage.live_guides,
    each picture costs a query for its image and one for its renditions."""
    _publish_guides_with_pictures(COUNTRIES[:10])
    html, ten = _visit(client, "/zh-hans/guides/")
    assert html.count("<picture>") == 10

    _publish_guides_with_pictures(COUNTRIES[10:])
    html, twenty = _visit(client, "/zh-hans/guides/")
    assert html.count("<picture>") == 20
    assert len(twenty) == len(ten), f"{len(ten)} queries with 10 pictures, {len(twenty)} with 20"
    assert not [sql for sql in twenty if WRITES.match(sql)]
