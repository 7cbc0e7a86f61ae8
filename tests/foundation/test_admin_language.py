"""The admin in Chinese speaks Chinese where Wagtail's own catalogue is silent."""

import glob
import re
from pathlib import Path

import pytest
import wagtail
from babel.messages.pofile import read_po
from django.urls import reverse
from django.utils import translation
from wagtail.test.utils.form_data import rich_text

from core.wagtail_messages import WAGTAIL_MESSAGES, WAGTAIL_PLURAL_MESSAGES
from home.models import InformationPage


def _wagtail_msgids():
    ids = set()
    for path in glob.glob(str(Path(wagtail.__file__).parent / "**/locale/en/LC_MESSAGES/django.po"), recursive=True):
        with open(path, "rb") as catalogue:
            # A plural message's id is (singular, plural): its singular stands for it.
            ids.update(message.id if isinstance(message.id, str) else message.id[0] for message in read_po(catalogue))
    return ids


def test_each_supplied_message_is_still_wagtails():
    """After a Wagtail upgrade a reworded message would silently be English again."""
    assert sorted(set(WAGTAIL_MESSAGES) - _wagtail_msgids()) == []


def test_each_supplied_plural_message_is_still_wagtails():
    singulars = {message._kw["singular"] for message in WAGTAIL_PLURAL_MESSAGES}
    assert sorted(singulars - _wagtail_msgids()) == []


@pytest.mark.parametrize("message", WAGTAIL_PLURAL_MESSAGES, ids=lambda message: message._kw["singular"][:20])
def test_each_supplied_plural_message_is_translated(message):
    values = {"total": 16, "site_name": "Site"}
    with translation.override("en"):
        english = message % values
    with translation.override("zh-hans"):
        assert message % values != english


@pytest.mark.django_db
def test_the_dashboard_counters_and_the_pages_menu_are_chinese(client, editor, home):
    """ "16 Pages" was English, and the menu's "Pages" read 分页 ("pagination": the
    events app's pagination label shared the msgid until it got a context)."""
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    assert re.search(r"\d+ 个页面", html)
    assert not re.search(r"\d+ Pages", html)
    assert '"label": "\\u9875\\u9762"' in html or '"label": "页面"' in html  # the sidebar's "Pages"
    assert "分页" not in html
    with translation.override("zh-hans"):
        assert translation.pgettext("pagination", "Pages") == "分页"


@pytest.mark.parametrize("message", WAGTAIL_MESSAGES)
def test_each_supplied_message_is_translated(message):
    with translation.override("zh-hans"):
        assert translation.gettext(message) != message


@pytest.mark.django_db
def test_the_banner_of_a_refused_page_is_chinese(client, editor, home):
    """Without the site catalogue's entry the banner is Wagtail's English msgid."""
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=["home", "informationpage", home.pk])
    data = {"title": "", "slug": "", "summary": "", "body": rich_text("<p>正文</p>")}
    response = client.post(url, data, HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert response.status_code == 200
    assert [str(message).strip() for message in response.context["messages"]] == ["页面有错误，未能创建。"]
    assert not InformationPage.objects.filter(title="").exists()
