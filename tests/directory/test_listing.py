"""The public directory: filters, ordering, pagination, entry pages."""

import datetime
import json
import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from directory.models import DirectoryEntry, EntryStatus
from tests.factories import DirectoryEntryFactory, english_of

pytestmark = pytest.mark.django_db


def listed_names(response):
    """Entry names in the order the list shows them."""
    html = response.content.decode()
    return [unescape(name) for name in re.findall(r'class="directory-entry__name"><a href="[^"]*">([^<]*)</a>', html)]


def result_count(response):
    match = re.search(r'class="result-count" role="status">([^<]*)<', response.content.decode())
    return int(re.search(r"\d+", match.group(1)).group())


@pytest.fixture
def catalogue(zh):
    """Five listed entries with different countries, kinds, services and languages."""
    DirectoryEntryFactory(
        locale=zh,
        key="phnom-law",
        name="金边律师",
        kind="law-firm",
        country="KH",
        services=["company-setup", "labour"],
        languages=["zh", "km"],
    )
    DirectoryEntryFactory(
        locale=zh,
        key="phnom-tax",
        name="柬税会计",
        kind="accounting",
        country="KH",
        services=["tax", "audit"],
        languages=["zh", "en"],
    )
    DirectoryEntryFactory(
        locale=zh,
        key="dubai-law",
        name="迪拜律师",
        kind="law-firm",
        country="AE",
        services=["dispute-resolution"],
        languages=["ar", "en"],
    )
    DirectoryEntryFactory(
        locale=zh,
        key="dubai-bank",
        name="迪拜银行",
        kind="finance",
        country="AE",
        services=["tax", "bank-account"],
        languages=["zh-Hant"],
    )
    DirectoryEntryFactory(
        locale=zh,
        key="hk-chamber",
        name="香港商会",
        kind="chamber",
        country="HK",
        services=["matchmaking"],
        languages=["yue", "zh"],
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=KH", {"金边律师", "柬税会计"}),
        ("kind=law-firm", {"金边律师", "迪拜律师"}),
        ("service=tax", {"柬税会计", "迪拜银行"}),
        ("language=zh", {"金边律师", "柬税会计", "香港商会"}),  # not zh-Hant: a tag matches whole
        ("language=zh-Hant", {"迪拜银行"}),
        ("country=KH&kind=law-firm", {"金边律师"}),
        ("country=AE&service=tax", {"迪拜银行"}),
        ("kind=law-firm&language=en", {"迪拜律师"}),
        ("country=KH&kind=accounting&service=audit&language=en", {"柬税会计"}),
        ("country=HK&kind=law-firm", set()),
    ],
)
def test_filters_combine_and_show_a_count(client, directory_zh, catalogue, query, expected):
    response = client.get(f"{directory_zh.url}?{query}")
    assert response.status_code == 200
    assert set(listed_names(response)) == expected
    assert result_count(response) == len(expected)


def test_filter_choices_offer_what_listed_entries_have(client, directory_zh, catalogue, zh):
    DirectoryEntryFactory(
        locale=zh, key="hidden", name="待审机构", country="MX", languages=["es"], status=EntryStatus.PENDING
    )
    html = client.get(directory_zh.url).content.decode()
    assert '<option value="KH">柬埔寨</option>' in html
    assert '<option value="yue">粤语</option>' in html
    assert 'value="MX"' not in html and 'value="es"' not in html


