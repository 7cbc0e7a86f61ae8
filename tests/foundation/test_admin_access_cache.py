"""An editor's permissions kept between admin requests (core/access.py):
never after a change that takes something away, never one user's for
another, never where the cache is not shared, and the same answers as
Django's ModelBackend and Wagtail's permission policies read themselves."""

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.test import override_settings
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import GroupPagePermission
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry
from wagtail.users.models import UserProfile

from core.access import access_of, read_access
from core.models.site_settings import SiteSettings
from core.roles import EDITORS
from tests.factories import CountryGuidePageFactory

pytestmark = pytest.mark.django_db


def fresh(user):
    """The user as a new request loads it (nothing kept on the object)."""
    return type(user).objects.get(pk=user.pk)


@pytest.fixture
def guide_edit_url(home):
    return reverse("wagtailadmin_pages:edit", args=[CountryGuidePageFactory(country="LA", slug="la").pk])


def test_taking_an_editor_out_of_editors_refuses_the_next_request(client, editor, guide_edit_url):
    client.force_login(editor)
    assert client.get(guide_edit_url).status_code == 200
    editor.groups.remove(Group.objects.get(name=EDITORS))
    assert client.get(guide_edit_url).status_code != 200
    assert client.get(reverse("wagtailadmin_home")).status_code != 200


def test_revoking_a_groups_permission_refuses_the_next_request(client, editor, guide_edit_url):
    client.force_login(editor)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    Group.objects.get(name=EDITORS).permissions.remove(Permission.objects.get(codename="access_admin"))
    assert client.get(reverse("wagtailadmin_home")).status_code != 200


def test_revoking_a_page_permission_refuses_the_next_edit(client, editor, guide_edit_url):
    client.force_login(editor)
    assert client.get(guide_edit_url).status_code == 200
    GroupPagePermission.objects.filter(group__name=EDITORS, permission__codename="change_page").delete()
    assert client.get(guide_edit_url).status_code != 200


@pytest.mark.parametrize("shared", [True, False])
def test_kept_only_where_the_cache_is_shared(client, editor, guide_edit_url, shared):
    """A page permission removed without a signal (a raw delete): where the
    cache is shared the kept answer still lets the editor in, which is what
    keeping means (without the cache this half fails); where it is not
    shared, the next request reads the rows and is refused."""
    with override_settings(CACHE_SHARED_BY_ALL_PROCESSES=shared):
        client.force_login(editor)
        assert client.get(guide_edit_url).status_code == 200
        rows = GroupPagePermission.objects.filter(group__name=EDITORS)
        rows._raw_delete(rows.db)
        assert (client.get(guide_edit_url).status_code == 200) is shared


def test_one_users_access_never_answers_for_another(editor, reviewer):
    access_of(fresh(editor))
    editors, reviewers = access_of(fresh(editor)), access_of(fresh(reviewer))
    assert editors.group_names == {"Editors"} and reviewers.group_names == {"Reviewers"}
    assert editors.permissions != reviewers.permissions


def test_superusers_and_inactive_users_are_decided_without_it(django_user_model, editor):
    superuser = django_user_model.objects.create_superuser("root", "root@example.org", "pw-for-tests-only")
    editor.is_active = False
    editor.save()
    assert access_of(fresh(superuser)) is None and access_of(fresh(editor)) is None
    assert fresh(superuser).has_perm("wagtailadmin.access_admin")
    assert not fresh(editor).has_perm("wagtailadmin.access_admin")


def test_the_answers_are_djangos_and_wagtails(editor, reviewer, translator, home):
    """Each user's kept Access holds what ModelBackend and Wagtail's page,
    image (collection) and site-setting policies read themselves, and the
    policies answer the same with it as without. Fails when an upgrade
    changes what a policy keeps per user or how it reads it."""
    page_policy = PagePermissionPolicy()
    site_policy = SiteSettings.get_permission_policy()
    image_policy = policy_registry.get_by_type(get_image_model())
    for user in (editor, reviewer, translator):
        access = read_access(fresh(user))
        assert access.permissions == ModelBackend().get_all_permissions(fresh(user))
        assert set(access.page_permissions) == set(page_policy.get_all_permissions_for_user(user))
        assert set(access.collection_permissions) == set(image_policy.get_all_permissions_for_user(user))
        assert set(access.site_permissions) == set(site_policy.get_all_permissions_for_user(user))

        kept, read = fresh(user), fresh(user)
        access_of(kept)
        for action in ("add", "change", "publish"):
            assert page_policy.user_has_permission(kept, action) == page_policy.user_has_permission(read, action)
            assert image_policy.user_has_permission(kept, action) == image_policy.user_has_permission(read, action)
        assert site_policy.user_has_permission(kept, "change") == site_policy.user_has_permission(read, "change")
        assert page_policy.explorable_root_instance(kept) == page_policy.explorable_root_instance(read)
        assert {page.pk for page in page_policy.instances_user_has_permission_for(kept, "change")} == {
            page.pk for page in page_policy.instances_user_has_permission_for(read, "change")
        }


def test_a_changed_admin_language_shows_on_the_next_request(client, editor):
    """The profile is kept with the access (Wagtail reads it for the admin's
    language on every request); saving it forgets what was kept."""
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(editor)
    assert '<html lang="en"' in client.get(reverse("wagtailadmin_home")).content.decode()
    profile.preferred_language = "zh-hans"
    profile.save()
    assert '<html lang="zh-hans"' in client.get(reverse("wagtailadmin_home")).content.decode()
