"""The guide index: filters, counts, ordering, the region tiles and bounded queries."""

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.vocabularies import collation_key
from guides.freshness import STALE_AFTER_MONTHS, add_months
from tests.factories import CountryGuidePageFactory

pytestmark = pytest.mark.django_db

# country: (region, initiatives, sectors, risk, reviewed)
CATALOGUE = {
    "KH": ("southeast-asia", ["bri", "rcep"], ["textiles", "auto-parts"], "medium", date(2026, 9, 1)),
    "VN": ("southeast-asia", ["bri", "rcep"], ["electronics", "textiles"], "medium", date(2026, 10, 1)),
    "AE": ("west-asia", ["bri"], ["logistics", "finance"], "low", date(2026, 3, 1)),
    "SA": ("west-asia", ["bri"], ["energy"], "medium", date(2026, 5, 1)),
    "HU": ("europe", ["bri"], ["new-energy-batteries", "auto-parts"], "low", date(2025, 8, 1)),
    "HK": ("east-asia", ["gba"], ["finance", "logistics"], "low", date(2026, 11, 1)),
    "DE": ("europe", [], ["auto-parts"], "high", date(2026, 7, 1)),
}

# Written out by hand from the table above, not computed by the code under test.
FILTER_CASES = [
    ("region=southeast-asia", {"KH", "VN"}),
    ("region=europe", {"HU", "DE"}),
    ("initiative=gba", {"HK"}),
    ("initiative=bri", {"KH", "VN", "AE", "SA", "HU"}),
    ("initiative=rcep", {"KH", "VN"}),
    ("sector=auto-parts", {"KH", "HU", "DE"}),
    ("sector=finance", {"AE", "HK"}),
    ("risk=low", {"AE", "HU", "HK"}),
    ("risk=high", {"DE"}),
    ("region=europe&risk=low", {"HU"}),
    ("initiative=bri&sector=auto-parts", {"KH", "HU"}),
    ("region=southeast-asia&sector=electronics", {"VN"}),
    ("region=west-asia&initiative=bri&sector=finance&risk=low", {"AE"}),
    ("region=europe&initiative=gba", set()),
    ("", set(CATALOGUE)),
]


@pytest.fixture
def catalogue(db):
    for country, (region, initiatives, sectors, risk, reviewed) in CATALOGUE.items():
        CountryGuidePageFactory(
            country=country,
            english=True,
            region=region,
            initiatives=initiatives,
            sectors=sectors,
            risk_level=risk,
            reviewed=reviewed,
        )


def _countries(response):
    return [card.guide.country for card in response.context["cards"]]


def _compare_boxes(response):
    return re.findall(r'name="c" value="([A-Z]{2})"', response.content.decode())


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_each_filter_alone_and_combined_returns_exactly_the_matching_guides(client, catalogue, language):
    for query, expected in FILTER_CASES:
        response = client.get(f"/{language}/guides/?{query}")
        assert response.status_code == 200, query
        assert set(_countries(response)) == expected, query
        assert set(_compare_boxes(response)) == expected, query
        assert response.context["total_count"] == len(CATALOGUE)


def test_result_count_is_shown_in_the_readers_language(client, catalogue):
    zh = client.get("/zh-hans/guides/?region=europe").content.decode()
    en = client.get("/en/guides/?region=europe").content.decode()
    assert 'role="status">共 7 份指南，其中 2 份符合条件</p>' in zh
    assert 'role="status">2 of 7 guides</p>' in en
    assert 'role="status">1 of 7 guides</p>' in client.get("/en/guides/?risk=high").content.decode()
    assert 'role="status">7 guides</p>' in client.get("/en/guides/").content.decode()


def test_invalid_filter_values_are_reported_and_left_out(client, catalogue):
    response = client.get("/en/guides/?region=atlantis&risk=low&sector=<script>&sort=sideways")
    assert response.status_code == 200
    # Only the valid filter (risk=low) applies; the others are ignored, not a 500.
    assert set(_countries(response)) == {"AE", "HU", "HK"}
    html = response.content.decode()
    region_select = re.search(r'<select name="region"[^>]*>', html).group()
    assert 'aria-invalid="true"' in region_select and 'aria-describedby="id_region-error"' in region_select
    assert "selected" not in html.split('<select name="region"', 1)[1].split("</select>", 1)[0]
    assert 'id="id_region-error"' in html and "“atlantis” is not one of the options" in html
    assert "<script>" not in html.split("<main", 1)[1]


def test_chinese_list_sorts_by_pinyin_and_english_alphabetically(client, catalogue):
    # 阿拉伯联合酋长国 a, 德国 de, 柬埔寨 jian, 沙特阿拉伯 sha, 匈牙利 xiong, 越南 yue, 中国香港特别行政区 zhong
    assert _countries(client.get("/zh-hans/guides/")) == ["AE", "DE", "KH", "SA", "HU", "VN", "HK"]
    # Cambodia, Germany, Hong Kong SAR, China, Hungary, Saudi Arabia, United Arab Emirates, Vietnam
    assert _countries(client.get("/en/guides/")) == ["KH", "DE", "HK", "HU", "SA", "AE", "VN"]


