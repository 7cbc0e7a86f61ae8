"""Publishing on one app server is seen by the other, and found by search."""

from .client import app_client, publish_advisory, searchable, signed_in, unique_word, wait_for


def test_a_page_published_on_one_app_server_is_served_fresh_by_the_other_and_found_by_search(conf, visitor):
    """The advisories index is cached in the shared Redis by app server 2
    (and served from there by app server 1); an advisory published through
    the admin on app server 1 is on the index app server 2 serves next,
    and the worker indexes it for search.

    Without the shared cache (each process its own local memory) the second
    server would not answer "hit" for the first one's entry; without the
    purge on publish, app server 2 would keep serving the stale index; without
    the worker (db_worker), the advisory would never be found by search."""
    first, second = app_client(conf, 1), app_client(conf, 2)
    index = "/zh-hans/advisories/"
    second.get(index)
    cached = second.get(index)
    assert cached.status == 200
    assert cached.headers.get("X-Page-Cache") == "hit"
    assert first.get(index).headers.get("X-Page-Cache") == "hit", "app server 1 does not share app server 2's cache"

    word = unique_word()
    published = publish_advisory(signed_in(first, conf), word.capitalize(), f"Topology check {word}.")
    assert published.status == 302, published.text[:2000]

    fresh = second.get(index)
    assert fresh.status == 200
    assert word.capitalize() in fresh.text, "app server 2 served the index from before the publication"
    page = visitor.get(f"/zh-hans/advisories/{word}/")
    assert page.status == 200
    assert word.capitalize() in page.text

    wait_for(lambda: searchable(visitor, word), timeout=60, what=f"the worker indexing {word}")
