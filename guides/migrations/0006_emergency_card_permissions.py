"""Who may maintain emergency cards: Editors add and change them, Reviewers
also delete, Translators change them to translate (as for directory entries)."""

from django.db import migrations

from core.roles import EDITORS, REVIEWERS, TRANSLATORS, grant

CARD = ("guides", "emergencycard")


def grant_permissions(apps, schema_editor):
    grant(apps, EDITORS, *CARD, "add_emergencycard", "change_emergencycard", "view_emergencycard")
    grant(apps, REVIEWERS, *CARD, "add_emergencycard", "change_emergencycard", "delete_emergencycard", "view_emergencycard")
    grant(apps, TRANSLATORS, *CARD, "change_emergencycard", "view_emergencycard")


class Migration(migrations.Migration):
    dependencies = [
        ("guides", "0005_emergency_cards"),
        ("core", "0002_editorial_roles"),
    ]

    operations = [migrations.RunPython(grant_permissions, migrations.RunPython.noop)]
