import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from advisories.banners import COOKIE_NAME
from advisories.wagtail_hooks import latest_advisories
from core.related import country_hub, home_sections
from tests.factories import AdvisoryPageFactory, add_english, after_commit


def _advisory_listing(listings):
    return next(listing for listing in listings if listing.key == "advisories")


@pytest.fixture
def mix(index_zh, today):
    kh = AdvisoryPageFactory(title="柬埔寨劳工新规", kind="legal", severity="warning", countries=["KH"])
    everywhere = AdvisoryPageFactory(title="境外投资备案提醒", kind="legal", issued=today - timedelta(days=1))
    AdvisoryPageFactory(title="泰国外汇提示", kind="forex", countries=["TH"], issued=today - timedelta(days=2))
    AdvisoryPageFactory(
        title="柬埔寨旧提示", countries=["KH"], issued=today - timedelta(days=30), expires=today - timedelta(days=1)
    )
    after_commit(add_english, kh, title="New labour rules in Cambodia")
    return {"kh": kh, "everywhere": everywhere}


def test_country_hub_lists_current_advisories_for_the_country_and_everywhere(zh, mix):
    listing = _advisory_listing(country_hub("KH", zh))
    assert [item.title for item in listing.items] == ["柬埔寨劳工新规", "境外投资备案提醒"]
    assert listing.more_url.endswith("/zh-hans/advisories/?country=KH")
    assert listing.items[0].badge == "警示"
    assert "柬埔寨" in listing.items[0].note
    assert listing.items[1].url == mix["everywhere"].url


def test_country_hub_is_per_locale(en, mix):
    listing = _advisory_listing(country_hub("KH", en))
    assert [item.title for item in listing.items] == ["New labour rules in Cambodia"]
    assert listing.title == "Current advisories"
    assert listing.items[0].badge == "Warning"


def test_country_hub_ignores_an_invalid_code(zh, mix):
    assert all(listing.key != "advisories" for listing in country_hub("ZZ", zh))


def test_home_page_shows_the_latest_current_advisories(client, home, zh, mix):
    listing = _advisory_listing(home_sections(zh))
    assert [item.title for item in listing.items] == ["柬埔寨劳工新规", "境外投资备案提醒", "泰国外汇提示"]
    content = client.get(home.url).content.decode()
    assert "listing--advisories" in content and "境外投资备案提醒" in content
    assert "柬埔寨旧提示" not in content


def test_home_listing_query_count_is_flat(zh, index_zh):
    def queries():
        latest_advisories(zh)  # warm the site root paths cache
        with CaptureQueriesContext(connection) as captured:
            latest_advisories(zh)
        return len(captured)

    AdvisoryPageFactory(title="一条")
    one = queries()
    for n in range(8):
        AdvisoryPageFactory(title=f"更多{n}", countries=["KH", "LA"])
    assert queries() == one


# ---------------------------------------------------------------- the site banner


BANNER = re.compile(r'<div class="site-banner[^"]*"[^>]*data-banner="([a-z0-9-]+)"')


@pytest.fixture
def alert(index_zh, today):
    page = AdvisoryPageFactory(
        title="红海航运安全预警", kind="security", severity="alert", expires=today + timedelta(days=5)
    )
    after_commit(add_english, page, title="Red Sea shipping security alert")
    return page


def test_a_current_alert_is_a_site_wide_banner_in_each_language(client, home, alert):
    content = client.get(home.url).content.decode()
    assert BANNER.findall(content) == [alert.banner_key]
    assert "红海航运安全预警" in content
    assert 'class="site-banner__dismiss"' in content and "js/banners.js" in content
    english = client.get("/en/").content.decode()
    assert BANNER.findall(english) == [alert.banner_key]  # the same key in every language
    assert "Red Sea shipping security alert" in english


def test_warnings_and_expired_alerts_make_no_banner(client, home, index_zh, today):
    AdvisoryPageFactory(title="只是警告", severity="warning")
    AdvisoryPageFactory(title="过期预警", severity="alert", expires=today - timedelta(days=1))
    content = client.get(home.url).content.decode()
    assert BANNER.findall(content) == []
    assert "js/banners.js" not in content


