"""The Directory editors: the staff who review listing applications (they
read who applied and approve an application by listing its entry) and keep
the directory's entries up to date, without editing pages. Like everyone who
edits, they see the searches that found nothing (a missing provider often
shows there) and the e-mails waiting for a retry (the application notices
among them); their dashboard lists the applications waiting for review
(directory.wagtail_hooks.PendingApplicationsPanel)."""

from django.db import migrations

from core.roles import DIRECTORY_EDITORS, get_group, grant


def create_directory_editors(apps, schema_editor):
    grant(apps, DIRECTORY_EDITORS, "wagtailadmin", "admin", "access_admin")
    grant(
        apps,
        DIRECTORY_EDITORS,
        "directory",
        "directoryentry",
        "add_directoryentry",
        "change_directoryentry",
        "view_directoryentry",
    )
    grant(apps, DIRECTORY_EDITORS, "directory", "listingapplication", "view_listingapplication")
    grant(apps, DIRECTORY_EDITORS, "search", "searchquerystat", "view_searchquerystat")
    grant(apps, DIRECTORY_EDITORS, "core", "emaildelivery", "view_emaildelivery")


def remove_directory_editors(apps, schema_editor):
    get_group(apps, DIRECTORY_EDITORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0005_listed_since"),
        ("core", "0005_editors_see_email_deliveries"),
        ("search", "0002_editor_permissions"),
    ]

    operations = [migrations.RunPython(create_directory_editors, remove_directory_editors)]
