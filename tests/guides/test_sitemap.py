import re

import pytest

from tests.factories import CountryGuidePageFactory

pytestmark = pytest.mark.django_db


def test_sitemap_lists_guides_in_every_language_with_hreflang_alternates(client):
    CountryGuidePageFactory(country="KH", english=True)
    CountryGuidePageFactory(country="VN")
    CountryGuidePageFactory(country="MY", live=False)
    xml = client.get("/sitemap.xml").content.decode()
    root = "http://testserver"  # the default Site record: SITE_BASE_URL (config/settings/test.py)
    locations = re.findall(r"<loc>([^<]+)</loc>", xml)
    for path in ("/zh-hans/guides/", "/en/guides/", "/zh-hans/guides/kh/", "/en/guides/kh/", "/zh-hans/guides/vn/"):
        assert root + path in locations
    assert not any("/my/" in url or "/en/guides/vn/" in url for url in locations)
    assert "compare" not in xml
    cambodia = xml[xml.index(f"<loc>{root}/en/guides/kh/</loc>") :].split("</url>")[0]
    assert f'<xhtml:link rel="alternate" hreflang="zh-hans" href="{root}/zh-hans/guides/kh/"/>' in cambodia
    assert f'<xhtml:link rel="alternate" hreflang="en" href="{root}/en/guides/kh/"/>' in cambodia
