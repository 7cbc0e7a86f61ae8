"""Queries as visitors type them (issue 16): traditional characters, Latin
terms on the Chinese page (aliases), pinyin, on every backend (database and
OpenSearch, through the `engine` fixture)."""

import datetime

import pytest

from search import highlight, pinyin, service
from search.models import SearchAlias, SearchQueryStat
from search.query import parse
from tests.factories import CountryGuidePageFactory, DirectoryEntryFactory
from tests.search.test_behaviour import found, keys

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


def test_latin_names_on_the_chinese_page_find_the_chinese_pages(scenario, zh, en):
    """Without the seeded alias 西港 = Sihanoukville (search.aliases) the zh page finds nothing in Chinese."""
    outcome, hits = found("Sihanoukville", zh)
    assert not outcome.other_language
    assert set(keys(scenario, "cambodia_zh", "briefing_zh", "lawyer_zh")) <= set(hits)
    # and the other way round: a Chinese country name on the English page (CLDR names, both languages)
    outcome, hits = found("柬埔寨", en)
    assert not outcome.other_language and hits == keys(scenario, "cambodia_en")


def test_an_alias_an_editor_adds_in_the_admin_works_at_the_next_search(scenario, engine, zh, client, editor):
    """No re-indexing: the alias is applied to the query. Without the cache
    invalidation on save (aliases.forget_editor_groups) the second search
    would still use the cached groups and find nothing."""
    assert found("Mekong Bridge", zh)[1] == []  # cached: the groups without the new alias
    client.force_login(editor)
    response = client.post("/admin/snippets/search/searchalias/add/", {"terms": "湄公桥\nMekong Bridge", "note": ""})
    assert response.status_code == 302, response.content.decode()[:2000]
    try:
        outcome, hits = found("Mekong Bridge", zh)
        assert hits == keys(scenario, "lawyer_zh") and not outcome.other_language
        SearchQueryStat.objects.create(date="2026-01-05", language_code="zh-hans", query_string="mekong bridge")
        report = client.get("/admin/reports/search-queries/").content.decode()
        assert "湄公桥 = Mekong Bridge" in report  # the "Aliases used" column
    finally:
        SearchAlias.objects.filter(terms__contains="Mekong Bridge").delete()
    assert found("Mekong Bridge", zh)[1] == []


def test_an_alias_needs_two_terms(client, editor):
    client.force_login(editor)
    response = client.post("/admin/snippets/search/searchalias/add/", {"terms": "ODI", "note": ""})
    assert response.status_code == 200
    assert "请至少填写两个含义相同的词语。" in response.content.decode()  # the editor works in Chinese
    assert not SearchAlias.objects.filter(terms="ODI").exists()


@pytest.mark.parametrize("typed", ["jianpuzhai", "jian pu zhai", "jiǎnpǔzhài", "Jian3pu3zhai4"])
def test_pinyin_finds_the_chinese_name(scenario, zh, typed):
    """Without search.pinyin the Latin letters match nothing on the Chinese page."""
    outcome, hits = found(typed, zh)
    assert not outcome.other_language
    assert keys(scenario, "cambodia_zh")[0] in hits
    assert set(hits) == set(found("柬埔寨", zh)[1])


def test_pinyin_finds_a_directory_entrys_chinese_name(scenario, zh):
    pinyin.forget()  # the scenario's entries were made after the names were first read
    assert found("meigongqiao lvshi shiwusuo", zh)[1] == keys(scenario, "lawyer_zh")


def test_pinyin_initials_complete_in_suggestions(scenario, zh, rf):
    request = rf.get("/zh-hans/search/suggest/")
    titles = [s["title"] for s in service.suggest(parse("jpz"), zh, request)]
    assert "柬埔寨投资指南" in titles
    titles = [s["title"] for s in service.suggest(parse("jianpuzhai"), zh, request)]
    assert "柬埔寨投资指南" in titles


def test_country_and_kind_find_the_directory_entry(scenario, engine, en):
    """The entry's text says neither "Vietnam" nor "law firm": its country and
    kind are indexed as words (core.areas.facts_as_words); without them the
    guide that mentions the words far apart in its text would be the only result."""
    entry = DirectoryEntryFactory(
        language="en",
        name="Red River Partners",
        description="Company set-up and contracts.",
        key="red-river",
        country="VN",
        kind="law-firm",
        services=["contracts"],
        city="",
    )
    guide = CountryGuidePageFactory(
        language="en",
        title="Mekong Investment Guide",
        slug="vietnam",
        country="VN",
        sections=[],
        summary="Labour law in Vietnam: a firm must register its contracts.",
        reviewed=datetime.date(2026, 1, 15),
    )
    engine.refresh()
    try:
        hits = found("Vietnam law firm", en)[1]
        # found; not necessarily first: nearness of words is not scored (search/README.md "Ranking")
        assert ("directory", entry.pk) in hits and ("guides", guide.pk) in hits
        # the country's name in the other language finds it too (facts carry both)
        assert ("directory", entry.pk) in found("越南", en)[1]
    finally:
        entry.delete()
        guide.delete()
        engine.refresh()


@pytest.mark.parametrize("typed", ["柬埔寨", "Cambodia", "jianpuzhai"])
def test_a_countrys_name_alone_puts_its_guide_first(scenario, zh, typed):
    """Without the country-hub rule in service.search the shorter directory entry and
    event that mention 柬埔寨 can outrank the guide (bm25 favours short texts)."""
    _, hits = found(typed, zh)
    assert hits[0] == keys(scenario, "cambodia_zh")[0]
    assert len(hits) > 1
