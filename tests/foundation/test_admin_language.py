"""The admin in Chinese speaks Chinese where Wagtail's own catalogue is silent."""

import glob
from pathlib import Path

import pytest
import wagtail
from babel.messages.pofile import read_po
from django.urls import reverse
from django.utils import translation
from wagtail.test.utils.form_data import rich_text

from core.wagtail_messages import WAGTAIL_MESSAGES
from home.models import InformationPage


def _wagtail_msgids():
    ids = set()
    for path in glob.glob(str(Path(wagtail.__file__).parent / "**/locale/en/LC_MESSAGES/django.po"), recursive=True):
        with open(path, "rb") as catalogue:
            ids.update(message.id for message in read_po(catalogue) if isinstance(message.id, str))
    return ids


def test_each_supplied_message_is_still_wagtails():
    """After a Wagtail upgrade a reworded message would silently be English again."""
    assert sorted(set(WAGTAIL_MESSAGES) - _wagtail_msgids()) == []


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
