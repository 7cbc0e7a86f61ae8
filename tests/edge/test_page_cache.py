"""The anonymous page cache: what it stores, what it never stores, and that
publishing purges the page itself and every page that lists it."""

import pytest
from django.test import Client
from wagtail import hooks
from wagtail.models import Page, PageViewRestriction

from core.models import CentreDetails
from core.related import HOME_SECTIONS_HOOK, Listing, ListingItem
from edge.cache import CACHE_STATUS_HEADER
from home.models import InformationPage
from tests.factories import InformationPageFactory, restrict

pytestmark = pytest.mark.usefixtures("page_cache_on")


def about(locale):
    return InformationPage.objects.get(locale=locale, slug="about")


def publish(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def test_a_second_anonymous_get_is_served_from_the_cache(client):
    first = client.get("/zh-hans/about/")
    second = client.get("/zh-hans/about/")
    assert first[CACHE_STATUS_HEADER] == "miss"
    assert second[CACHE_STATUS_HEADER] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    # Headers added above the cache are on hits too.
    assert "script-src 'self'" in second["Content-Security-Policy"]


def test_query_strings_are_cached_separately(client):
    client.get("/en/about/?from=newsletter")
    assert client.get("/en/about/?from=newsletter")[CACHE_STATUS_HEADER] == "hit"
    assert client.get("/en/about/?from=wechat")[CACHE_STATUS_HEADER] == "miss"


def test_search_is_never_cached_so_that_every_query_is_counted(client):
    for _ in range(2):
        assert CACHE_STATUS_HEADER not in client.get("/zh-hans/search/?q=投资")


def test_a_cached_page_never_shows_another_locales_content(client, zh, en):
    zh_title, en_title = about(zh).title, about(en).title
    for path in ("/zh-hans/about/", "/en/about/", "/zh-hans/", "/en/"):
        client.get(path)  # fill the cache in both languages
    # A visitor whose browser prefers Chinese still gets the English page at
    # its English URL, and the other way round.
    english = client.get("/en/about/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    chinese = client.get("/zh-hans/about/", HTTP_ACCEPT_LANGUAGE="en")
    assert english[CACHE_STATUS_HEADER] == chinese[CACHE_STATUS_HEADER] == "hit"
    assert en_title in english.content.decode() and zh_title not in english.content.decode()
    assert '<html lang="en">' in english.content.decode()
    assert zh_title in chinese.content.decode() and en_title not in chinese.content.decode()
    assert '<html lang="zh-Hans">' in chinese.content.decode()


def test_the_root_redirect_follows_each_visitors_language(client):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh")["Location"].startswith("/zh-hans/")
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en")["Location"].startswith("/en/")


def test_signed_in_visitors_always_get_a_fresh_page(client, editor):
    client.get("/en/about/")
    client.force_login(editor)
    response = client.get("/en/about/")
    assert CACHE_STATUS_HEADER not in response
    assert client.get("/en/about/").get(CACHE_STATUS_HEADER) is None


@pytest.mark.parametrize("cookie", ["messages", "dismissed_banners", "anything_else"])
def test_a_visitor_with_a_cookie_the_page_may_read_gets_a_fresh_page_that_is_not_stored(client, cookie):
    client.cookies[cookie] = "something"
    assert CACHE_STATUS_HEADER not in client.get("/en/about/")
    del client.cookies[cookie]
    assert client.get("/en/about/")[CACHE_STATUS_HEADER] == "miss"  # nothing was stored for them


def test_a_visitor_with_only_the_csrf_cookie_shares_the_cache(client, settings):
    client.get("/en/about/")
    client.cookies[settings.CSRF_COOKIE_NAME] = "a" * 32
    assert client.get("/en/about/")[CACHE_STATUS_HEADER] == "hit"


def test_admin_and_documents_are_never_cached(client, editor):
    for _ in range(2):
        response = client.get("/admin/login/")
        assert CACHE_STATUS_HEADER not in response


def test_publishing_purges_the_page_itself(client, en):
    page = about(en)
    client.get("/en/about/")
    publish(page, title="About the centre")
    response = client.get("/en/about/")
    assert response[CACHE_STATUS_HEADER] == "miss"
    assert "About the centre" in response.content.decode()


def test_unpublishing_purges_the_page_itself(client, en):
    page = about(en).get_children().get(slug="privacy").specific
    assert client.get("/en/about/privacy/").status_code == 200
    page.unpublish()
    assert client.get("/en/about/privacy/").status_code == 404


@pytest.fixture
def home_lists_information_pages():
    """A home page section listing the live information pages, standing for the
    listings other apps contribute (latest advisories, upcoming events)."""

    def information_pages(locale):
        pages = InformationPage.objects.live().filter(locale=locale).order_by("title")
        return Listing(key="information", title="Information", items=[ListingItem(p.title, p.url) for p in pages])

    with hooks.register_temporarily(HOME_SECTIONS_HOOK, information_pages):
        yield


@pytest.mark.usefixtures("home_lists_information_pages")
def test_publishing_a_new_page_purges_the_home_page_and_listings_that_show_it(client, en, zh):
    client.get("/en/")
    client.get("/zh-hans/")
    assert client.get("/en/")[CACHE_STATUS_HEADER] == "hit"

    InformationPageFactory(
        parent=about(zh),
        title="出口管制问答",
        slug="export-controls",
        body="<p>问答</p>",
        english={"title": "Export control questions", "body": "<p>Questions</p>"},
    )

    english_home = client.get("/en/")
    chinese_home = client.get("/zh-hans/")
    assert english_home[CACHE_STATUS_HEADER] == chinese_home[CACHE_STATUS_HEADER] == "miss"
    assert "Export control questions" in english_home.content.decode()
    assert "出口管制问答" not in english_home.content.decode()
    assert "出口管制问答" in chinese_home.content.decode()


@pytest.mark.usefixtures("home_lists_information_pages")
def test_unpublishing_a_listed_page_purges_the_listing(client, en):
    page = InformationPageFactory(
        parent=about(en), title="Sanctions screening", slug="sanctions", body="<p>How to screen partners</p>"
    )
    assert "Sanctions screening" in client.get("/en/").content.decode()
    assert client.get("/en/")[CACHE_STATUS_HEADER] == "hit"
    page.unpublish()
    response = client.get("/en/")
    assert response[CACHE_STATUS_HEADER] == "miss"
    assert "Sanctions screening" not in response.content.decode()


def test_moving_a_page_purges_the_cache(client, en):
    privacy = InformationPage.objects.get(locale=en, slug="privacy")
    client.get("/en/about/privacy/")
    privacy.move(Page.objects.get(pk=about(en).get_parent().pk), pos="last-child")
    assert client.get("/en/privacy/").status_code == 200
    old_address = client.get("/en/about/privacy/")
    # Wagtail records a permanent redirect to the new address when a page moves.
    assert (old_address.status_code, old_address["Location"]) == (301, "/en/privacy/")
    assert CACHE_STATUS_HEADER not in old_address


def test_saving_a_snippet_shown_on_every_page_purges_the_cache(client, en):
    client.get("/en/about/")
    details = CentreDetails.objects.get(locale=en)
    details.name = "Binjiang Investment Help Desk"
    details.save()
    response = client.get("/en/about/")
    assert response[CACHE_STATUS_HEADER] == "miss"
    assert "Binjiang Investment Help Desk" in response.content.decode()


def test_making_a_page_private_purges_it(client, en):
    page = about(en)
    client.get("/en/about/")
    restrict(page, PageViewRestriction.LOGIN)
    assert client.get("/en/about/").status_code == 302


def test_a_page_with_a_form_is_never_stored_and_its_form_still_submits(en):
    """A password-protected page shows a form with a CSRF token: it must not
    be cached, and the token in each copy must be accepted."""
    page = about(en)
    restrict(page, PageViewRestriction.PASSWORD)
    browser = Client(enforce_csrf_checks=True)
    first = browser.get("/en/about/")
    second = browser.get("/en/about/")
    for response in (first, second):
        assert response.status_code == 200
        assert CACHE_STATUS_HEADER not in response
        assert "csrfmiddlewaretoken" in response.content.decode()
    form = second.context["form"]
    token = second.context["csrf_token"]
    response = browser.post(
        form.action_url if hasattr(form, "action_url") else second.context["action_url"],
        {"password": "open sesame", "return_url": "/en/about/", "csrfmiddlewaretoken": str(token)},
    )
    assert response.status_code == 302
    page_after = browser.get("/en/about/")
    assert page_after.status_code == 200
    assert "csrfmiddlewaretoken" not in page_after.content.decode()
    assert CACHE_STATUS_HEADER not in page_after  # a session now: never from the cache
