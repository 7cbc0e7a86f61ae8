"""Navigator rules follow the pages' review: Editors draft and submit them,
Reviewers approve and publish ("Review before publishing" on each rule
model), Translators change them to translate (as for emergency cards)."""

from django.db import migrations

from core.roles import EDITORS, REVIEW_WORKFLOW, REVIEWERS, TRANSLATORS, grant

RULES = ("procedure", "threshold", "sensitiveindustry", "sensitivecountry")
TRANSLATABLE_RULES = ("procedure", "sensitiveindustry", "sensitivecountry")


def grant_permissions_and_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    workflow = Workflow.objects.get(name=REVIEW_WORKFLOW)
    for model in RULES:
        grant(apps, EDITORS, "filing", model, f"add_{model}", f"change_{model}", f"view_{model}")
        grant(
            apps,
            REVIEWERS,
            "filing",
            model,
            *(f"{action}_{model}" for action in ("add", "change", "delete", "view", "publish", "lock", "unlock")),
        )
        if model in TRANSLATABLE_RULES:
            grant(apps, TRANSLATORS, "filing", model, f"change_{model}", f"view_{model}")
        content_type, _ = ContentType.objects.get_or_create(app_label="filing", model=model)
        WorkflowContentType.objects.update_or_create(content_type=content_type, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("filing", "0001_rules"),
        ("core", "0002_editorial_roles"),
    ]

    operations = [migrations.RunPython(grant_permissions_and_workflow, migrations.RunPython.noop)]
