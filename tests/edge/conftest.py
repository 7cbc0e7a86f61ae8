import pytest


@pytest.fixture
def page_cache_on(settings, db):
    """The page cache switched on (it is off in the test settings); tests/conftest.py empties it."""
    settings.PAGE_CACHE_SECONDS = 600
