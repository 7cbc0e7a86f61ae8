"""The country guide page: header, facts panel, table of contents, blocks,
country hub, SEO tags, and queries that do not grow with the content."""

import re

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail import hooks
from wagtail.documents import get_document_model

from core.related import COUNTRY_HUB_HOOK, Listing, ListingItem
from tests.factories import CountryGuidePageFactory, english_of, guide_sections

pytestmark = pytest.mark.django_db

FACTS = {
    "capital": "金边",
    "capital_source": "柬埔寨政府门户网站",
    "currency": "KHR",
    "population_millions": 17.6,
    "population_millions_source": "世界银行",
    "population_millions_verified": "2026-09-01",
    "gdp_usd_billions": 46.4,
    "time_zone": "Asia/Phnom_Penh",
}


@pytest.fixture
def document(db):
    document = get_document_model()(title="柬埔寨投资法（中文译本）")
    document.file.save("kh-investment-law.pdf", ContentFile(b"%PDF-1.4 test file"), save=False)
    document.file_size = document.file.size  # as the admin's upload form records it
    document.save()
    return document


def mixed_stream(repeats, document):
    """`repeats` times one block of every type, in raw StreamField form."""
    stream = []
    for n in range(1, repeats + 1):
        stream += [
            {"type": "section", "value": {"heading": f"第{n}节", "body": f"<p>第{n}节正文。</p>"}},
            {
                "type": "key_figures",
                "value": {"heading": "", "figures": [{"value": "20%", "label": "企业所得税", "source": "税务总局"}]},
            },
            {
                "type": "difficulty",
                "value": {
                    "heading": "",
                    "body": "<p>请先联系使馆领事部。</p>",
                    "contacts": [
                        {"name": "领事保护热线", "phone": "+86 10 12308", "email": "", "website": "", "note": "24小时"}
                    ],
                },
            },
            {"type": "document", "value": {"document": document.pk, "title": "", "description": "非官方译本"}},
            {
                "type": "table",
                "value": {
                    "caption": "主要税率",
                    "header": ["税种", "税率"],
                    "rows": [["企业所得税", "20%"], ["增值税", "10%"]],
                    "first_column_is_header": True,
                    "source": "",
                },
            },
        ]
    return stream


def test_header_shows_country_name_tags_risk_and_review_date_in_each_language(client):
    page = CountryGuidePageFactory(
        country="KH", english=True, initiatives=["bri", "rcep"], risk_level="high", summary="柬埔寨指南摘要。", **FACTS
    )
    english = english_of(page)
    zh = client.get(page.url).content.decode()
    assert '<p class="guide__country">柬埔寨</p>' in zh
    assert "一带一路" in zh and 'aria-hidden="true">●●●</span> 高风险' in zh
    assert '<time datetime="2026-06-01">2026年6月1日</time>' in zh
    en = client.get(english.url).content.decode()
    assert '<p class="guide__country">Cambodia</p>' in en
    assert "Belt and Road" in en and 'aria-hidden="true">●●●</span> High risk' in en


def test_facts_panel_formats_each_fact_and_discloses_its_source_on_focus(client):
    page = CountryGuidePageFactory(country="KH", english=True, **FACTS)
    english = english_of(page)
    en = client.get(english.url).content.decode()
    panel = en[en.index('<dl class="facts">') : en.index("</dl>")]
    assert "金边 (en)" in panel  # the capital is translated text
    assert "Cambodian Riel (KHR)" in panel and "17.6 million" in panel and "US$46.4 billion" in panel
    assert "UTC+7 (Phnom Penh)" in panel
    assert 'tabindex="0" aria-describedby="fact-population-millions-source"' in panel
    assert re.search(
        r'id="fact-population-millions-source">Source: 世界银行; verified on <time datetime="2026-09-01">', panel
    )
    assert 'aria-describedby="fact-currency-source"' not in panel  # no source, nothing to disclose
    zh = client.get(page.url).content.decode()
    assert "1760万" in zh and "464亿美元" in zh and "柬埔寨瑞尔（KHR）" in zh and "UTC+7（金边）" in zh
    assert 'id="fact-capital-source">来源：柬埔寨政府门户网站' in zh


