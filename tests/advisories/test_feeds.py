import datetime
import re
import xml.etree.ElementTree as ET
from datetime import timedelta
from urllib.parse import urlsplit

import pytest

from tests.factories import AdvisoryPageFactory, add_english, after_commit

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# RFC 3339 date-time, as RFC 4287 section 3.3 requires
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def _is_absolute_iri(value):
    parts = urlsplit(value)
    return bool(parts.scheme) and (bool(parts.netloc) or parts.scheme in {"tag", "urn"})


def _check_common(element, where):
    """atom:id, atom:title, atom:updated: exactly one each, well formed (RFC 4287 4.1.1, 4.1.2)."""
    for name in ("id", "title", "updated"):
        found = element.findall(f"{ATOM}{name}")
        assert len(found) == 1, f"{where}: {len(found)} atom:{name}"
    assert _is_absolute_iri(element.find(f"{ATOM}id").text), f"{where}: atom:id is not an absolute IRI"
    assert RFC3339.match(element.find(f"{ATOM}updated").text), f"{where}: atom:updated is not RFC 3339"
    alternates = [
        (link.get("type"), link.get("hreflang"))
        for link in element.findall(f"{ATOM}link")
        if link.get("rel", "alternate") == "alternate"
    ]
    assert len(alternates) == len(set(alternates)), f"{where}: duplicate alternate links"
    for link in element.findall(f"{ATOM}link"):
        assert link.get("href"), f"{where}: atom:link without href"


def parse_atom(response):
    """Parse and check the feed against RFC 4287's structural rules; returns the root."""
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own output, in a test
    assert root.tag == f"{ATOM}feed"
    _check_common(root, "feed")
    feed_has_author = root.find(f"{ATOM}author/{ATOM}name") is not None
    assert any(link.get("rel") == "self" for link in root.findall(f"{ATOM}link"))
    ids = set()
    for position, entry in enumerate(root.findall(f"{ATOM}entry")):
        where = f"entry {position}"
        _check_common(entry, where)
        # 4.1.2: an entry without atom:content has an alternate link; 4.1.1: author here or on the feed
        assert entry.find(f"{ATOM}content") is not None or any(
            link.get("rel", "alternate") == "alternate" for link in entry.findall(f"{ATOM}link")
        )
        assert feed_has_author or entry.find(f"{ATOM}author") is not None, f"{where}: no author"
        ids.add(entry.find(f"{ATOM}id").text)
        published = entry.find(f"{ATOM}published")
        if published is not None:
            assert RFC3339.match(published.text)
    assert len(ids) == len(root.findall(f"{ATOM}entry")), "entry ids are not unique"
    return root


def entry_titles(root):
    return sorted(entry.find(f"{ATOM}title").text for entry in root.findall(f"{ATOM}entry"))


@pytest.fixture
def feed_content(index_zh, today):
    """Six advisories, two translated; returns the Cambodian security alert."""
    kh_security = AdvisoryPageFactory(title="柬埔寨治安预警", kind="security", severity="alert", countries=["KH"])
    AdvisoryPageFactory(title="柬埔寨税务提示", kind="tax", countries=["KH"])
    AdvisoryPageFactory(title="泰国安全提醒", kind="security", countries=["TH"])
    everywhere = AdvisoryPageFactory(title="海外商标注册提示", kind="ip")
    AdvisoryPageFactory(title="阿联酋旧外汇提示", kind="forex", countries=["AE"], expires=today - timedelta(days=3))
    AdvisoryPageFactory(title="未发布的草稿", kind="security", countries=["KH"], live=False)
    after_commit(add_english, kh_security, title="Cambodia security alert")
    after_commit(add_english, everywhere, title="Registering trade marks abroad")
    return kh_security


@pytest.mark.parametrize(
    ("route", "expected"),
    [
        ("feed/", ["柬埔寨治安预警", "柬埔寨税务提示", "泰国安全提醒", "海外商标注册提示", "阿联酋旧外汇提示"]),
        ("feed/kind/security/", ["柬埔寨治安预警", "泰国安全提醒"]),
        ("feed/kind/forex/", ["阿联酋旧外汇提示"]),
        ("feed/country/KH/", ["柬埔寨治安预警", "柬埔寨税务提示", "海外商标注册提示"]),
        ("feed/country/kh/", ["柬埔寨治安预警", "柬埔寨税务提示", "海外商标注册提示"]),
        ("feed/country/JP/", ["海外商标注册提示"]),
    ],
)
def test_chinese_feeds_hold_exactly_the_right_entries(client, index_zh, feed_content, route, expected):
    root = parse_atom(client.get(index_zh.url + route))
    assert entry_titles(root) == sorted(expected)
    assert root.get(XML_LANG) == "zh-hans"


@pytest.mark.parametrize(
    ("route", "expected"),
    [
        ("feed/", ["Cambodia security alert", "Registering trade marks abroad"]),
        ("feed/kind/security/", ["Cambodia security alert"]),
        ("feed/kind/tax/", []),
        ("feed/country/TH/", ["Registering trade marks abroad"]),
    ],
)
def test_english_feeds_hold_only_english_entries(client, index_en, feed_content, route, expected):
    root = parse_atom(client.get(index_en.url + route))
    assert entry_titles(root) == sorted(expected)
    assert root.get(XML_LANG) == "en"


def test_entries_link_to_their_page_and_name_the_kind(client, index_en, feed_content):
    root = parse_atom(client.get(index_en.url + "feed/kind/security/"))
    entry = root.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}link").get("href").startswith("http://testserver/en/advisories/")
    assert "Security" in {category.get("term") for category in entry.findall(f"{ATOM}category")}
    assert root.find(f"{ATOM}title").text == "Advisories: Security"


def test_an_empty_feed_is_still_valid(client, index_zh):
    root = parse_atom(client.get(index_zh.url + "feed/country/IS/"))
    assert root.findall(f"{ATOM}entry") == []


@pytest.mark.parametrize("route", ["feed/kind/weather/", "feed/country/XX/", "feed/country/KHM/", "feed/kind/"])
def test_unknown_kind_or_country_is_not_found(client, index_zh, route):
    assert client.get(index_zh.url + route).status_code == 404


def test_feed_size_is_bounded(client, index_zh, monkeypatch):
    monkeypatch.setattr("advisories.feeds.FEED_SIZE", 3)
    for n in range(5):
        AdvisoryPageFactory(title=f"条目{n}", issued=datetime.date(2026, 1, 1) + timedelta(days=n))
    root = parse_atom(client.get(index_zh.url + "feed/"))
    assert entry_titles(root) == ["条目2", "条目3", "条目4"]


def test_pages_announce_their_feeds(client, index_zh, feed_content):
    index_html = client.get(index_zh.url).content.decode()
    assert f'type="application/atom+xml" title="风险提示" href="{index_zh.url}feed/"' in index_html
    filtered_html = client.get(index_zh.url + "?kind=tax&country=KH").content.decode()
    assert f'href="{index_zh.url}feed/kind/tax/"' in filtered_html
    assert f'href="{index_zh.url}feed/country/KH/"' in filtered_html
    page_html = client.get(feed_content.url).content.decode()
    assert f'<link rel="alternate" type="application/atom+xml" title="风险提示" href="{index_zh.url}feed/"' in page_html
