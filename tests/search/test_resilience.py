"""A search engine that is down or too slow: a 503 page for visitors, and
publishing still works (the update waits in the search index outbox,
tests/search/test_index_outbox.py)."""

import logging
import socket
import threading

import pytest

from search.models import PendingIndexUpdate
from tests.conftest import engine_at
from tests.factories import CountryGuidePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def silent_server():
    """Accepts connections and never answers (a hung engine); stops after the test."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.2)
    stop = threading.Event()
    held = []

    def accept():
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join(timeout=2)
    for connection in held:
        connection.close()
    server.close()


def test_engine_down_gives_503_not_a_traceback(client, closed_port):
    with engine_at(f"http://127.0.0.1:{closed_port}"):
        response = client.get("/zh-hans/search/", {"q": "西港"})
        suggest = client.get("/en/search/suggest/", {"q": "Camb"})
    assert response.status_code == 503
    html = response.content.decode()
    assert "搜索暂时无法使用" in html
    assert "Traceback" not in html and "ConnectionError" not in html
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"
    assert suggest.status_code == 503


def test_slow_engine_times_out_into_503(client, silent_server):
    with engine_at(f"http://127.0.0.1:{silent_server}"):
        response = client.get("/en/search/", {"q": "Cambodia"})
    assert response.status_code == 503
    assert "Search is temporarily unavailable" in response.content.decode()


def test_publishing_works_while_the_engine_is_down(zh, closed_port, caplog):
    with engine_at(f"http://127.0.0.1:{closed_port}"), caplog.at_level(logging.WARNING, logger="outbound.search"):
        page = CountryGuidePageFactory(country="LA", title="老挝投资指南")
    assert page.live
    assert any("not accepted by the search backend" in record.getMessage() for record in caplog.records)
    assert PendingIndexUpdate.objects.filter(model_label="guides.countryguidepage", object_pk=str(page.pk)).exists()