def test_unknown_facts_say_so(client):
    english = english_of(CountryGuidePageFactory(country="HK", english=True))
    assert english.capital == ""
    html = client.get(english.url).content.decode()
    assert html.count("Not recorded") == 5


def test_table_of_contents_links_each_section_with_anchors_shared_by_both_languages(client):
    page = CountryGuidePageFactory(country="KH", english=True, sections=guide_sections(3))
    english = english_of(page)
    zh_toc, en_toc = page.table_of_contents(), english.table_of_contents()
    assert [heading for _anchor, heading in zh_toc] == ["第1节", "第2节", "第3节"]
    assert [heading for _anchor, heading in en_toc] == ["Section 1", "Section 2", "Section 3"]
    assert [anchor for anchor, _h in zh_toc] == [anchor for anchor, _h in en_toc]
    html = client.get(english.url).content.decode()
    for anchor, heading in en_toc:
        assert f'<li><a href="#{anchor}">{heading}</a></li>' in html
        assert f'<section class="guide-section" id="{anchor}" aria-labelledby="{anchor}-heading">' in html


def test_every_block_type_renders(client, document):
    page = CountryGuidePageFactory(country="KH", english=True, sections=mixed_stream(1, document))
    english = english_of(page)
    html = client.get(english.url).content.decode()
    assert '<dd class="key-figure__value">20%</dd>' in html
    assert "What to do in difficulty" in html  # the callout's default heading, translated
    assert '<a href="tel:+861012308">+86 10 12308</a>' in html
    assert f'<a href="{document.url}" download>柬埔寨投资法（中文译本）</a>' in html
    assert "(PDF, 18\xa0bytes)" in html
    assert "<caption>主要税率</caption>" in html
    assert '<th scope="row">企业所得税</th><td>20%</td>' in html
    zh = client.get(page.url).content.decode()
    assert "遇到困难怎么办" in zh


def test_country_hub_lists_what_other_apps_register_for_the_country(client):
    page = CountryGuidePageFactory(country="KH", english=True)
    english = english_of(page)
    calls = []

    def advisories_for(country_code, locale):
        calls.append((country_code, locale.language_code))
        return Listing(
            key="advisories",
            title="Advisories",
            items=[ListingItem(title=f"Alert for {country_code}", url="/x/", note="2026-11-01", badge="Alert")],
        )

    with hooks.register_temporarily(COUNTRY_HUB_HOOK, advisories_for):
        html = client.get(english.url).content.decode()
        client.get(page.url)
    assert ("KH", "en") in calls and ("KH", "zh-hans") in calls
    assert 'class="listing listing--advisories"' in html and "Alert for KH" in html


def test_guides_register_no_hub_listing_of_their_own():
    assert not [fn for fn in hooks.get_hooks(COUNTRY_HUB_HOOK) if fn.__module__.startswith("guides")]


def test_meta_description_and_open_graph_come_from_the_summary(client):
    english = english_of(CountryGuidePageFactory(country="KH", english=True))
    html = client.get(english.url).content.decode()
    assert '<meta name="description" content="Summary of the KH guide.">' in html
    assert '<meta property="og:description" content="Summary of the KH guide.">' in html
    assert '<meta property="og:title" content="KH investment guide">' in html
    assert '<meta property="article:modified_time" content="2026-06-01">' in html
    assert 'hreflang="zh-hans" href="http://testserver/zh-hans/guides/kh/"' in html


def _page_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_guide_page_queries_do_not_grow_with_the_number_of_sections(client, document):
    small = CountryGuidePageFactory(country="KH", sections=mixed_stream(1, document), **FACTS)
    large = CountryGuidePageFactory(country="VN", sections=mixed_stream(8, document), **FACTS)
    assert len(large.sections) == 40
    assert _page_queries(client, large.url) == _page_queries(client, small.url)
