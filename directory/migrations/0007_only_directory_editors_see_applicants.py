"""Who applied to be listed (the applicant's name, e-mail, phone and message:
personal data) is read only by the staff whose work the applications are:
the Directory editors (migration 0006). Editors and Reviewers keep managing
the entries (migration 0002) but no longer see the applicants, and their
dashboards no longer list the applications; the Reviewers' permission to
delete an application moves to the Directory editors (an applicant who asks
to be forgotten is theirs to answer)."""

from django.db import migrations

from core.roles import DIRECTORY_EDITORS, EDITORS, REVIEWERS, grant, revoke


def only_directory_editors_see_applicants(apps, schema_editor):
    revoke(apps, EDITORS, "directory", "listingapplication", "view_listingapplication")
    revoke(apps, REVIEWERS, "directory", "listingapplication", "view_listingapplication", "delete_listingapplication")
    grant(apps, DIRECTORY_EDITORS, "directory", "listingapplication", "delete_listingapplication")


def editors_and_reviewers_see_applicants_again(apps, schema_editor):
    grant(apps, EDITORS, "directory", "listingapplication", "view_listingapplication")
    grant(apps, REVIEWERS, "directory", "listingapplication", "view_listingapplication", "delete_listingapplication")
    revoke(apps, DIRECTORY_EDITORS, "directory", "listingapplication", "delete_listingapplication")


class Migration(migrations.Migration):
    dependencies = [("directory", "0006_directory_editors")]

    operations = [
        migrations.RunPython(only_directory_editors_see_applicants, editors_and_reviewers_see_applicants_again)
    ]