def test_pinyin_collation_of_a_known_list():
    names = ["柬埔寨", "德国", "阿联酋", "越南", "马来西亚", "匈牙利", "沙特阿拉伯", "印度尼西亚", "巴西"]
    ordered = sorted(names, key=lambda name: collation_key(name, "zh-hans"))
    # a, ba, de, jian, ma, sha, xiong, yin, yue
    assert ordered == ["阿联酋", "巴西", "德国", "柬埔寨", "马来西亚", "沙特阿拉伯", "匈牙利", "印度尼西亚", "越南"]


def test_recently_reviewed_sort_puts_the_latest_review_first(client, catalogue):
    assert _countries(client.get("/en/guides/?sort=reviewed")) == ["HK", "VN", "KH", "DE", "SA", "AE", "HU"]
    assert _countries(client.get("/zh-hans/guides/?sort=reviewed&risk=low")) == ["HK", "AE", "HU"]


def test_cards_show_name_tags_risk_text_and_review_date_without_flags(client, catalogue):
    html = client.get("/zh-hans/guides/").content.decode()
    card = html.split('<li class="card guide-card">')[3]  # 柬埔寨, third in pinyin order
    assert ">柬埔寨</a>" in card
    assert "东南亚" in card and "一带一路" in card and "RCEP" in card
    assert 'aria-hidden="true">●●○</span> 中风险' in card
    assert '<time datetime="2026-09-01">2026年9月1日</time>' in card
    assert not re.search("[\U0001f1e6-\U0001f1ff]", html), "no flag emoji"


def test_stale_guides_are_flagged_on_their_card(client, catalogue):
    html = client.get("/en/guides/?region=europe").content.decode()
    germany, hungary = html.split('<li class="card guide-card">')[1:]
    assert ">Germany</a>" in germany and ">Hungary</a>" in hungary
    assert "Review overdue" in hungary  # reviewed 2025-08-01, fifteen months before the fixed today
    assert "Review overdue" not in germany


# Path data the old Natural Earth border map drew for Cambodia and Hungary.
OLD_BORDER_PATHS = ("M782 196l-1-4 1-4 3 0 3 0 2 2", "M551 72l2 1 0 1-1 0-1 2-1 2-2 1")
TILE = re.compile(r'<a href="([^"]+)" class="region-tile( region-tile--dimmed)?">([^<]+)</a>')


def _region_tiles(html):
    figure = html[html.index('<figure class="region-tiles"') : html.index("</figure>")]
    groups = re.findall(r'<p class="region-tiles__name" id="[^"]+">([^<]+)</p>\s*<ul>(.*?)</ul>', figure, re.S)
    return figure, [(region, TILE.findall(tiles)) for region, tiles in groups]


def test_the_map_is_a_tile_per_guide_grouped_by_region_without_borders(client, catalogue):
    """Every guide is a link named by its country in the reader's language, in
    its region's group (regions in the vocabulary's order, names in pinyin or
    alphabetical order); ones the filters leave out are dimmed. No shape of
    any kind is drawn: bringing back an SVG map fails here."""
    html = client.get("/zh-hans/guides/?region=europe").content.decode()
    figure, groups = _region_tiles(html)
    assert [(region, [(url, name) for url, _dimmed, name in tiles]) for region, tiles in groups] == [
        ("东亚", [("/zh-hans/guides/hk/", "中国香港特别行政区")]),
        ("东南亚", [("/zh-hans/guides/kh/", "柬埔寨"), ("/zh-hans/guides/vn/", "越南")]),
        ("西亚和中东", [("/zh-hans/guides/ae/", "阿拉伯联合酋长国"), ("/zh-hans/guides/sa/", "沙特阿拉伯")]),
        ("欧洲", [("/zh-hans/guides/de/", "德国"), ("/zh-hans/guides/hu/", "匈牙利")]),
    ]
    dimmed = {name for _region, tiles in groups for _url, dimmed, name in tiles if dimmed}
    assert dimmed == {"中国香港特别行政区", "柬埔寨", "越南", "阿拉伯联合酋长国", "沙特阿拉伯"}
    assert "按区域分组" in figure and "深色" in figure
    for language in ("zh-hans", "en"):
        page = client.get(f"/{language}/guides/").content.decode()
        assert "<svg" not in page and "<path" not in page
        assert not any(path in page for path in OLD_BORDER_PATHS)
    _figure, english = _region_tiles(client.get("/en/guides/").content.decode())
    assert english[0] == ("East Asia", [("/en/guides/hk/", "", "Hong Kong SAR, China")])
    assert english[-1][0] == "Europe" and [name for _url, _d, name in english[-1][1]] == ["Germany", "Hungary"]


