"""A request reads each page-cache tag's version once (edge.purge.
versions_read_once, entered by edge.chrome.KnownSiteMiddleware): the dozen
memos a page consults cost one or two cache reads, and what a request reads
is still never older than the request, nor kept after it."""

import pytest

from edge import chrome, purge
from edge.purge import SITE, current_versions, purge_tags, versions_for_storing, versions_read_once
from tests.factories import CountryGuidePageFactory
from tests.pages import html

pytestmark = pytest.mark.django_db


@pytest.fixture
def cache_reads(monkeypatch):
    """The tag-version reads (get_many calls) made from now on."""
    reads = []
    original = purge.page_cache

    class Counting:
        def __init__(self, cache):
            self.cache = cache

        def get_many(self, keys):
            reads.append(list(keys))
            return self.cache.get_many(keys)

        def __getattr__(self, name):
            return getattr(self.cache, name)

    monkeypatch.setattr(purge, "page_cache", lambda: Counting(original()))
    return reads


def test_a_guide_page_reads_the_versions_in_a_few_reads(client, cache_reads, monkeypatch):
    """The guide's memos (site, chrome, restrictions, translations, index
    page, hub, fragments …) are consulted a dozen times or more; without the
    request's reading once each would be one read."""
    guide = CountryGuidePageFactory(country="KH")
    html(client, guide.url)
    consulted = []
    original = chrome.memoised
    monkeypatch.setattr(
        chrome, "memoised", lambda key, *args, **options: consulted.append(key) or original(key, *args, **options)
    )
    cache_reads.clear()
    html(client, guide.url)
    assert len(consulted) >= 10
    assert len(cache_reads) <= 4


def test_a_purge_in_the_request_is_seen_by_its_next_read():
    """A request that saves content reads the versions its purge moved on:
    without purge_tags forgetting what was read, the second read here would
    answer the version from before the purge."""
    with versions_read_once():
        before = versions_for_storing({SITE})[SITE]
        purge_tags({SITE})
        assert current_versions({SITE})[SITE] != before


def test_what_a_request_read_is_not_kept_after_it():
    """Outside a request every read asks the cache: a purge between two
    requests is seen by the second."""
    with versions_read_once():
        before = versions_for_storing({SITE})[SITE]
    purge_tags({SITE})
    with versions_read_once():
        assert current_versions({SITE})[SITE] != before
    assert current_versions({SITE})[SITE] != before
