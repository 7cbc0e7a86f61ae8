"""The advisory index's result count is memoised per index page and filters
(advisories.views._count, edge.chrome): kept until an advisory shown in that
language changes or the day changes, never one language's or one filter's
count on another.

Each test renders the index first, so the count is memoised, then changes
what it counts and renders again.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import AdvisoryPageFactory, add_english

pytestmark = pytest.mark.django_db

COUNT = re.compile(r'id="result-count">(\d+) ')


def result_count(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return int(COUNT.search(response.content.decode()).group(1))


def test_the_count_follows_an_advisory_published_and_unpublished(client, index_zh):
    """Without the advisories' area tag among the memo's tags, the second
    rendering would still say 1, the third 2."""
    AdvisoryPageFactory(title="柬埔寨税务提示")
    assert result_count(client, index_zh.url) == 1

    second = AdvisoryPageFactory(title="泰国安全提醒")
    assert result_count(client, index_zh.url) == 2

    second.unpublish()
    assert result_count(client, index_zh.url) == 1


def test_an_advisory_that_expires_at_midnight_leaves_the_count_the_next_day(client, index_zh, today, monkeypatch):
    """Expiry needs no publish: without the date the memo depends on, the
    count would still include the advisory that expired (the list does not)."""
    AdvisoryPageFactory(title="柬埔寨税务提示")
    AdvisoryPageFactory(title="今日到期提示", expires=today)
    assert result_count(client, index_zh.url) == 2

    monkeypatch.setattr(timezone, "localdate", lambda *args: today + timedelta(days=1))
    assert result_count(client, index_zh.url) == 1


def test_each_language_and_filter_keeps_its_own_count(client, index_zh, index_en):
    """The memo's key holds the index page and the filters: without them the
    English index, or a filtered one, would show the count rendered first."""
    AdvisoryPageFactory(title="柬埔寨税务提示", kind="tax")
    AdvisoryPageFactory(title="泰国安全提醒", kind="security")
    add_english(AdvisoryPageFactory(title="越南法律提示", kind="legal"))
    assert result_count(client, index_zh.url) == 3
    assert result_count(client, index_en.url) == 1
    assert result_count(client, f"{index_zh.url}?kind=tax") == 1
    assert result_count(client, index_zh.url) == 3
