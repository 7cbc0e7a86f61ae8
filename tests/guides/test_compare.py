"""/guides/compare/?c=KH&c=VN: 2 to 4 countries side by side, clear messages otherwise."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import CountryGuidePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def five_guides(db):
    CountryGuidePageFactory(
        country="KH",
        english=True,
        initiatives=["bri", "rcep"],
        sectors=["textiles"],
        capital="金边",
        capital_source="柬埔寨政府",
        currency="KHR",
        population_millions=17.6,
        gdp_usd_billions=46,
        time_zone="Asia/Phnom_Penh",
    )
    CountryGuidePageFactory(
        country="VN", english=True, initiatives=["rcep"], risk_level="high", currency="VND", population_millions=101.3
    )
    CountryGuidePageFactory(country="MY", english=True, risk_level="low")
    CountryGuidePageFactory(country="ID", english=True)
    CountryGuidePageFactory(country="AE", english=True, region="west-asia")


def _columns(response):
    return [column["card"].guide.country for column in response.context["columns"]]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("codes", [["KH", "VN"], ["VN", "KH", "MY"], ["KH", "VN", "MY", "ID"]])
def test_two_to_four_countries_are_shown_side_by_side_in_the_order_asked(client, five_guides, language, codes):
    response = client.get(f"/{language}/guides/compare/", {"c": codes})
    assert response.status_code == 200
    assert _columns(response) == codes
    assert not response.context["selection"].errors
    html = response.content.decode()
    assert html.count('<th scope="col">') == len(codes)
    assert 'role="alert"' not in html


def test_the_table_holds_formatted_facts_tags_and_derived_gdp_per_person(client, five_guides):
    html = client.get("/en/guides/compare/?c=KH&c=VN").content.decode()
    table = html[html.index('<table class="compare-table">') : html.index("</table>")]
    assert ">Cambodia</a></th>" in table and ">Vietnam</a></th>" in table
    assert "Cambodian Riel (KHR)" in table and "Vietnamese Dong (VND)" in table
    assert "17.6 million" in table and "101.3 million" in table
    assert "US$46 billion" in table
    assert "US$2,614" in table  # 46 billion / 17.6 million people
    assert "UTC+7 (Phnom Penh)" in table
    assert "Source: 柬埔寨政府" in table  # the source travels with the fact (not translated in this test)
    assert 'aria-hidden="true">●●●</span> High risk' in table
    zh = client.get("/zh-hans/guides/compare/?c=KH&c=VN").content.decode()
    assert "1760万" in zh and "460亿美元" in zh and "柬埔寨瑞尔（KHR）" in zh and "2,614美元" in zh


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("c=KH", "Choose at least two countries to compare."),
        ("c=KH&c=kh", "Choose at least two countries to compare."),  # the same country twice is one
        ("c=KH&c=VN&c=MY&c=ID&c=AE", "You can compare at most 4 countries at a time; you chose 5."),
        ("c=KH&c=XX", "“XX” is not a country code."),
        ("c=KH&c=Cambodia", "“Cambodia” is not a country code."),
        ("c=KH&c=DE", "There is no guide to Germany in this language yet."),
        ("c=KH&c=%3Cscript%3E", "“&lt;script&gt;” is not a country code."),
    ],
)
def test_bad_selections_get_a_clear_message_never_a_500(client, five_guides, query, message):
    response = client.get(f"/en/guides/compare/?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html and message in html
    assert "<table" not in html
    assert "<script>" not in html.split("<main", 1)[1]
    # The form is still there, with the valid countries ticked, to try again.
    assert re.search(r'value="KH" checked', html)


def test_messages_are_in_the_readers_language(client, five_guides):
    html = client.get("/zh-hans/guides/compare/?c=KH&c=DE&c=ZZZ").content.decode()
    assert "德国暂无此语言的指南。" in html
    assert "“ZZZ”不是国家或地区代码。" in html
    assert "请至少选择两个" not in html


def test_no_selection_shows_the_picker_in_pinyin_order(client, five_guides):
    response = client.get("/zh-hans/guides/compare/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' not in html
    boxes = re.findall(r'name="c" value="([A-Z]{2})"', html)
    # 阿拉伯联合酋长国, 柬埔寨, 马来西亚, 印度尼西亚, 越南
    assert boxes == ["AE", "KH", "MY", "ID", "VN"]


def test_a_guide_only_in_the_other_language_cannot_be_compared_here(client):
    CountryGuidePageFactory(country="KH", english=True)
    CountryGuidePageFactory(country="VN")
    assert client.get("/zh-hans/guides/compare/?c=KH&c=VN").status_code == 200
    response = client.get("/en/guides/compare/?c=KH&c=VN")
    assert response.status_code == 400
    assert "There is no guide to Vietnam in this language yet." in response.content.decode()


def test_language_switch_keeps_the_selection(client, five_guides):
    html = client.get("/zh-hans/guides/compare/?c=KH&c=VN").content.decode()
    assert 'href="/en/guides/compare/?c=KH&amp;c=VN"' in html


def test_compare_queries_do_not_grow_with_the_number_of_countries(client, five_guides):
    client.get("/en/guides/compare/?c=KH&c=VN")
    with CaptureQueriesContext(connection) as two:
        client.get("/en/guides/compare/?c=KH&c=VN")
    with CaptureQueriesContext(connection) as four:
        client.get("/en/guides/compare/?c=KH&c=VN&c=MY&c=ID")
    assert len(four) == len(two)
