"""Editors and Reviewers see the search queries report and manage promoted
search results."""

from django.db import migrations

from core.roles import EDITORS, REVIEWERS, grant


def grant_permissions(apps, schema_editor):
    for group in (EDITORS, REVIEWERS):
        grant(apps, group, "search", "searchquerystat", "view_searchquerystat")
        grant(
            apps,
            group,
            "wagtailsearchpromotions",
            "searchpromotion",
            "add_searchpromotion",
            "change_searchpromotion",
            "delete_searchpromotion",
            "view_searchpromotion",
        )


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        ("core", "0002_editorial_roles"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
    ]

    operations = [migrations.RunPython(grant_permissions, migrations.RunPython.noop)]
