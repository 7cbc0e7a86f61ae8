"""The site chrome (edge/chrome.py) is built once per process and publish:
never stale after an editor's change, never one language's in another's.

Each test renders pages first, so the chrome is memoised, then changes what
it shows the way an editor does (a save, a publish) and renders again. A
memo that ignored the page-cache tags' versions would serve the first
rendering's chrome and fail every "after" assertion here.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import CentreDetails, FooterLink, SiteSettings
from home.models import HomePage
from tests.factories import InformationPageFactory
from tests.pages import html

pytestmark = pytest.mark.django_db


def test_the_chrome_is_built_once_and_kept_per_language(client, zh, en):
    """The second rendering of a page asks nothing about the centre, the
    settings or the menu; each language keeps its own centre name."""
    zh_name = CentreDetails.objects.get(locale=zh).name
    en_name = CentreDetails.objects.get(locale=en).name
    assert zh_name != en_name
    html(client, "/zh-hans/")
    html(client, "/en/")
    with CaptureQueriesContext(connection) as queries:
        zh_html = html(client, "/zh-hans/")
        en_html = html(client, "/en/")
    chrome_tables = ("core_centredetails", "core_footerlink", "core_sitesettings", "wagtailcore_site")
    assert not [query["sql"] for query in queries if any(table in query["sql"] for table in chrome_tables)]
    assert zh_name in zh_html and en_name not in zh_html
    assert en_name in en_html and zh_name not in en_html


def test_centre_details_and_footer_links_are_fresh_after_a_save(client, zh, en):
    html(client, "/zh-hans/")
    html(client, "/en/")
    details = CentreDetails.objects.get(locale=zh)
    details.name = "新的服务中心名称"
    details.save()
    FooterLink.objects.create(details=details, label="新的链接", url="https://example.cn/new")

    zh_html = html(client, "/zh-hans/")
    en_html = html(client, "/en/")
    assert "新的服务中心名称" in zh_html and "新的链接" in zh_html
    assert "新的服务中心名称" not in en_html and "新的链接" not in en_html


def test_site_settings_are_fresh_after_a_save(client, site):
    html(client, "/en/")
    settings = SiteSettings.for_site(site)
    settings.phone = "+86 571 8765 4321"
    settings.save()
    assert "+86 571 8765 4321" in html(client, "/en/")


def test_the_menu_follows_publishing_in_its_own_language_only(client):
    """A page published into the menu appears there at once; unpublished, it is gone."""
    html(client, "/zh-hans/")
    html(client, "/en/")
    page = InformationPageFactory(title="菜单里的新页面", slug="menu-new", show_in_menus=True)
    assert page.get_parent().specific_class is HomePage

    zh_html = html(client, "/zh-hans/")
    assert "菜单里的新页面" in zh_html and "/zh-hans/menu-new/" in zh_html
    assert "菜单里的新页面" not in html(client, "/en/")

    page.unpublish()
    assert "菜单里的新页面" not in html(client, "/zh-hans/")


def test_the_home_page_link_follows_its_language(client):
    zh_html = html(client, "/zh-hans/")
    en_html = html(client, "/en/")
    assert 'class="site-brand" href="/zh-hans/"' in zh_html
    assert 'class="site-brand" href="/en/"' in en_html
