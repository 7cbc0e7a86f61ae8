"""Parts of the topology stopped while visitors keep coming.

Each test restores what it stopped, whatever happens."""

import threading

import pytest

from .client import control, form_fields, make_client, publish_advisory, searchable, unique_word, wait_for

PAGES = ["/zh-hans/", "/en/", "/zh-hans/guides/", "/en/advisories/", "/zh-hans/events/", "/en/directory/"]


@pytest.fixture
def app_server_1_stopped():
    control("stop-app", "1")
    yield
    control("start-app", "1")


def test_with_one_app_server_stopped_nginx_serves_every_request(visitor, app_server_1_stopped):
    """Every request through nginx is answered 200 while app server 1 is down.

    With one upstream server, or with `proxy_next_upstream off` in
    deploy/nginx/outbound.conf, the requests nginx sends to the stopped
    server are answered 502 (tried: the first of the 40 already is)."""
    statuses = [visitor.get(PAGES[number % len(PAGES)]).status for number in range(40)]
    assert statuses == [200] * 40


def test_an_upgrade_restarts_the_app_servers_one_by_one_without_a_failed_request(conf):
    """README "Upgrade": migrate and collectstatic while the old version serves, then restart
    the app servers one by one; visitors meanwhile get 200 every time.

    Without the failover (one upstream server, or `proxy_next_upstream off`),
    the requests during each restart would be answered 502."""
    statuses, stop = [], threading.Event()

    def visit():
        client = make_client(conf)
        number = 0
        while not stop.is_set():
            statuses.append(client.get(PAGES[number % len(PAGES)]).status)
            number += 1

    visitor = threading.Thread(target=visit)
    visitor.start()
    try:
        control("manage", "migrate", "--no-input")
        control("manage", "collectstatic", "--no-input")
        for number in ("1", "2"):
            control("stop-app", number)
            control("start-app", number)
    finally:
        stop.set()
        visitor.join()
    assert len(statuses) > 10
    assert [status for status in statuses if status != 200] == []


@pytest.fixture
def redis_stopped():
    control("stop-redis")
    yield
    control("start-redis")


def test_with_redis_stopped_pages_are_served_uncached_and_a_form_still_works(visitor, redis_stopped):
    """Pages are served (never from the cache) and an alert subscription is
    accepted while Redis is down.

    Without `IGNORE_EXCEPTIONS` in the production cache settings (or with
    sessions kept in the cache) every request would answer 500; without the
    public forms' fail-open on an unreadable rate-limit counter
    (core/public_forms.py) the subscription would be answered 429 (tried)."""
    for path in PAGES:
        first, second = visitor.get(path), visitor.get(path)
        assert (first.status, second.status) == (200, 200), path
        assert second.headers.get("X-Page-Cache") != "hit", path

    form_page = visitor.get("/en/advisories/subscribe/")
    assert form_page.status == 200
    fields = [(k, v) for k, v in form_fields(form_page.text, "/subscribe/") if k not in {"email", "language"}]
    fields += [("email", "topology-redis-down@example.org"), ("language", "en"), ("kinds", "legal")]
    sent = visitor.post("/en/advisories/subscribe/", fields)
    assert sent.status == 302, sent.text[:2000]
    assert sent.headers["Location"].endswith("/en/advisories/subscribe/sent/")
    assert visitor.get("/en/advisories/subscribe/sent/").status == 200


@pytest.fixture
def search_engine_stopped():
    control("stop-search")
    yield
    control("start-search")


def test_with_opensearch_stopped_publishing_works_and_the_pages_are_indexed_when_it_is_back(
    admin, visitor, search_engine_stopped
):
    """While OpenSearch is down, publishing succeeds and search answers 503;
    once it is back, every advisory published meanwhile is found by search
    without anybody running update_index.

    Without the durable search outbox (index work kept in the database and
    retried until the engine takes it), the pages published during the
    outage would stay out of the index until a manual update_index."""
    words = [unique_word() for _ in range(2)]
    for word in words:
        published = publish_advisory(admin, word.capitalize(), f"Published while the engine was down: {word}.")
        assert published.status == 302, published.text[:2000]
        assert visitor.get(f"/zh-hans/advisories/{word}/").status == 200

    down = visitor.get(f"/zh-hans/search/?q={words[0]}")
    assert down.status == 503
    assert down.headers.get("Retry-After")

    control("start-search")
    for word in words:
        wait_for(lambda word=word: searchable(visitor, word), timeout=90, interval=2, what=f"{word} found again")
