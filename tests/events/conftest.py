import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate-limit counters and cached pages live in the cache: start each test clean."""
    cache.clear()
    yield
    cache.clear()