def test_unpublished_guides_and_other_locales_are_not_listed(client):
    CountryGuidePageFactory(country="KH", english=True)
    CountryGuidePageFactory(country="VN", live=False)
    CountryGuidePageFactory(country="MY")
    assert _countries(client.get("/zh-hans/guides/")) == ["KH", "MY"]
    assert _countries(client.get("/en/guides/")) == ["KH"]


def test_the_index_follows_publishing_at_once(client):
    """The index's guides and their URLs are memoised until a guide in that
    language changes (GuideIndexPage.live_guides and guide_urls,
    edge.chrome.until_area_changes): without the guides' area tag among the
    memo's tags, the index would keep its first list (no Malaysia, Cambodia
    still listed after it is unpublished) and Cambodia's old address."""
    cambodia = CountryGuidePageFactory(country="KH", english=True)
    assert _countries(client.get("/zh-hans/guides/")) == ["KH"]
    assert _countries(client.get("/en/guides/")) == ["KH"]

    CountryGuidePageFactory(country="MY")
    cambodia.slug = "cambodia"
    cambodia.save_revision().publish()
    response = client.get("/zh-hans/guides/")
    assert _countries(response) == ["KH", "MY"]
    assert 'href="/zh-hans/guides/cambodia/"' in response.content.decode()
    assert _countries(client.get("/en/guides/")) == ["KH"]

    cambodia.unpublish()
    assert _countries(client.get("/zh-hans/guides/")) == ["MY"]


def _queries(client, url):
    client.get(url)  # warm the caches Wagtail keeps (site root paths)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_index_queries_do_not_grow_with_the_number_of_guides(client):
    for country in ("KH", "VN"):
        CountryGuidePageFactory(country=country, sectors=["textiles"])
    small = _queries(client, "/zh-hans/guides/?sector=textiles")
    for country in ("MY", "ID", "AE", "SA", "HU", "DE"):
        CountryGuidePageFactory(country=country, sectors=["textiles"])
    large = _queries(client, "/zh-hans/guides/?sector=textiles")
    assert large == small
    assert small <= 25


# ---------------------------------------------------------------- the index's memos (GuideIndexPage)


def tiles(html):
    """{country name: dimmed} of the map's tiles."""
    return {name: bool(dimmed) for _url, dimmed, name in TILE.findall(html)}


def test_a_filter_dims_tiles_for_its_own_request_only(client, catalogue):
    """The map is kept with every tile in full colour and each request dims
    its own: were the dimmed map kept, the unfiltered index would show the
    filtered request's dimming (and the other filter's after it)."""
    europe = tiles(client.get("/en/guides/?region=europe").content.decode())
    assert {name for name, dimmed in europe.items() if not dimmed} == {"Germany", "Hungary"}
    assert not any(tiles(client.get("/en/guides/").content.decode()).values())
    gba = tiles(client.get("/en/guides/?initiative=gba").content.decode())
    assert {name for name, dimmed in gba.items() if not dimmed} == {"Hong Kong SAR, China"}
    assert len(gba) == len(CATALOGUE)


def test_the_map_and_cards_follow_a_guide_published_and_changed(client, catalogue):
    """Without the guides' area tag among their memos' tags, a new guide
    would have no tile and no card, and a changed one would keep its old
    summary and risk."""
    before = client.get("/zh-hans/guides/").content.decode()
    assert "泰国" not in before
    thai = CountryGuidePageFactory(country="TH", region="southeast-asia", risk_level="low", summary="泰国投资概况")
    after = client.get("/zh-hans/guides/").content.decode()
    assert "泰国" in tiles(after) and "泰国投资概况" in after

    thai.summary = "泰国投资概况（更新）"
    thai.risk_level = "high"
    thai.save_revision().publish()
    changed = client.get("/zh-hans/guides/").content.decode()
    assert (
        "泰国投资概况（更新）" in changed
        and "risk--high" in changed.split("泰国投资概况（更新）")[0].rsplit("<li", 1)[1]
    )


def test_a_review_falls_overdue_at_midnight(client, monkeypatch, fixed_today):
    """The cards depend on the date: without it, the card of a guide whose
    review fell overdue at midnight would not say so."""
    CountryGuidePageFactory(country="TH", reviewed=add_months(fixed_today, -STALE_AFTER_MONTHS) + timedelta(days=1))
    first = client.get("/zh-hans/guides/").content.decode()
    assert "guide-card" in first and "badge--stale" not in first
    monkeypatch.setattr("guides.freshness.today", lambda: fixed_today + timedelta(days=1))
    assert "badge--stale" in client.get("/zh-hans/guides/").content.decode()


def test_each_language_has_its_own_map_and_cards(client, catalogue):
    """The memos are kept per reader's language: without it, the English
    index would show the Chinese names kept first."""
    chinese = client.get("/zh-hans/guides/").content.decode()
    english = client.get("/en/guides/").content.decode()
    assert "柬埔寨" in tiles(chinese) and "Cambodia" in tiles(english)
    assert "柬埔寨" not in english.split("<main", 1)[1] and "Last reviewed" in english