def test_dismissing_remembers_the_advisory_in_a_cookie(client, home, alert, index_zh):
    response = client.post(
        "/zh-hans/advisories/banners/dismiss/", {"key": alert.banner_key, "next": "/zh-hans/advisories/"}
    )
    assert response.status_code == 302 and response["Location"] == "/zh-hans/advisories/"
    assert client.cookies[COOKIE_NAME].value == alert.banner_key
    assert BANNER.findall(client.get(home.url).content.decode()) == []
    assert BANNER.findall(client.get("/en/").content.decode()) == []
    # A newer alert is still shown.
    newer = AdvisoryPageFactory(title="新的预警", severity="alert")
    assert BANNER.findall(client.get(home.url).content.decode()) == [newer.banner_key]


def test_dismissal_works_without_a_csrf_token(home, alert):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/en/advisories/banners/dismiss/", {"key": alert.banner_key, "next": "/en/"})
    assert response.status_code == 302
    assert alert.banner_key in client.cookies[COOKIE_NAME].value


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/", "javascript:alert(1)"])
def test_dismissal_never_redirects_off_site(client, alert, next_url):
    response = client.post("/en/advisories/banners/dismiss/", {"key": alert.banner_key, "next": next_url})
    assert response["Location"] == "/"


def test_dismissal_refuses_bad_keys_and_cross_site_posts(client, alert):
    client.post("/en/advisories/banners/dismiss/", {"key": "<script>", "next": "/en/"})
    assert COOKIE_NAME not in client.cookies
    client.post(
        "/en/advisories/banners/dismiss/",
        {"key": alert.banner_key, "next": "/en/"},
        headers={"Sec-Fetch-Site": "cross-site"},
    )
    assert COOKIE_NAME not in client.cookies
    assert client.get("/en/advisories/banners/dismiss/").status_code == 405


def test_the_cookie_keeps_a_bounded_number_of_keys(client, alert):
    for n in range(30):
        client.post("/en/advisories/banners/dismiss/", {"key": f"other-{n}", "next": "/en/"})
    client.post("/en/advisories/banners/dismiss/", {"key": alert.banner_key, "next": "/en/"})
    keys = client.cookies[COOKIE_NAME].value.split(".")
    assert len(keys) == 20 and keys[-1] == alert.banner_key and "other-0" not in keys


def test_the_banner_follows_publishing_and_expiry_at_once(client, home, index_zh, today, monkeypatch):
    """The language's alerts are memoised until one of its pages changes
    (advisories.wagtail_hooks._current_alerts): a new alert shows on the very
    next request, never in the other language before its translation, and one
    past its expiry day is dropped on the request, not at the next publish."""
    assert BANNER.findall(client.get(home.url).content.decode()) == []  # the memo now holds "no alerts"
    alert = AdvisoryPageFactory(title="新的预警", severity="alert", expires=today)
    assert BANNER.findall(client.get(home.url).content.decode()) == [alert.banner_key]
    assert BANNER.findall(client.get("/en/").content.decode()) == []

    monkeypatch.setattr("advisories.wagtail_hooks.timezone.localdate", lambda: today + timedelta(days=1))
    assert BANNER.findall(client.get(home.url).content.decode()) == []


def test_the_banner_links_the_alert_where_it_is_now(client, home, index_zh, today):
    """The alert's address is memoised with the alerts (per site and
    language, until a page of the language changes): renaming the alert
    moves the banner's link on the next request."""
    link = re.compile(r'<div class="site-banner.*?<a href="([^"]+)"', re.DOTALL)
    alert = AdvisoryPageFactory(title="改名预警", severity="alert", expires=today)
    assert link.findall(client.get(home.url).content.decode()) == [alert.url]
    alert.slug = "renamed-alert"
    alert.save_revision().publish()
    assert link.findall(client.get(home.url).content.decode()) == ["/zh-hans/advisories/renamed-alert/"]
