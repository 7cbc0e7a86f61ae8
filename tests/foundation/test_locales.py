import pytest
from wagtail.models import Page

from tests.factories import InformationPageFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [("en-GB,en;q=0.9", "/en/"), ("zh-CN,zh;q=0.9", "/zh-hans/"), ("", "/zh-hans/"), ("fr-FR", "/zh-hans/")],
)
def test_root_redirects_by_accept_language(client, accept_language, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.parametrize(("path", "lang"), [("/zh-hans/", "zh-Hans"), ("/en/", "en")])
def test_home_in_each_language(client, path, lang):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert 'href="#main"' in html and 'id="main"' in html


def test_switcher_on_translated_page_goes_to_same_page(client):
    html = client.get("/zh-hans/about/").content.decode()
    assert 'href="/en/about/" hreflang="en"' in html
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/about/">' in html
    assert '<link rel="alternate" hreflang="zh-hans" href="http://testserver/zh-hans/about/">' in html
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/zh-hans/about/">' in html
    assert '<link rel="canonical" href="http://testserver/zh-hans/about/">' in html

    english = client.get("/en/about/").content.decode()
    assert 'href="/zh-hans/about/" hreflang="zh-hans"' in english
    assert '<link rel="canonical" href="http://testserver/en/about/">' in english


def test_switcher_on_untranslated_page_goes_home_with_notice(client, home):
    InformationPageFactory(title="仅有中文的页面", slug="chinese-only", body="<p>内容</p>")

    html = client.get("/zh-hans/chinese-only/").content.decode()
    assert 'href="/en/?untranslated=1"' in html
    assert 'hreflang="en" href="http://testserver/en/chinese-only/"' not in html

    notice = client.get("/en/?untranslated=1").content.decode()
    assert "has not been translated into this language yet" in notice
    assert "has not been translated" not in client.get("/en/").content.decode()


def test_section_slugs_are_the_same_in_both_languages(en, zh):
    for slug in ("guides", "about"):
        zh_page = Page.objects.get(slug=slug, locale=zh)
        en_page = zh_page.get_translation(en)
        assert en_page.slug == slug
        assert en_page.title != zh_page.title


def test_not_found_page_is_translated(client):
    zh = client.get("/zh-hans/no-such-page/")
    en = client.get("/en/no-such-page/")
    assert zh.status_code == en.status_code == 404
    assert "<h1>页面未找到</h1>" in zh.content.decode()
    assert "<h1>Page not found</h1>" in en.content.decode()


def test_server_error_page_is_bilingual(client):
    from django.template.loader import get_template

    html = get_template("500.html").render({})
    assert "服务器错误" in html and "Server error" in html
