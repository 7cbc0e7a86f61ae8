"""Editorial groups: their names, their permissions (set up by data
migrations) and who counts as a translator only.

The permission functions take the migration's `apps` registry so they work on
historical models; permissions are created when missing because Django only
creates them after all migrations have run (post_migrate).
"""

EDITORS = "Editors"
REVIEWERS = "Reviewers"
TRANSLATORS = "Translators"
EVENT_MANAGERS = "Event managers"
SUBSCRIPTION_MANAGERS = "Subscription managers"
# Every group the data migrations create (setup_site checks they are there).
EDITORIAL_GROUPS = (EDITORS, REVIEWERS, TRANSLATORS, EVENT_MANAGERS, SUBSCRIPTION_MANAGERS)


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


def is_translator_only(user):
    """A Translators member who is not also an editor, reviewer or superuser."""
    if user.is_superuser:
        return False
    names = set(user.groups.values_list("name", flat=True))
    return TRANSLATORS in names and names <= {TRANSLATORS}
