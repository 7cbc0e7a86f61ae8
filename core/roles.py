"""Editorial groups: their names, their permissions (set up by data
migrations) and who counts as a translator only.

The permission functions take the migration's `apps` registry so they work on
historical models; permissions are created when missing because Django only
creates them after all migrations have run (post_migrate).

The groups, the workflow and its task are stored under their English names
(the msgids below) and shown in the admin user's language (core.admin_names).
"""

from django.utils.translation import gettext_noop

EDITORS = gettext_noop("Editors")
REVIEWERS = gettext_noop("Reviewers")
TRANSLATORS = gettext_noop("Translators")
EVENT_MANAGERS = gettext_noop("Event managers")
SUBSCRIPTION_MANAGERS = gettext_noop("Subscription managers")
DIRECTORY_EDITORS = gettext_noop("Directory editors")
REVIEW_WORKFLOW = gettext_noop("Review before publishing")
REVIEW_TASK = gettext_noop("Reviewer approval")
# Every group the data migrations create (setup_site checks they are there).
EDITORIAL_GROUPS = (EDITORS, REVIEWERS, TRANSLATORS, EVENT_MANAGERS, SUBSCRIPTION_MANAGERS, DIRECTORY_EDITORS)


def get_permission(apps, app_label, model, codename, name=None):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name or codename.replace("_", " ")}
    )
    return permission


def get_group(apps, name):
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=name)
    return group


def grant(apps, group_name, app_label, model, *codenames):
    group = get_group(apps, group_name)
    for codename in codenames:
        group.permissions.add(get_permission(apps, app_label, model, codename))
    return group


def revoke(apps, group_name, app_label, model, *codenames):
    group = get_group(apps, group_name)
    for codename in codenames:
        group.permissions.remove(get_permission(apps, app_label, model, codename))
    return group


def group_names(user):
    """The user's group names, read once per user object (a request's user
    lives for that request) and kept with its permissions (core.access): the
    admin's menu, dashboard panels and edit-view hooks all ask."""
    from core.access import access_of

    access = access_of(user)
    if access is not None:
        return access.group_names
    if not hasattr(user, "_group_names"):
        user._group_names = frozenset(user.groups.values_list("name", flat=True))
    return user._group_names


def is_translator_only(user):
    """A Translators member who is not also an editor, reviewer or superuser."""
    if user.is_superuser:
        return False
    names = group_names(user)
    return TRANSLATORS in names and names <= {TRANSLATORS}
