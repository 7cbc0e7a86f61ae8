"""Editors, Reviewers and Event managers may look at the e-mail deliveries:
their dashboard lists the e-mails that failed and wait for a retry, and each
links there. (Deliveries hold no address, only the kind, the object's id and
the error's type.)"""

from django.db import migrations

from core.roles import EDITORS, EVENT_MANAGERS, REVIEWERS, grant


def grant_permissions(apps, schema_editor):
    for group in (EDITORS, REVIEWERS, EVENT_MANAGERS):
        grant(apps, group, "core", "emaildelivery", "view_emaildelivery")


class Migration(migrations.Migration):
    dependencies = [("core", "0004_government_site_marks")]

    operations = [migrations.RunPython(grant_permissions, migrations.RunPython.noop)]
