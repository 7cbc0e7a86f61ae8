import pytest
from django.core.cache import cache


@pytest.fixture
def page_cache_on(settings, db):
    """The page cache switched on (it is off in the test settings) and empty."""
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def fresh_rate_limits():
    """Login attempt counters live in the cache, which outlives each test."""
    cache.clear()
    yield
    cache.clear()
