"""Event managers see registrations (view) and check attendees in (change)."""

from django.db import migrations

from core.roles import EVENT_MANAGERS, grant


def grant_registration_permissions(apps, schema_editor):
    grant(apps, EVENT_MANAGERS, "events", "registration", "view_registration", "change_registration")


def revoke_registration_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=EVENT_MANAGERS).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="events", codename__in=["view_registration", "change_registration"]
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("core", "0002_editorial_roles"),
    ]

    operations = [migrations.RunPython(grant_registration_permissions, revoke_registration_permissions)]
