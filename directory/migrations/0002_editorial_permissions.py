"""Who may do what in the directory.

Editors and Reviewers manage entries (an application is approved by changing
its status to listed) and may see who applied; Reviewers may also delete.
Translators change entries so that they can translate them (the source-language
entry stays closed to them: directory.wagtail_hooks) and never see applicants.
"""

from django.db import migrations

from core.roles import EDITORS, REVIEWERS, TRANSLATORS, grant


def grant_permissions(apps, schema_editor):
    grant(apps, EDITORS, "directory", "directoryentry", "add_directoryentry", "change_directoryentry", "view_directoryentry")
    grant(apps, EDITORS, "directory", "listingapplication", "view_listingapplication")
    grant(
        apps,
        REVIEWERS,
        "directory",
        "directoryentry",
        "add_directoryentry",
        "change_directoryentry",
        "delete_directoryentry",
        "view_directoryentry",
    )
    grant(apps, REVIEWERS, "directory", "listingapplication", "view_listingapplication", "delete_listingapplication")
    grant(apps, TRANSLATORS, "directory", "directoryentry", "change_directoryentry", "view_directoryentry")


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0001_initial"),
        ("core", "0002_editorial_roles"),
    ]

    operations = [migrations.RunPython(grant_permissions, migrations.RunPython.noop)]
