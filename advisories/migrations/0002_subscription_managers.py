"""Subscribers' e-mail addresses are personal data (PIPL): no editorial group
may see them. A dedicated "Subscription managers" group can view, export and
delete subscribers (e.g. on a subscriber's request); it starts empty, so
until someone is added only superusers can."""

from django.db import migrations

from core.roles import SUBSCRIPTION_MANAGERS, get_group, grant


def create_group(apps, schema_editor):
    grant(apps, SUBSCRIPTION_MANAGERS, "wagtailadmin", "admin", "access_admin")
    grant(apps, SUBSCRIPTION_MANAGERS, "advisories", "subscriber", "view_subscriber", "delete_subscriber")


def remove_group(apps, schema_editor):
    get_group(apps, SUBSCRIPTION_MANAGERS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("advisories", "0001_initial"),
        ("core", "0002_editorial_roles"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
