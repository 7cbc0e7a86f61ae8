import html
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from advisories.models import AdvisoryIndexPage
from tests.factories import AdvisoryPageFactory, add_english, after_commit

TITLE = re.compile(r'<h2 class="advisory-summary__title"><a href="[^"]*">([^<]*)</a></h2>')


def listed(response):
    assert response.status_code == 200
    return [html.unescape(title) for title in TITLE.findall(response.content.decode())]


@pytest.fixture
def advisories(index_zh, today):
    """A small, varied set (zh)."""
    return {
        "kh-security-alert": AdvisoryPageFactory(
            title="柬埔寨治安预警",
            kind="security",
            severity="alert",
            countries=["KH"],
            issued=today - timedelta(days=1),
        ),
        "kh-tax-info": AdvisoryPageFactory(
            title="柬埔寨税务提示", kind="tax", severity="info", countries=["KH"], issued=today - timedelta(days=2)
        ),
        "th-security-warning": AdvisoryPageFactory(
            title="泰国安全提醒",
            kind="security",
            severity="warning",
            countries=["TH"],
            issued=today - timedelta(days=3),
        ),
        "global-ip-info": AdvisoryPageFactory(title="海外商标注册提示", kind="ip", issued=today - timedelta(days=4)),
        "kh-security-expired": AdvisoryPageFactory(
            title="柬埔寨旧安全提示",
            kind="security",
            severity="alert",
            countries=["KH"],
            issued=today - timedelta(days=40),
            expires=today - timedelta(days=10),
        ),
    }


def test_default_list_is_current_advisories_newest_first(client, index_zh, advisories):
    response = client.get(index_zh.url)
    assert listed(response) == ["柬埔寨治安预警", "柬埔寨税务提示", "泰国安全提醒", "海外商标注册提示"]
    assert 'id="result-count">4 ' in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=security", ["柬埔寨治安预警", "泰国安全提醒"]),
        ("country=KH", ["柬埔寨治安预警", "柬埔寨税务提示", "海外商标注册提示"]),
        ("country=kh", ["柬埔寨治安预警", "柬埔寨税务提示", "海外商标注册提示"]),
        ("severity=alert", ["柬埔寨治安预警"]),
        ("kind=security&country=KH", ["柬埔寨治安预警"]),
        ("kind=security&country=KH&status=all", ["柬埔寨治安预警", "柬埔寨旧安全提示"]),
        ("kind=security&country=KH&status=expired", ["柬埔寨旧安全提示"]),
        ("kind=security&severity=warning&country=TH", ["泰国安全提醒"]),
        ("kind=tax&country=TH", []),
    ],
)
def test_filters_combine(client, index_zh, advisories, query, expected):
    response = client.get(f"{index_zh.url}?{query}")
    assert listed(response) == expected
    assert f'id="result-count">{len(expected)} ' in response.content.decode()


def test_expired_advisories_are_marked(client, index_zh, advisories):
    content = client.get(f"{index_zh.url}?status=expired").content.decode()
    assert "expired-label" in content


def test_invalid_filter_values_are_reported_and_ignored(client, index_zh, advisories):
    response = client.get(f"{index_zh.url}?kind=bogus&country=ZZ&severity=loud&status=later&page=abc")
    assert listed(response) == ["柬埔寨治安预警", "柬埔寨税务提示", "泰国安全提醒", "海外商标注册提示"]
    content = response.content.decode()
    assert content.count('class="errorlist"') == 4
    assert 'aria-invalid="true"' in content


def test_a_valid_filter_still_applies_beside_an_invalid_one(client, index_zh, advisories):
    response = client.get(f"{index_zh.url}?kind=tax&country=??")
    assert listed(response) == ["柬埔寨税务提示"]


def test_pagination_keeps_the_filters(client, index_zh, advisories, monkeypatch):
    monkeypatch.setattr(AdvisoryIndexPage, "per_page", 2)
    first = client.get(f"{index_zh.url}?country=KH")
    assert listed(first) == ["柬埔寨治安预警", "柬埔寨税务提示"]
    next_link = re.search(r'href="(\?[^"]*page=2[^"]*)" rel="next"', first.content.decode()).group(1)
    assert "country=KH" in html.unescape(next_link)
    second = client.get(index_zh.url + html.unescape(next_link))
    assert listed(second) == ["海外商标注册提示"]
    beyond = client.get(f"{index_zh.url}?country=KH&page=99")
    assert listed(beyond) == ["海外商标注册提示"]


def test_each_locale_lists_its_own_advisories(client, index_en, advisories):
    after_commit(add_english, advisories["kh-tax-info"], title="Cambodia tax notice")
    assert listed(client.get(index_en.url)) == ["Cambodia tax notice"]


def test_the_index_is_in_the_readers_language(client, index_zh, index_en):
    english = client.get(index_en.url).content.decode()
    assert "Subscribe to e-mail alerts" in english and "All kinds" in english
    chinese = client.get(index_zh.url).content.decode()
    assert "订阅预警邮件" in chinese and "全部类别" in chinese
    assert "Subscribe to e-mail alerts" not in chinese


def test_index_query_count_does_not_grow_with_content(client, index_zh, today):
    """Measured with the listing's memos missing (each content change moves
    them on; the warm-up lists no advisory, so no entry is kept either): the
    count, the page's advisories and the entries' one read."""

    def count_queries():
        client.get(f"{index_zh.url}?kind=trade")  # warm per-process caches (site root paths, …), no entry
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"{index_zh.url}?status=all")
        assert response.status_code == 200
        return len(queries)

    for n in range(3):
        AdvisoryPageFactory(title=f"少量{n}", countries=["KH"], severity="warning")
    small = count_queries()
    for n in range(15):
        AdvisoryPageFactory(
            title=f"大量{n}", countries=["KH", "TH"], expires=today - timedelta(days=1) if n % 2 else None
        )
    large = count_queries()
    assert large == small


def test_advisory_page_shows_severity_as_text_and_icon(client, advisories):
    content = client.get(advisories["kh-security-alert"].url).content.decode()
    assert 'class="severity severity--alert"><svg' in content
    assert "预警</span>" in content
    assert "柬埔寨" in content


def test_expired_advisory_stays_readable_and_says_so(client, advisories):
    response = client.get(advisories["kh-security-expired"].url)
    assert response.status_code == 200
    assert "notice--expired" in response.content.decode()
