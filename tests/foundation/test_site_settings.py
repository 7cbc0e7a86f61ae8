import pytest

from core.models import CentreDetails, SiteSettings

pytestmark = pytest.mark.django_db


def test_footer_shows_settings_and_details_per_locale(client, site, zh, en):
    settings = SiteSettings.for_site(site)
    settings.phone = "+86 571 1234 5678"
    settings.icp_number = "测ICP备12345678号"
    settings.save()
    CentreDetails.objects.filter(locale=zh).update(address="测试地址一号")
    CentreDetails.objects.filter(locale=en).update(address="1 Test Road")

    zh_html = client.get("/zh-hans/").content.decode()
    en_html = client.get("/en/").content.decode()
    for html in (zh_html, en_html):
        assert "+86 571 1234 5678" in html
        assert "测ICP备12345678号" in html
    assert "测试地址一号" in zh_html and "1 Test Road" not in zh_html
    assert "1 Test Road" in en_html and "测试地址一号" not in en_html


def test_details_fall_back_to_default_locale(client, en):
    CentreDetails.objects.filter(locale=en).delete()
    html = client.get("/en/").content.decode()
    assert CentreDetails.objects.get().name in html
