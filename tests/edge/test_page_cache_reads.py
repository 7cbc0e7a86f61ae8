"""A cache hit reads the cache once: the entry together with the current
versions of the tags it recorded, which the process remembers from storing or
serving it (edge.cache.fresh_entry). What it remembers only chooses what to
read at once: every tag the entry recorded is still compared, so a purge is
never missed, even for an entry another process stored."""

import pytest

from edge import cache as page_cache_module
from edge.cache import CACHE_STATUS_HEADER, cache_key
from edge.purge import page_cache
from home.models import InformationPage

pytestmark = pytest.mark.usefixtures("page_cache_on")

PATH = "/en/about/"


@pytest.fixture
def reads(monkeypatch):
    """The page cache's reads from now on, as ("get" or "get_many", keys): one
    per call the site makes (a backend's get_many that calls its own get is one)."""
    calls, depth = [], []
    backend = page_cache()
    for name in ("get", "get_many"):
        original = getattr(backend, name)

        def spy(keys, *args, name=name, original=original, **kwargs):
            if not depth:
                calls.append((name, keys))
            depth.append(name)
            try:
                return original(keys, *args, **kwargs)
            finally:
                depth.pop()

        monkeypatch.setattr(backend, name, spy)
    return calls


def republish(en):
    about = InformationPage.objects.get(locale=en, slug="about")
    about.title = "About the centre, revised"
    about.save_revision().publish()


def test_a_hit_is_one_cache_read(client, reads):
    """Without the remembered tags a hit read the entry, then its tags' versions: two reads."""
    assert client.get(PATH)[CACHE_STATUS_HEADER] == "miss"
    reads.clear()
    assert client.get(PATH)[CACHE_STATUS_HEADER] == "hit"
    assert len(reads) == 1
    [(name, keys)] = reads
    assert name == "get_many" and len(keys) > 3  # the entry, the site, the language, the page …


def test_a_purge_after_a_hit_is_a_miss(client, en):
    client.get(PATH)
    assert client.get(PATH)[CACHE_STATUS_HEADER] == "hit"
    republish(en)
    response = client.get(PATH)
    assert response[CACHE_STATUS_HEADER] == "miss"
    assert "About the centre, revised" in response.content.decode()


@pytest.mark.parametrize("remembered", [None, ("site",)])
def test_an_entry_whose_tags_the_process_does_not_know_is_checked_against_all_of_them(
    client, rf, en, reads, remembered
):
    """As for an entry another process stored (nothing remembered) or one
    remembered with fewer tags than it recorded: the other tags' versions are
    read in a second read, so the entry is still a hit until one of them is
    purged, and a miss after."""
    client.get(PATH)
    key = cache_key(rf.get(PATH), "en")

    def forget():
        if remembered is None:
            page_cache_module._known_tags.pop(key)
        else:
            page_cache_module._known_tags[key] = remembered

    forget()
    reads.clear()
    assert client.get(PATH)[CACHE_STATUS_HEADER] == "hit"
    assert len(reads) == 2
    forget()
    republish(en)
    response = client.get(PATH)
    assert response[CACHE_STATUS_HEADER] == "miss"
    assert "About the centre, revised" in response.content.decode()


def test_the_process_remembers_a_bounded_number_of_entries(monkeypatch):
    """The oldest remembered entry is forgotten first (its next hit costs a second read, nothing else)."""
    monkeypatch.setattr(page_cache_module, "_known_tags", {})
    monkeypatch.setattr(page_cache_module, "KNOWN_TAGS_LIMIT", 2)
    for key in ("a", "b", "a", "c"):
        page_cache_module.remember_tags(key, {"site": 1})
    assert list(page_cache_module._known_tags) == ["a", "c"]
