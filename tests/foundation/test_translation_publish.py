"""A translation does not go live with untranslated source text unless an
editor confirms it (core.wagtail_hooks, before wagtail-localize's publish)."""

import pytest
from django.urls import reverse
from wagtail_localize.models import StringTranslation

from tests.factories import DirectoryEntryFactory, InformationPageFactory, add_english, english_of

pytestmark = pytest.mark.django_db

PUBLISH = {"action": "publish"}


@pytest.fixture
def english(home):
    source = InformationPageFactory(title="泰国投资指南", slug="thailand-guide", summary="曼谷", body="<p>正文</p>")
    return add_english(source, publish=False, title="Thailand guide", summary="Bangkok")


def _untranslate(page, *texts):
    """As after "Translate" (or a later change to the source): these segments have no translation yet."""
    StringTranslation.objects.filter(locale=page.locale, data__in=texts).delete()


def test_publishing_with_untranslated_segments_asks_first(client, reviewer, english, en):
    """Without the hook wagtail-localize publishes at once: the English page
    would go live showing 泰国投资指南 and 曼谷."""
    _untranslate(english, "Thailand guide", "Bangkok")
    client.force_login(reviewer)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[english.pk]), PUBLISH, HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert response.status_code == 200
    assert "core/admin/confirm_untranslated_publish.html" in [t.name for t in response.templates]
    text = response.content.decode()
    assert "还有 2 个没有翻译成English" in text
    assert 'name="publish-untranslated"' in text
    english.refresh_from_db()
    assert not english.live


def test_a_complete_translation_publishes(client, reviewer, english, django_capture_on_commit_callbacks):
    client.force_login(reviewer)
    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes on commit
        response = client.post(reverse("wagtailadmin_pages:edit", args=[english.pk]), PUBLISH)
    assert response.status_code == 302
    english.refresh_from_db()
    assert english.live and english.title == "Thailand guide"


def test_an_editor_may_confirm_publishing_untranslated_text(
    client, reviewer, english, django_capture_on_commit_callbacks
):
    _untranslate(english, "Bangkok")
    client.force_login(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[english.pk]), {**PUBLISH, "publish-untranslated": "1"}
        )
    assert response.status_code == 302
    english.refresh_from_db()
    assert english.live and english.summary == "曼谷"


def test_a_snippet_translation_with_untranslated_segments_asks_first(client, reviewer, home):
    """The same guard holds for translatable snippets (a directory entry): without
    core.wagtail_hooks.confirm_untranslated_snippet_publish, wagtail-localize
    saves the English entry at once, showing the Chinese name."""
    source = DirectoryEntryFactory(name="金边律师事务所", english={"name": "Phnom Penh Law"})
    english = english_of(source)
    _untranslate(english, "Phnom Penh Law")
    client.force_login(reviewer)
    url = reverse("wagtailsnippets_directory_directoryentry:edit", args=[english.pk])
    response = client.post(url, PUBLISH, HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert response.status_code == 200
    assert "core/admin/confirm_untranslated_publish.html" in [t.name for t in response.templates]
    english.refresh_from_db()
    assert english.name == "Phnom Penh Law"
