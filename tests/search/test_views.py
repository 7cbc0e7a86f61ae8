"""The search page and the suggestion endpoint (database backend)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from modelsearch.backends import get_search_backend
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from core.vocabularies import country_name
from search import service
from search.stats import query_counter
from tests.factories import CountryGuidePageFactory, DirectoryEntryFactory, EventPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", params=["database"])
def engine(request):
    """These tests use the configured database backend only."""
    from modelsearch.backends import get_search_backend

    from tests.search.conftest import Engine

    return Engine("database", get_search_backend())


def test_search_page_lists_results_with_highlights_facets_and_count(client, scenario):
    response = client.get("/zh-hans/search/", {"q": "西港"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "共 3 条" in html
    assert "<mark>西港</mark>" in html
    assert scenario["cambodia_zh"].url in html
    assert "/zh-hans/directory/" in html  # the law firm's entry page
    assert re.search(r"柬埔寨 <span[^>]*>\(3\)</span>", html)
    assert "待审核" not in html and "草稿" not in html


def test_english_page_shows_english_results_only(client, scenario):
    html = client.get("/en/search/", {"q": "Madrid"}).content.decode()
    assert "Protect trademarks and patents" in html
    assert "商标" not in html


def test_filters_combine_and_bad_values_are_reported_not_fatal(client, scenario):
    html = client.get("/zh-hans/search/", {"q": "西港", "type": "directory", "country": "KH"}).content.decode()
    assert "湄公桥律师事务所" in html and "柬埔寨投资指南" not in html
    response = client.get("/zh-hans/search/", {"q": "西港", "type": "<script>", "country": "ZZZ", "page": "-3"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "&lt;script&gt;" not in html and "<script>" not in html.split("</header>")[1].split("<script src")[0]
    assert "柬埔寨投资指南" in html  # ignored filters: everything again


def test_facet_links_keep_the_query_and_the_other_filter(client, scenario):
    """The facet lists are written by search_tags.facet_items (not a template
    loop): a selected facet shows its count and a translated "remove" link that
    drops only that filter; the others link to the query with both filters."""
    html = client.get("/zh-hans/search/", {"q": "西港", "country": "KH"}).content.decode()
    query = "?q=%E8%A5%BF%E6%B8%AF"  # 西港
    assert f'<span aria-current="true">柬埔寨 (3)</span> <a class="search-facets__remove" href="{query}">取消' in html
    assert f'<a href="{query}&amp;type=directory&amp;country=KH">' in html
    html = client.get("/en/search/", {"q": "Sihanoukville", "type": "guides"}).content.decode()
    assert '<a class="search-facets__remove" href="?q=Sihanoukville">remove<span class="visually-hidden"> ' in html
    link = '<a href="?q=Sihanoukville&amp;type=guides&amp;country=KH">'
    assert f'{link}Cambodia <span class="search-facets__count">(1)</span>' in html


def test_the_countries_with_most_results_are_listed_and_all_one_link_away(client, scenario, monkeypatch):
    """A common word concerns a couple of hundred countries: the country facet
    lists those with the most results (service.COUNTRY_FACETS) and links to
    all of them; a chosen country stays listed wherever it ranks, the other
    links keep the choice to see all, and an unknown value of that option is
    reported and ignored."""
    monkeypatch.setattr(service, "COUNTRY_FACETS", 2)
    for number, country in enumerate(["LA", "LA", "LA", "MM", "MM", "PH"]):
        DirectoryEntryFactory(name=f"湄南河咨询公司{number}", description="湄南河咨询。", country=country)
    laos, myanmar, philippines = (country_name(code, "zh-hans") for code in ("LA", "MM", "PH"))
    query = "?q=%E6%B9%84%E5%8D%97%E6%B2%B3"  # 湄南河

    def country_facets(html):
        return html.split('id="facet-country-heading"')[1].split("</nav>")[0]

    facets = country_facets(client.get("/zh-hans/search/", {"q": "湄南河"}).content.decode())
    assert f"{laos} <span" in facets and f"{myanmar} <span" in facets and philippines not in facets
    assert f'<a href="{query}&amp;countries=all">显示全部 3 个国家和地区</a>' in facets

    html = client.get("/zh-hans/search/", {"q": "湄南河", "countries": "all"}).content.decode()
    facets = country_facets(html)
    assert f'<a href="{query}&amp;country=PH&amp;countries=all">{philippines} <span' in facets
    assert f'<a href="{query}">只显示结果最多的国家和地区</a>' in facets
    assert f'href="{query}&amp;type=directory&amp;countries=all"' in html

    facets = country_facets(client.get("/zh-hans/search/", {"q": "湄南河", "country": "PH"}).content.decode())
    assert f'<span aria-current="true">{philippines} (1)</span>' in facets and f"{laos} <span" in facets

    html = client.get("/zh-hans/search/", {"q": "湄南河", "countries": "<b>every</b>"}).content.decode()
    assert "无法识别国家和地区列表选项，已忽略。" in html
    assert philippines not in country_facets(html) and "<b>every" not in html


def test_pagination_clamps_out_of_range_pages(client, scenario, monkeypatch):
    monkeypatch.setattr(service, "PER_PAGE", 1)
    response = client.get("/zh-hans/search/", {"q": "西港", "page": "999"})
    assert response.status_code == 200
    assert 'aria-current="page"' in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        '"unbalanced',
        "((西港)",
        "AND OR NOT",
        "title:foo^2 bar~ [a TO z] {x}",
        "*:*",
        "\\",
        "' OR 1=1 --",
        "emoji 🇰🇭🏭 search",
        "\x00\x01\x1f",
        "西港" * 5000,
        "a " * 5000,
    ],
)
def test_any_query_gets_results_or_a_message_never_an_error(client, scenario, query):
    response = client.get("/en/search/", {"q": query})
    assert response.status_code == 200
    response = client.get("/en/search/suggest/", {"q": query})
    assert response.status_code == 200


def test_long_queries_are_cut_with_a_notice(client, scenario):
    html = client.get("/en/search/", {"q": "Madrid " * 100}).content.decode()
    assert "only its first 200 characters were searched" in html


def test_the_page_is_cacheable_and_writes_nothing(client, scenario):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/zh-hans/search/", {"q": "西港"})
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert writes == []
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    assert not response.cookies
    assert query_counter.pending() == 1


def test_query_count_does_not_grow_with_content(client, scenario, zh):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/zh-hans/search/", {"q": "投资"})
        assert response.status_code == 200
        return len(queries), response.context["outcome"].total

    before, found_before = count_queries()  # a guide, an event and a directory entry
    for number, country in enumerate(["LA", "MM", "PH", "BN", "NP", "LK", "PK", "KZ", "UZ", "EG", "KE", "NG"]):
        CountryGuidePageFactory(country=country, title=f"测试国家{number}投资指南", summary="投资环境介绍。")
        DirectoryEntryFactory(name=f"测试投资咨询公司{number}", description="投资咨询。", country=country)
    EventPageFactory(title="投资政策培训", summary="投资政策解读。")
    after, found_after = count_queries()
    assert found_after >= found_before + 25
    assert after <= before


def test_each_source_matches_the_full_text_index_once(client, scenario):
    """Scores come from the same pass as the matches, not from a subquery that
    repeats the full-text match for every matching row (quadratic in the
    number of matches: seconds for a common word on a large site)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/search/", {"q": "investment"})
    assert response.status_code == 200
    assert response.context["outcome"].total > 0
    matching = [q["sql"] for q in queries if re.search(r" MATCH |@@", q["sql"])]
    assert matching, "no full-text query was run"
    for sql in matching:
        assert len(re.findall(r" MATCH |@@", sql)) == 1, sql


