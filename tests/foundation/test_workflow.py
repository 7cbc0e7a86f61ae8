"""Editors draft, reviewers approve: nothing an editor writes goes live without review."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation
from wagtail.models import Task, Workflow, WorkflowState
from wagtail.test.utils.form_data import rich_text
from wagtail.users.models import UserProfile

from core.admin_names import WAGTAIL_DEFAULT_WORKFLOW
from core.roles import EDITORS, REVIEW_TASK, REVIEW_WORKFLOW
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
    assert Workflow.objects.filter(pk=state.workflow_id).values_list("name", flat=True).get() == REVIEW_WORKFLOW
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


def _admin_language(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


@pytest.mark.parametrize(
    ("language", "submit", "task"),
    [
        ("zh-hans", "提交给发布前审核", "审核人批准"),
        ("en", "Submit to Review before publishing", "Reviewer approval"),
    ],
)
def test_the_workflow_and_its_task_are_named_in_the_admins_language(client, editor, draft, language, submit, task):
    """Without core.admin_names the rows' English names show in a Chinese
    admin: "提交给Review before publishing"."""
    _admin_language(editor, language)
    client.force_login(editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    assert submit in client.get(edit_url).content.decode()
    client.post(edit_url, _edit_post(draft, **{"action-submit": "1"}))
    assert task in client.get(edit_url).content.decode()
    # Stored under the English names whatever the language shown.
    assert set(Workflow.objects.values_list("name", flat=True)) == {REVIEW_WORKFLOW, WAGTAIL_DEFAULT_WORKFLOW}
    assert set(Task.objects.values_list("name", flat=True)) == {REVIEW_TASK, WAGTAIL_DEFAULT_WORKFLOW}


@pytest.mark.parametrize(
    ("language", "shown"),
    [("zh-hans", "编辑"), ("en", "Editors"), ("zh-hans", "名录编辑"), ("en", "Directory editors")],
)
def test_groups_are_named_in_the_admins_language(admin_client, admin_user, language, shown):
    _admin_language(admin_user, language)
    page = admin_client.get(reverse("wagtailusers_groups:index")).content.decode()
    assert f">{shown}<" in page or f"{shown}\n" in page


def test_saving_a_group_shown_in_chinese_keeps_its_stored_name(db):
    with translation.override("zh-hans"):
        editors = Group.objects.get(name=EDITORS)
        assert editors.name == "编辑"
        editors.save()
        assert editors.name == "编辑"
    assert Group.objects.filter(pk=editors.pk).values_list("name", flat=True).get() == EDITORS
