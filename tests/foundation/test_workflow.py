"""Editors draft, reviewers approve: nothing an editor writes goes live without review."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import rich_text

from tests.factories import InformationPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(home):
    return InformationPageFactory(title="草稿", slug="draft-page", body="<p>初稿</p>", live=False)


def _edit_post(page, **extra):
    data = {"title": page.title, "slug": page.slug, "summary": "", "body": rich_text("<p>初稿</p>")}
    data.update(extra)
    return data


def test_editor_cannot_publish(client, editor, draft):
    assert not draft.permissions_for_user(editor).can_publish()
    client.force_login(editor)
    client.post(reverse("wagtailadmin_pages:edit", args=[draft.pk]), _edit_post(draft, **{"action-publish": "1"}))
    draft.refresh_from_db()
    assert not draft.live


def test_reviewer_approval_publishes(client, editor, reviewer, draft):
    client.force_login(editor)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[draft.pk]), _edit_post(draft, **{"action-submit": "1"})
    )
    assert response.status_code == 302
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(draft.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Review before publishing"
    draft.refresh_from_db()
    assert not draft.live

    task_state = state.current_task_state
    client.force_login(reviewer)
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[draft.pk, "approve", task_state.pk]), {"comment": ""}
    )
    # Approving from the edit view goes back to it.
    assert (response.status_code, response["Location"]) == (302, f"/admin/pages/{draft.pk}/edit/")
    draft.refresh_from_db()
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert draft.live


def test_translator_cannot_edit_source_language_pages(client, translator, en, home):
    english_about = home.get_children().get(slug="about").get_translation(en)
    client.force_login(translator)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[home.get_children().get(slug="about").pk]))
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert client.get(reverse("wagtailadmin_pages:edit", args=[english_about.pk])).status_code == 200


def test_a_translator_on_a_source_page_is_told_why_and_where_to_go(client, translator, en, home):
    """The reason and a link to the page's translation, not Wagtail's bare
    "对不起，你没有权限访问。" (what a PermissionDenied from the hook gives)."""
    about = home.get_children().get(slug="about")
    english_about = about.get_translation(en)
    client.force_login(translator)
    response = client.get(
        reverse("wagtailadmin_pages:edit", args=[about.pk]), HTTP_ACCEPT_LANGUAGE="zh-CN", follow=True
    )
    [message] = [str(message) for message in response.context["messages"]]
    assert message.startswith("翻译人员只能编辑译文，不能编辑源语言页面。")
    assert f'<a href="/admin/pages/{english_about.pk}/edit/">编辑English译文</a>' in message


def test_a_translator_on_an_untranslated_source_page_may_start_a_translation(client, translator, draft):
    client.force_login(translator)
    response = client.get(
        reverse("wagtailadmin_pages:edit", args=[draft.pk]), HTTP_ACCEPT_LANGUAGE="zh-CN", follow=True
    )
    [message] = [str(message) for message in response.context["messages"]]
    assert f'<a href="/admin/localize/submit/page/{draft.pk}/">为此页面创建译文</a>' in message
