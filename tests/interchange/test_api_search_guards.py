"""The API's ?search= under abuse: the site search's limits and its answer to
a failed engine (search.query, search.service), never a 500."""

import pytest

from search.query import MAX_QUERY_LENGTH
from search.service import RETRY_AFTER_SECONDS
from tests.conftest import engine_at

pytestmark = pytest.mark.django_db

SEARCHABLE_ENDPOINTS = ["pages/", "images/", "documents/", "directory/"]
FIVE_HUNDRED_WORDS = " ".join(f"w{number}" for number in range(500))


@pytest.mark.parametrize("endpoint", SEARCHABLE_ENDPOINTS)
def test_a_500_word_search_is_a_400_that_names_the_limit(client, zh, en, endpoint):
    response = client.get(f"/api/v2/{endpoint}", {"search": FIVE_HUNDRED_WORDS})
    assert response.status_code == 400
    assert response.json() == {"message": f"search cannot be longer than {MAX_QUERY_LENGTH} characters"}


def test_the_limit_is_the_site_searchs(client, zh, en):
    """As long as the site search searches whole: answered; one character more: refused."""
    longest = "w " * (MAX_QUERY_LENGTH // 2 - 1) + "ww"
    assert len(longest) == MAX_QUERY_LENGTH
    assert client.get("/api/v2/pages/", {"search": longest}).status_code == 200
    assert client.get("/api/v2/pages/", {"search": longest + "w"}).status_code == 400


@pytest.mark.parametrize("endpoint", SEARCHABLE_ENDPOINTS)
def test_engine_down_is_a_503_with_the_site_searchs_retry_after(client, zh, en, closed_port, endpoint):
    with engine_at(f"http://127.0.0.1:{closed_port}"):
        response = client.get(f"/api/v2/{endpoint}", {"search": "tax"})
    assert response.status_code == 503
    assert response.json() == {"message": "search is temporarily unavailable; try again later"}
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"


def test_engine_down_leaves_listings_without_search_working(client, zh, en, closed_port):
    with engine_at(f"http://127.0.0.1:{closed_port}"):
        response = client.get("/api/v2/pages/")
    assert response.status_code == 200