@pytest.mark.parametrize(
    "query",
    ["country=XX", "kind=bogus", "service=%3Cscript%3E", "language=zz-ZZ-x", "sort=random", "country=KH&kind=nope"],
)
def test_unknown_filter_values_are_reported_and_ignored(client, directory_en, en, query):
    DirectoryEntryFactory(locale=en, key="kh-1", name="One", country="KH")
    DirectoryEntryFactory(locale=en, key="kh-2", name="Two", country="KH", kind="accounting")
    DirectoryEntryFactory(locale=en, key="ae-1", name="Three", country="AE")
    response = client.get(f"{directory_en.url}?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    assert "so this filter was not applied" in unescape(html)
    assert "<script>" not in html.split("<main", 1)[1]
    assert result_count(response) == (2 if "country=KH" in query else 3)


def test_names_sort_by_pinyin_in_chinese(client, directory_zh, zh):
    for key, name in [
        ("z", "中亚商会"),
        ("a", "澳门咨询"),
        ("b", "北方律师"),
        ("x", "新加坡银行"),
        ("e", "Eastern Park"),
    ]:
        DirectoryEntryFactory(locale=zh, key=key, name=name)
    # ao4 < bei3 < Eastern < xin1 < zhong1: a Chinese dictionary's order, Latin names among them
    assert listed_names(client.get(directory_zh.url)) == [
        "澳门咨询",
        "北方律师",
        "Eastern Park",
        "新加坡银行",
        "中亚商会",
    ]


def test_names_sort_alphabetically_in_english(client, directory_en, en):
    for key, name in [("z", "zenith Partners"), ("a", "Atlas Law"), ("m", "Mekong Bank")]:
        DirectoryEntryFactory(locale=en, key=key, name=name)
    assert listed_names(client.get(directory_en.url)) == ["Atlas Law", "Mekong Bank", "zenith Partners"]


def test_sort_by_most_recently_verified(client, directory_zh, zh):
    today = timezone.localdate()
    DirectoryEntryFactory(locale=zh, key="old", name="老机构", verified_on=today - datetime.timedelta(days=900))
    DirectoryEntryFactory(locale=zh, key="never", name="未核实", verified_on=None)
    DirectoryEntryFactory(locale=zh, key="new", name="新机构", verified_on=today)
    DirectoryEntryFactory(locale=zh, key="mid", name="中间机构", verified_on=today - datetime.timedelta(days=100))
    response = client.get(f"{directory_zh.url}?sort=verified")
    assert listed_names(response) == ["新机构", "中间机构", "老机构", "未核实"]


def test_pagination_keeps_the_filters(client, directory_zh, zh):
    for number in range(25):
        DirectoryEntryFactory(
            locale=zh, key=f"org-{number:02d}", name=f"Org {number:02d}", country="VN" if number % 2 else "KH"
        )
    first = client.get(f"{directory_zh.url}?country=KH")
    assert result_count(first) == 13
    assert len(listed_names(first)) == 13
    everything = client.get(directory_zh.url)
    assert len(listed_names(everything)) == 20
    assert 'href="?page=2"' in everything.content.decode()
    second = client.get(f"{directory_zh.url}?page=2")
    assert len(listed_names(second)) == 5
    filtered_second = client.get(f"{directory_zh.url}?country=VN&page=1")
    assert set(listed_names(filtered_second)) == {f"Org {n:02d}" for n in range(1, 25, 2)}


@pytest.mark.parametrize("page", ["abc", "999", "-1", "0", "1.5"])
def test_bad_page_numbers_do_not_break_the_list(client, directory_zh, catalogue, page):
    response = client.get(f"{directory_zh.url}?page={page}")
    assert response.status_code == 200
    assert len(listed_names(response)) == 5


def test_pending_and_withdrawn_entries_are_never_public(client, directory_zh, zh):
    DirectoryEntryFactory(locale=zh, key="listed", name="公开机构")
    DirectoryEntryFactory(locale=zh, key="waiting", name="待审机构", status=EntryStatus.PENDING)
    DirectoryEntryFactory(locale=zh, key="gone", name="已撤机构", status=EntryStatus.WITHDRAWN)
    response = client.get(directory_zh.url)
    assert listed_names(response) == ["公开机构"]
    assert result_count(response) == 1
    assert client.get(f"{directory_zh.url}listed/").status_code == 200
    assert client.get(f"{directory_zh.url}waiting/").status_code == 404
    assert client.get(f"{directory_zh.url}gone/").status_code == 404


def test_entry_page_has_organization_structured_data(client, directory_en):
    DirectoryEntryFactory(
        key="mekong-legal",
        name="湄公律师事务所",
        english={"name": "Mekong Legal"},
        website="https://mekong-legal.example",
        email="info@mekong-legal.example",
        phone="+85523880012",
        address="128 Norodom Blvd",
        services=["company-setup", "ip"],
    )
    response = client.get(f"{directory_en.url}mekong-legal/")
    html = response.content.decode()
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(found.group(1))
    assert data["@type"] == "Organization"
    assert data["name"] == "Mekong Legal"
    assert data["url"] == "https://mekong-legal.example"
    assert data["telephone"] == "+85523880012"
    assert data["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "128 Norodom Blvd",
        "addressLocality": "Phnom Penh",
        "addressCountry": "KH",
    }
    assert data["knowsAbout"] == ["Company set-up", "Intellectual property"]
    assert data["mainEntityOfPage"] == "http://testserver/en/directory/mekong-legal/"
    assert "+855 23 880 012" in html  # the number shown readably
    assert "A listing is not an endorsement." in html


def test_structured_data_cannot_close_its_script_element(client, directory_zh, zh):
    DirectoryEntryFactory(locale=zh, key="tricky", name="</script><script>alert(1)</script>")
    html = client.get(f"{directory_zh.url}tricky/").content.decode()
    json_ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert json.loads(json_ld)["name"] == "</script><script>alert(1)</script>"
    assert "<script>alert(1)" not in html


def test_not_an_endorsement_statement_in_both_languages(client, directory_zh, directory_en):
    assert "列入名录不代表推荐" in client.get(directory_zh.url).content.decode()
    assert "A listing is not an endorsement." in client.get(directory_en.url).content.decode()


def test_entries_not_verified_for_twelve_months_are_marked(client, directory_en, en):
    today = timezone.localdate()
    DirectoryEntryFactory(locale=en, key="fresh", name="Fresh Co", verified_on=today - datetime.timedelta(days=300))
    DirectoryEntryFactory(locale=en, key="stale", name="Stale Co", verified_on=today - datetime.timedelta(days=400))
    DirectoryEntryFactory(locale=en, key="unknown", name="Unknown Co", verified_on=None)
    html = client.get(directory_en.url).content.decode()
    items = dict(re.findall(r'">([^<]+)</a></h2>(.*?)</li>', html, re.S))
    assert "verification--stale" not in items["Fresh Co"]
    assert "Not verified for over 12 months" in items["Stale Co"] and "⚠" in items["Stale Co"]
    assert "Not yet verified by the centre" in items["Unknown Co"]
    detail = client.get(f"{directory_en.url}stale/").content.decode()
    assert "Not verified for over 12 months" in detail


def test_language_switcher_on_an_entry_leads_to_the_same_entry(client, directory_zh, directory_en, zh):
    DirectoryEntryFactory(key="both", name="双语机构", english={"name": "Bilingual Org"})
    DirectoryEntryFactory(locale=zh, key="chinese-only", name="仅中文机构")
    html = client.get(f"{directory_zh.url}both/").content.decode()
    assert 'href="/en/directory/both/" hreflang="en"' in html
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/directory/both/">' in html
    html = client.get(f"{directory_zh.url}chinese-only/").content.decode()
    assert 'href="/en/?untranslated=1" hreflang="en"' in html
    assert 'hreflang="en" href="http://testserver/en/directory/chinese-only/"' not in html


def test_withdrawing_the_source_entry_hides_every_translation(client, directory_en):
    source = DirectoryEntryFactory(key="soon-gone", name="将撤机构", english={"name": "Soon Gone"})
    english = english_of(source)
    assert client.get(f"{directory_en.url}soon-gone/").status_code == 200
    source.status = EntryStatus.WITHDRAWN
    source.save()
    english.refresh_from_db()
    assert english.status == EntryStatus.WITHDRAWN
    assert client.get(f"{directory_en.url}soon-gone/").status_code == 404
    assert "Soon Gone" not in client.get(directory_en.url).content.decode()


# ---------------------------------------------------------------- query counts


def bulk_entries(locale, count):
    kinds = ["law-firm", "accounting", "finance", "chamber"]
    today = timezone.localdate()
    DirectoryEntry.objects.bulk_create(
        [
            DirectoryEntry(
                locale=locale,
                key=f"bulk-{number}",
                name=f"Organisation {number:05d}",
                sort_name=f"organisation {number:05d}",
                kind=kinds[number % 4],
                country=["KH", "VN", "AE", "HK", "TH"][number % 5],
                city="City",
                status=EntryStatus.LISTED,
                languages=["zh", "en"] if number % 2 else ["en", "km"],
                services=["tax", "audit"] if number % 3 else ["company-setup"],
                verified_on=today - datetime.timedelta(days=number % 700),
            )
            for number in range(count)
        ],
        batch_size=500,
    )


def queries_for(client, url, warm_up):
    """(all queries, queries on directory entries) for one request of `url`,
    after one of `warm_up` (a listing of no entry: it warms the caches that
    any first request fills, the filters' choices among them, but not the
    listing's memos)."""
    client.get(warm_up)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    own = [query for query in queries.captured_queries if "directory_directoryentry" in query["sql"]]
    return len(queries), len(own)


@pytest.mark.parametrize("query", ["", "?service=tax&language=en&sort=verified&page=2"])
def test_listing_query_count_does_not_grow_with_entries(client, directory_en, en, query):
    url, nothing = f"{directory_en.url}{query}", f"{directory_en.url}?kind=consulting"
    bulk_entries(en, 20)
    assert len(listed_names(client.get(url))) > 0
    DirectoryEntry.objects.filter(pk=DirectoryEntry.objects.first().pk).delete()  # moves the memos on
    small = queries_for(client, url, nothing)
    DirectoryEntry.objects.all().delete()
    bulk_entries(en, 2000)
    assert len(listed_names(client.get(nothing))) == 0
    large = queries_for(client, url, nothing)
    assert small == large
    # The directory's own: the count, the ids of one page of entries and
    # those entries (the filters' choices come from a per-publish memo,
    # filled by the warm-up). The rest is the site's frame.
    assert large[1] == 3
    assert large[0] <= 40
    # Each of the three is memoised until an entry changes: the next request reads none.
    assert queries_for(client, url, nothing)[1] == 0


def test_listed_entries_are_in_the_sitemap(client, zh, en):
    DirectoryEntryFactory(locale=zh, key="lotus", name="莲花咨询", verified_on=datetime.date(2026, 3, 1))
    DirectoryEntryFactory(locale=zh, key="waiting", name="待审", status=EntryStatus.PENDING)
    DirectoryEntryFactory(locale=en, key="lotus", name="Lotus")
    xml = re.sub(r"\s+", "", client.get("/sitemap.xml").content.decode())
    assert re.search(r"/zh-hans/directory/lotus/</loc><lastmod>2026-03-01", xml)
    assert "/en/directory/lotus/</loc>" in xml
    assert "waiting" not in xml


def test_language_switcher_keeps_the_filters_and_the_view(client, directory_en):
    html = client.get(f"{directory_en.url}?country=KH&kind=law-firm&page=2").content.decode()
    assert 'href="/zh-hans/directory/?country=KH&amp;kind=law-firm" hreflang="zh-hans"' in html
    html = client.get(f"{directory_en.url}apply/").content.decode()
    assert 'href="/zh-hans/directory/apply/" hreflang="zh-hans"' in html
