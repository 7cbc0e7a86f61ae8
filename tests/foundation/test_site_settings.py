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


GOVERNMENT_MARK_LABELS = {
    "zh-hans": ["主办单位", "承办单位", "网站标识码", "网站地图", "我要找错", "党政机关"],
    "en": ["Organiser", "Host organisation", "Website identification code", "Site map", "Report an error", "Party and"],
}


def _footer(client, path):
    html = client.get(path).content.decode()
    return html[html.index('<footer class="site-footer">') :]


def test_footer_shows_every_government_mark_in_both_languages(client, site, zh, en):
    settings = SiteSettings.for_site(site)
    settings.government_site_code = "3301000099"
    settings.party_government_mark_url = "https://bszs.conac.cn/sitename?method=show&id=TEST"
    settings.error_report_url = "https://zfwzzc.www.gov.cn/check_web/errorInfo_querySiteId?sitecode=3301000099"
    settings.icp_number, settings.psb_number = "测ICP备12345678号", "测公网安备33010002000001号"
    settings.save()
    CentreDetails.objects.filter(locale=zh).update(
        organiser="测试市商务局", host="测试市对外投资服务中心", site_map_url="/zh-hans/map/"
    )
    CentreDetails.objects.filter(locale=en).update(
        organiser="Test City Commerce Bureau", host="Test City Outbound Investment Centre", site_map_url="/en/map/"
    )

    zh_footer, en_footer = _footer(client, "/zh-hans/"), _footer(client, "/en/")
    for footer, language in ((zh_footer, "zh-hans"), (en_footer, "en")):
        for label in GOVERNMENT_MARK_LABELS[language]:
            assert label in footer, (language, label)
        assert "3301000099" in footer
        assert 'href="https://bszs.conac.cn/sitename?method=show&amp;id=TEST"' in footer
        assert "sitecode=3301000099" in footer
        assert "测ICP备12345678号" in footer and "测公网安备33010002000001号" in footer
    assert "主办单位：测试市商务局" in zh_footer and "承办单位：测试市对外投资服务中心" in zh_footer
    assert 'href="/zh-hans/map/"' in zh_footer
    assert "Organiser: Test City Commerce Bureau" in en_footer and "Test City Outbound Investment Centre" in en_footer
    assert 'href="/en/map/"' in en_footer and "测试市商务局" not in en_footer


def test_footer_leaves_nothing_behind_when_no_mark_is_filled_in(client, site):
    """Every mark is empty by default (setup_site fills none): no label, no
    empty link and no empty list is left in the footer."""
    settings = SiteSettings.for_site(site)
    assert not (settings.government_site_code or settings.party_government_mark_url or settings.error_report_url)
    for path, language in (("/zh-hans/", "zh-hans"), ("/en/", "en")):
        footer = _footer(client, path)
        for label in GOVERNMENT_MARK_LABELS[language]:
            assert label not in footer, (language, label)
        assert "site-footer__marks" not in footer
        assert "beian" not in footer
        assert 'href=""' not in footer
