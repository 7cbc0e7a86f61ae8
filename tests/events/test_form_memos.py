"""An event page's registration form: what is the same for every visitor is
worked out once per process (the privacy notice's address, per site and home
page: core.public_forms.privacy_url; the empty form's fields, per language and
notice: events.views._registration_fields), kept until the page cache's tags
say the notice may have moved; what one visitor typed is never kept.

Each test renders the page first, so the memos are filled, then changes what
they depend on the way an editor does and renders again.
"""

import pytest
from django.test import Client
from wagtail.models import Page

from edge import chrome
from events import views
from tests.factories import EventPageFactory, english_of, registration_form
from tests.pages import html

pytestmark = pytest.mark.django_db


def notice(language):
    return Page.objects.get(slug="privacy", locale__language_code=language).specific


def test_the_privacy_link_follows_the_notice_unpublished_and_published_again(client):
    """Without the `home:` tags among the privacy memo's tags, the second
    rendering would still link the unpublished English notice, and the third
    the Chinese one."""
    event = english_of(EventPageFactory(english=True))
    assert 'href="/en/about/privacy/"' in html(client, event.url)

    notice("en").unpublish()
    assert 'href="/zh-hans/about/privacy/"' in html(client, event.url)

    notice("en").save_revision().publish()
    assert 'href="/en/about/privacy/"' in html(client, event.url)


def test_a_moved_source_notice_moves_the_link_in_the_other_language(client):
    """While the English notice is unpublished, the English form links the
    Chinese one: without the source language's `home:` tag among the memo's
    tags, renaming the Chinese notice's parent would leave the English form
    linking its old address."""
    event = english_of(EventPageFactory(english=True))
    notice("en").unpublish()
    assert 'href="/zh-hans/about/privacy/"' in html(client, event.url)

    about = notice("zh-hans").get_parent().specific
    about.slug = "about-us"
    about.save_revision().publish()
    assert 'href="/zh-hans/about-us/privacy/"' in html(client, event.url)


def test_each_language_keeps_its_own_notice_and_form(client):
    """The notice memo's key holds the page's home page, the form memo's the
    language: without them the English page would link the Chinese notice,
    and (with both linking the Chinese notice, the English one unpublished)
    show the Chinese labels rendered first."""
    event = EventPageFactory(english=True)
    assert 'href="/zh-hans/about/privacy/"' in html(client, event.url)
    assert 'href="/en/about/privacy/"' in html(client, english_of(event).url)

    notice("en").unpublish()
    zh_html = html(client, event.url)
    en_html = html(client, english_of(event).url)
    assert 'href="/zh-hans/about/privacy/"' in zh_html and 'href="/zh-hans/about/privacy/"' in en_html
    assert "企业名称" in zh_html and "Company name" not in zh_html
    assert "Company name" in en_html and "企业名称" not in en_html


def record_builds(monkeypatch, *modules):
    """The names of the memos `modules` build from now on (a list that grows
    as they are; edge.chrome's are every memo built through it)."""
    built = []
    for module in modules:
        original = module.memoised

        def recording(key, tags, build, original=original, **options):
            return original(key, tags, lambda: built.append(key[0]) or build(), **options)

        monkeypatch.setattr(module, "memoised", recording)
    return built


def test_a_second_visit_builds_neither_memo(monkeypatch):
    """The mechanism is in use: the first visit builds both memos, a second
    visitor's page is answered from them (with either removed, its name
    would be listed the second time too)."""
    event = EventPageFactory()
    built = record_builds(monkeypatch, views, chrome)
    html(Client(), event.url)
    ours = {"empty registration form", "privacy url"}
    assert ours <= set(built)
    built.clear()
    page = html(Client(), event.url)
    assert 'name="csrfmiddlewaretoken"' in page and "企业名称" in page
    assert ours.isdisjoint(built)


def test_what_a_visitor_typed_is_never_kept(client, django_capture_on_commit_callbacks):
    """A form sent back for correction shows what its sender typed, and no
    one else ever sees it: were a bound form's fields memoised as the empty
    form's are, the next visitor would find this company's name in theirs."""
    event = EventPageFactory()
    html(client, event.url)
    typed = registration_form(company_name="滨江保密测试有限公司", phone="not a phone")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(event.url + "register/", typed)
    assert response.status_code == 400
    assert "滨江保密测试有限公司" in response.content.decode()

    assert "滨江保密测试有限公司" not in html(Client(), event.url)
