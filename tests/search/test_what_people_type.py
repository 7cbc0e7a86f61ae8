"""Queries as visitors type them (issue 16): traditional characters, on
every backend (database and OpenSearch, through the `engine` fixture)."""

import pytest

from search import highlight, service
from search.query import parse
from tests.search.test_behaviour import found

pytestmark = pytest.mark.django_db


TRADITIONAL = [("知識產權", "知识产权"), ("商標", "商标"), ("西港特區", "西港特区")]


@pytest.mark.parametrize(("traditional", "simplified"), TRADITIONAL)
def test_traditional_characters_find_what_the_simplified_form_finds(scenario, zh, traditional, simplified):
    """Without the OpenCC conversion in search.query.parse the traditional
    query matches nothing (知識產權 and 商標 share no word with the pages)."""
    outcome, hits = found(traditional, zh)
    assert hits, traditional
    assert hits == found(simplified, zh)[1]
    assert not outcome.other_language


def test_traditional_suggestions_complete_like_simplified(scenario, zh, rf):
    request = rf.get("/zh-hans/search/suggest/")
    titles = [s["title"] for s in service.suggest(parse("柬埔寨投資"), zh, request)]
    assert "柬埔寨投资指南" in titles


def test_highlights_mark_the_words_in_the_pages_own_script(scenario, zh):
    html = highlight.snippet(scenario["ip_zh"].summary, parse("知識產權"))
    assert "<mark>知识产权</mark>" in html
