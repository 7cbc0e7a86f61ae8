"""The page cache serves the standard and the elder-friendly reading mode
(core/reading_mode.py) to anonymous visitors without ever mixing them, and
without a cookie (which would take the visitor out of the cache)."""

import pytest

from edge.cache import CACHE_STATUS_HEADER

pytestmark = pytest.mark.usefixtures("page_cache_on")

EASY_ROOT = '<html lang="zh-Hans" class="easy">'
LARGER_ROOT = '<html lang="zh-Hans" class="easy easy--larger">'
STANDARD_ROOT = '<html lang="zh-Hans">'


def root_of(response):
    html = response.content.decode()
    return html[html.index("<html") : html.index(">", html.index("<html")) + 1]


@pytest.mark.parametrize("path", ["/zh-hans/", "/zh-hans/about/"])
def test_each_mode_is_cached_apart_and_never_served_for_the_other(client, path):
    expected = [
        (path, STANDARD_ROOT, "miss"),
        (f"{path}?easy=1", EASY_ROOT, "miss"),
        (f"{path}?easy=2", LARGER_ROOT, "miss"),
        (path, STANDARD_ROOT, "hit"),
        (f"{path}?easy=1", EASY_ROOT, "hit"),
        (f"{path}?easy=2", LARGER_ROOT, "hit"),
        (f"{path}?easy=0", STANDARD_ROOT, "hit"),  # "back to standard" is the standard page's entry
    ]
    for url, root, status in expected:
        response = client.get(url)
        assert (url, root_of(response), response[CACHE_STATUS_HEADER]) == (url, root, status)
        assert not response.cookies


def test_the_mode_is_keyed_by_what_it_selects_not_by_its_spelling(client):
    """The key holds the mode (PAGE_CACHE_KEY_VARIANTS), not the raw parameter:
    an unknown value is the standard page. Keyed by the raw query string, the
    second request would be a miss; keyed by neither, `?easy=1` would be
    served the standard page above."""
    client.get("/zh-hans/about/")
    unknown = client.get("/zh-hans/about/?easy=yes")
    assert (root_of(unknown), unknown[CACHE_STATUS_HEADER]) == (STANDARD_ROOT, "hit")
    easy = client.get("/zh-hans/about/?easy=1")
    assert (root_of(easy), easy[CACHE_STATUS_HEADER]) == (EASY_ROOT, "miss")


def test_the_switch_comes_first_and_links_to_the_same_page_in_the_other_mode(client):
    html = client.get("/zh-hans/about/?from=wechat").content.decode()
    body = html[html.index("<body") :]
    first_link = body[body.index("<a ") : body.index(">", body.index("<a "))]
    assert 'href="/zh-hans/about/?easy=1&amp;from=wechat"' in first_link
    assert body.index("reading-mode__enter") < body.index('class="skip-link"') < body.index("<main")
    assert 'href="/zh-hans/about/?easy=0&amp;from=wechat"' in body  # leave, and "standard" text size
    assert 'href="/zh-hans/about/?easy=2&amp;from=wechat"' in body  # larger text
