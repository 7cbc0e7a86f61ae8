"""The advisory index's memos (edge.chrome): its result count per index page
and filters and which advisories a page of results lists (per page number
too: advisories.views._page_of_results, edge.chrome.memoised_listing), kept until an advisory shown in that
language changes or the day changes; each advisory's entry in the list
(advisories.views._cards), kept until that advisory changes or the day
changes. Never one language's or one filter's on another.

Each test renders the index first, so the memos are filled, then changes
what they show and renders again.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from advisories.models import AdvisoryIndexPage
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


def test_an_entry_follows_its_advisory_republished(client, index_zh):
    """Without the advisory's own page tag among its entry's tags (its
    publish moves neither the site's nor the language's), the second
    rendering would still show the old title and severity (a warning: an
    alert shows on every page, and its publish moves the whole language)."""
    advisory = AdvisoryPageFactory(title="柬埔寨税务提示", severity="info")
    AdvisoryPageFactory(title="泰国安全提醒")
    page = client.get(index_zh.url).content.decode()
    assert "柬埔寨税务提示" in page and "advisory-summary--info" in page

    advisory.title = "柬埔寨税务提示（更新）"
    advisory.severity = "warning"
    advisory.save_revision().publish()
    page = client.get(index_zh.url).content.decode()
    assert "柬埔寨税务提示（更新）" in page and "advisory-summary--warning" in page
    assert "泰国安全提醒" in page


def test_an_entry_is_marked_expired_the_day_after(client, index_zh, today, monkeypatch):
    """Without the date the entries depend on, the list of current and
    expired advisories would not mark the one that expired at midnight."""
    AdvisoryPageFactory(title="今日到期提示", expires=today)
    url = f"{index_zh.url}?status=all"
    assert "advisory-summary--expired" not in client.get(url).content.decode()

    monkeypatch.setattr(timezone, "localdate", lambda *args: today + timedelta(days=1))
    assert "advisory-summary--expired" in client.get(url).content.decode()


def test_each_language_lists_its_own_entries(client, index_zh, index_en):
    """Entries are kept per advisory page and language: the English index
    shows the English version's entry, with English labels."""
    add_english(AdvisoryPageFactory(title="越南法律提示"), title="Vietnam legal notice")
    zh_page = client.get(index_zh.url).content.decode()
    en_page = client.get(index_en.url).content.decode()
    assert "越南法律提示" in zh_page and "Vietnam legal notice" not in zh_page
    assert "Vietnam legal notice" in en_page and "越南法律提示" not in en_page
    assert "Issued" in en_page


TITLES = re.compile(r'<h2 class="advisory-summary__title"><a [^>]*>([^<]+)</a>')


def listed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return TITLES.findall(response.content.decode())


def test_the_page_of_results_follows_a_publish_and_an_unpublish(client, index_zh, today):
    """Without the area's tag among the listing memo's tags, the index would
    keep listing the two advisories it read first: not the new one, and
    still the unpublished one."""
    AdvisoryPageFactory(title="柬埔寨税务提示", issued=today - timedelta(days=2))
    second = AdvisoryPageFactory(title="泰国安全提醒", issued=today - timedelta(days=1))
    assert listed(client, index_zh.url) == ["泰国安全提醒", "柬埔寨税务提示"]

    AdvisoryPageFactory(title="越南法律提示", issued=today)
    assert listed(client, index_zh.url) == ["越南法律提示", "泰国安全提醒", "柬埔寨税务提示"]

    second.unpublish()
    assert listed(client, index_zh.url) == ["越南法律提示", "柬埔寨税务提示"]


def test_an_advisory_that_expires_at_midnight_leaves_the_list_the_next_day(client, index_zh, today, monkeypatch):
    """Without the date among what the listing memo depends on, the current
    advisories would still list the one that expired at midnight."""
    AdvisoryPageFactory(title="柬埔寨税务提示")
    AdvisoryPageFactory(title="今日到期提示", expires=today)
    assert set(listed(client, index_zh.url)) == {"柬埔寨税务提示", "今日到期提示"}

    monkeypatch.setattr(timezone, "localdate", lambda *args: today + timedelta(days=1))
    assert listed(client, index_zh.url) == ["柬埔寨税务提示"]


def test_each_filter_page_and_language_keeps_its_own_list(client, index_zh, index_en, today, monkeypatch):
    """The listing memo's key holds the index page, the filters and the page
    number: without any of them, a request would get the list another
    filter, page or language read first."""
    monkeypatch.setattr(AdvisoryIndexPage, "per_page", 2)
    for days, (title, kind) in enumerate([("甲", "tax"), ("乙", "security"), ("丙", "tax")]):
        AdvisoryPageFactory(title=title, kind=kind, issued=today - timedelta(days=days))
    add_english(AdvisoryPageFactory(title="丁", kind="legal"), title="Legal notice")
    assert listed(client, index_zh.url) == ["丁", "甲"]
    assert listed(client, f"{index_zh.url}?page=2") == ["乙", "丙"]
    assert listed(client, f"{index_zh.url}?kind=tax") == ["甲", "丙"]
    assert listed(client, index_en.url) == ["Legal notice"]
    assert listed(client, f"{index_zh.url}?page=99") == ["乙", "丙"]  # past the end: the last page
    assert listed(client, index_zh.url) == ["丁", "甲"]
