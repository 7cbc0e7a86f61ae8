"""The project's own demo guides (core/demo/content/guides.json), in the
content bundle format of ../shared/content/FORMAT.md."""

import json
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings

from core.validators import validate_currency_code, validate_time_zone
from core.vocabularies import Initiative, Region, RiskLevel, Sector, is_country_code
from tests.factories import CountryGuidePageFactory, english_of, sections_to_stream

BUNDLE_FILE = Path(settings.BASE_DIR) / "core" / "demo" / "content" / "guides.json"
HAN = re.compile("[\u4e00-\u9fff]")
ALLOWED_TAGS = {"p", "h3", "h4", "ul", "ol", "li", "strong", "em", "a", "br"}


@pytest.fixture(scope="module")
def bundle():
    return json.loads(BUNDLE_FILE.read_text(encoding="utf-8"))


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.blocks = set(), 0

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.blocks += tag in {"p", "li", "h3", "h4"}


def _parse(html):
    parser = _Tags()
    parser.feed(html)
    return parser


def test_bundle_has_only_guides_in_the_format(bundle):
    assert set(bundle) == {"format", "guides"}
    assert bundle["format"] == "outbound-content/1.1"  # 1.1: lead images
    assert len(bundle["guides"]) >= 6
    keys = [guide["key"] for guide in bundle["guides"]]
    assert len(set(keys)) == len(keys) and all(re.fullmatch(r"[a-z0-9-]+", key) for key in keys)
    assert len({guide["country"] for guide in bundle["guides"]}) == len(keys)


def test_every_guide_uses_the_shared_vocabularies_and_valid_facts(bundle):
    for guide in bundle["guides"]:
        assert is_country_code(guide["country"]), guide["key"]
        assert guide["region"] in Region.values
        assert set(guide["initiatives"]) <= set(Initiative.values)
        assert set(guide["sectors"]) <= set(Sector.values)
        assert guide["risk_level"] in RiskLevel.values
        assert date.fromisoformat(guide["reviewed"]) <= date.today()
        facts = guide["facts"]
        validate_currency_code(facts["currency"])
        validate_time_zone(facts["time_zone"])
        assert facts["population_millions"] > 0 and facts["gdp_usd_billions"] > 0


def test_both_languages_have_the_standard_outline_with_the_same_structure(bundle):
    for guide in bundle["guides"]:
        zh, en = guide["translations"]["zh-hans"], guide["translations"]["en"]
        assert zh["title"] and en["title"] and zh["summary"] and en["summary"]
        assert len(zh["sections"]) == len(en["sections"]) == 5, guide["key"]
        for source, translation in zip(zh["sections"], en["sections"], strict=True):
            source_html, translated_html = _parse(source["body"]), _parse(translation["body"])
            assert source_html.tags <= ALLOWED_TAGS and translated_html.tags <= ALLOWED_TAGS
            # wagtail-localize pairs a translation's paragraphs with the source's
            assert source_html.blocks == translated_html.blocks, (guide["key"], source["heading"])
            assert HAN.search(source["body"]) and not HAN.search(translation["body"])


def test_demo_text_is_our_own_not_the_shared_sample(bundle, sample_bundle):
    sample = sample_bundle
    # Titles ("柬埔寨投资指南") are generic; summaries and section texts must be our own.
    sample_texts = {
        text
        for guide in sample.get("guides", [])
        for texts in guide["translations"].values()
        for text in [texts.get("summary", "")] + [s["body"] for s in texts.get("sections", [])]
    }
    ours = {
        text
        for guide in bundle["guides"]
        for texts in guide["translations"].values()
        for text in [texts["summary"]] + [s["body"] for s in texts["sections"]]
    }
    assert not ours & sample_texts


def test_the_interchange_validator_accepts_the_bundle(bundle):
    validation = pytest.importorskip("interchange.validation")
    assert validation.validate_bundle(bundle, base_dir=BUNDLE_FILE.parent) == []


def guide_from_bundle(item):
    """One guide of the bundle as a page in zh-hans with its English translation."""
    source, english = item["translations"]["zh-hans"], item["translations"]["en"]
    facts = {name: value for name, value in (item.get("facts") or {}).items() if value is not None}
    return CountryGuidePageFactory(
        country=item["country"],
        slug=item["key"],
        title=source["title"],
        summary=source.get("summary", ""),
        region=item["region"],
        initiatives=item.get("initiatives", []),
        sectors=item.get("sectors", []),
        risk_level=item["risk_level"],
        reviewed=date.fromisoformat(item["reviewed"]),
        sections=sections_to_stream(source.get("sections", [])),
        english={"title": english["title"], "summary": english.get("summary", ""), "sections": english["sections"]},
        **facts,
    )


@pytest.mark.django_db
def test_every_demo_guide_builds_and_renders_in_both_languages(client, bundle):
    for item in bundle["guides"]:
        page = guide_from_bundle(item)
        english = english_of(page)
        for url in (page.url, english.url):
            response = client.get(url)
            assert response.status_code == 200, url
        html = client.get(english.url).content.decode()
        assert item["translations"]["en"]["sections"][4]["heading"] in html
    index = client.get("/zh-hans/guides/").content.decode()
    assert index.count('<li class="card guide-card">') == len(bundle["guides"])
    assert "待更新" in index  # the demo includes a guide overdue for review (Hungary)


@pytest.mark.django_db
def test_the_importer_loads_the_demo_guides_as_translated_pages(client, bundle):
    """The path `manage.py load_demo` takes (interchange, issue 8), checked from the guides' side."""
    importer = pytest.importorskip("interchange.importer")
    files = pytest.importorskip("interchange.files")
    result = importer.import_bundle(files.read_bundles([BUNDLE_FILE]))
    assert result.ok, result.problems
    english = client.get("/en/guides/").content.decode()
    assert english.count('<li class="card guide-card">') == len(bundle["guides"])
    html = client.get("/en/guides/compare/?c=KH&c=VN").content.decode()
    assert "Cambodian Riel (KHR)" in html and "101.3 million" in html
