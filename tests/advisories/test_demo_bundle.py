"""The project's own demo advisories (core/demo/content/advisories.json) and
the shared sample bundle both fit the advisory model."""

import datetime
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from core.vocabularies import AdvisoryKind, Severity, is_country_code
from tests.factories import AdvisoryPageFactory, add_english, after_commit

DEMO = Path(settings.BASE_DIR) / "core" / "demo" / "content" / "advisories.json"
ALLOWED_TAGS = {"p", "h3", "h4", "ul", "ol", "li", "strong", "em", "a", "br"}
KEY = re.compile(r"^[a-z0-9-]+$")
# Given in Chinese only: the translators' work on the demo site (their dashboard
# panel and the coverage report list it); every other demo advisory is in both.
UNTRANSLATED_DEMO_ADVISORY = "filing-documents-common-gaps"


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, tuple(name for name, _value in attrs)))


def tags_of(fragment):
    parser = _Tags()
    parser.feed(fragment)
    return parser.tags


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


@pytest.fixture(scope="module")
def demo():
    return json.loads(DEMO.read_text(encoding="utf-8"))


def test_the_demo_bundle_follows_the_format(demo):
    assert set(demo) == {"format", "advisories"} and demo["format"] == "outbound-content/1"
    items = demo["advisories"]
    assert len(items) >= 6
    assert len({item["key"] for item in items}) == len(items)
    for item in items:
        assert KEY.match(item["key"])
        assert item["kind"] in AdvisoryKind.values and item["severity"] in Severity.values
        assert all(is_country_code(code) for code in item["countries"])
        issued, expires = _date(item["issued"]), _date(item["expires"])
        assert expires is None or expires >= issued
        if item["key"] == UNTRANSLATED_DEMO_ADVISORY:
            assert set(item["translations"]) == {"zh-hans"}
            continue
        assert set(item["translations"]) == {"zh-hans", "en"}
        for texts in item["translations"].values():
            assert texts["title"] and texts["summary"]
            for tag, attributes in tags_of(texts["body"]):
                assert tag in ALLOWED_TAGS, f"{item['key']}: <{tag}>"
                assert set(attributes) <= ({"href"} if tag == "a" else set()), f"{item['key']}: {attributes}"
        # wagtail-localize pairs translations element by element
        assert [tag for tag, _a in tags_of(item["translations"]["zh-hans"]["body"])] == [
            tag for tag, _a in tags_of(item["translations"]["en"]["body"])
        ], item["key"]


def test_the_demo_bundle_is_varied(demo):
    items = demo["advisories"]
    today = timezone.localdate()
    assert len({item["kind"] for item in items}) >= 5
    assert {item["severity"] for item in items} == set(Severity.values)
    assert any(
        item["severity"] == "alert" and (item["expires"] is None or _date(item["expires"]) >= today) for item in items
    ), "one current alert"
    assert any(item["expires"] and _date(item["expires"]) < today for item in items), "one expired advisory"
    assert any(not item["countries"] for item in items) and any(item["countries"] for item in items)


def _build(item):
    zh_texts, en_texts = item["translations"]["zh-hans"], item["translations"].get("en")
    page = AdvisoryPageFactory(
        title=zh_texts["title"],
        kind=item["kind"],
        severity=item["severity"],
        countries=item["countries"],
        issued=_date(item["issued"]),
        expires=_date(item["expires"]),
        summary=zh_texts["summary"],
        body_html=zh_texts["body"],
    )
    english = None
    if en_texts:
        english = after_commit(
            add_english, page, title=en_texts["title"], summary=en_texts["summary"], body_html=en_texts["body"]
        )
    return page, english


def test_the_demo_advisories_become_pages_in_both_languages(db, client, demo):
    for item in demo["advisories"]:
        page, english = _build(item)
        if item["key"] == UNTRANSLATED_DEMO_ADVISORY:
            assert english is None
        else:
            assert english.live and english.countries == page.countries
        for version in (page, english) if english else (page,):
            response = client.get(version.url)
            assert response.status_code == 200
            assert version.title in response.content.decode()


def test_the_shared_sample_advisories_fit_the_model(client, index_zh, sample_bundle):
    items = sample_bundle["advisories"]
    for item in items:
        texts = item["translations"]["zh-hans"]
        page = AdvisoryPageFactory(
            title=texts["title"],
            kind=item["kind"],
            severity=item["severity"],
            countries=item["countries"],
            issued=_date(item["issued"]),
            expires=_date(item["expires"]),
            summary=texts["summary"],
            body_html=texts["body"],
        )
        page.full_clean()
        assert client.get(page.url).status_code == 200