def test_suggestions_are_json(client, scenario):
    response = client.get("/zh-hans/search/suggest/", {"q": "西港特"})
    assert response.status_code == 200
    data = response.json()
    assert data["query"] == "西港特"
    assert any(item["title"] == "柬埔寨西港特区投资说明会" and item["url"] for item in data["suggestions"])
    assert client.get("/zh-hans/search/suggest/", {"q": ""}).json()["suggestions"] == []


def test_editors_promotions_come_first_in_each_language(client, scenario):
    promoted = scenario["vietnam_zh"]
    english = promoted.copy_for_translation(scenario["cambodia_en"].locale)
    english.title = "Vietnam guide (translation)"
    english.save_revision().publish()
    # Searched before the promotion exists: the promoted query strings are
    # memoised (search.promotions), and the promotion's save must clear them.
    assert "中心推荐" not in client.get("/zh-hans/search/", {"q": "RCEP"}).content.decode()
    SearchPromotion.objects.create(query=Query.get("rcep"), page=promoted, description="中心推荐")
    html = client.get("/zh-hans/search/", {"q": "RCEP"}).content.decode()
    assert "推荐" in html and promoted.url in html and "中心推荐" in html
    html = client.get("/en/search/", {"q": "rcep"}).content.decode()
    assert "Vietnam guide (translation)" in html


def test_engine_failure_gives_a_503_page(client, scenario, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("engine down")

    monkeypatch.setattr(service, "_ranked_ids", broken)
    results_class = get_search_backend().results_class
    if hasattr(results_class, "relevance_ranked_entries"):  # SQLite's one pass for every source
        monkeypatch.setattr(results_class, "relevance_ranked_entries", broken)
    response = client.get("/zh-hans/search/", {"q": "西港"})
    assert response.status_code == 503
    assert "搜索暂时无法使用" in response.content.decode()
    assert "Traceback" not in response.content.decode()
    assert response["Retry-After"]
    response = client.get("/zh-hans/search/suggest/", {"q": "西港"})
    assert response.status_code == 503 and response.json()["error"] == "unavailable"


def test_search_form_without_a_query_is_a_plain_page(client, db):
    response = client.get("/en/search/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'for="search-q"' in html and 'id="search-q"' in html
