"""Editors draft, Reviewers approve and publish, Translators edit translations
only (enforced by core.wagtail_hooks), Event managers see registrations
(their model permissions are granted by the events app). Every page change by
an editor goes through the "Review before publishing" workflow."""

from django.db import migrations

from core.roles import EDITORS, EVENT_MANAGERS, REVIEWERS, TRANSLATORS, get_group, get_permission, grant

PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page"],
    REVIEWERS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    TRANSLATORS: ["change_page"],
}
COLLECTION_PERMISSIONS = {
    EDITORS: ["add", "change", "choose"],
    REVIEWERS: ["add", "change", "choose", "delete"],
    TRANSLATORS: ["choose"],
}


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    ContentType = apps.get_model("contenttypes", "ContentType")

    # Wagtail ships a "Moderators" group: it is our Reviewers.
    Group.objects.filter(name="Moderators").exclude(name=REVIEWERS).update(name=REVIEWERS)
    for name in (EDITORS, REVIEWERS, TRANSLATORS, EVENT_MANAGERS):
        grant(apps, name, "wagtailadmin", "admin", "access_admin")
    for name in (EDITORS, REVIEWERS, TRANSLATORS):
        grant(apps, name, "wagtail_localize", "translation", "submit_translation")

    root = Page.objects.filter(depth=1).first()
    collection = Collection.objects.filter(depth=1).first()
    for name, codenames in PAGE_PERMISSIONS.items():
        group = get_group(apps, name)
        GroupPagePermission.objects.filter(group=group, page=root).exclude(
            permission__codename__in=codenames
        ).delete()
        for codename in codenames:
            permission = get_permission(apps, "wagtailcore", "page", codename)
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)
    for name, actions in COLLECTION_PERMISSIONS.items():
        group = get_group(apps, name)
        for action in actions:
            for model in ("image", "document"):
                app_label = f"wagtail{model}s"
                permission = get_permission(apps, app_label, model, f"{action}_{model}")
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=collection, permission=permission
                )

    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.filter(name="Reviewer approval").first()
    if task is None:
        task = GroupApprovalTask.objects.create(name="Reviewer approval", content_type=task_type, active=True)
    task.groups.set([get_group(apps, REVIEWERS)])
    workflow, _ = Workflow.objects.get_or_create(name="Review before publishing", defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
