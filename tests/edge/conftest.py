import pytest


@pytest.fixture
def page_cache_on(settings, db):
    """The page cache switched on (it is off in the test settings); tests/conftest.py empties it."""
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def memo_builds(monkeypatch):
    """The keys of the memos (edge.chrome.memoised) built from now on: a list
    that grows as they are; clear it to start counting again."""
    from edge import chrome

    built = []
    original = chrome.memoised

    def recording(key, tags, build, **options):
        return original(key, tags, lambda: built.append(key) or build(), **options)

    monkeypatch.setattr(chrome, "memoised", recording)
    return built
