"""Telling the editors that a provider has applied to be listed.

Recipients: active users who review applications (`reviews_applications`:
the Directory editors and superusers), the same staff whose dashboard lists
the applications waiting.
The message names the organisation and links to the entry in the admin; it
carries none of the applicant's personal data. One message per editor (they
do not see one another's addresses), each sent by core.mail and rebuilt
from the entry and the user at each attempt.
"""

from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task
from wagtail.users.models import UserProfile

from core import mail
from core.links import absolute_url
from core.roles import is_translator_only
from core.text import one_line
from directory.models.entries import DirectoryEntry

APPLICATION_EMAIL = "directory.application"
# Reviewing an application: reading who applied, then listing (changing) the entry.
VIEW_APPLICATION, CHANGE_ENTRY = "directory.view_listingapplication", "directory.change_directoryentry"


def reviews_applications(user):
    return user.has_perms((VIEW_APPLICATION, CHANGE_ENTRY)) and not is_translator_only(user)


def editors_to_notify():
    users = get_user_model().objects.with_perm(VIEW_APPLICATION).exclude(email="")
    return [user for user in users if reviews_applications(user)]


@task()
def notify_editors_of_application(entry_id):
    """E-mail every editor, each in their admin language; returns how many were told."""
    if not DirectoryEntry.objects.filter(pk=entry_id).exists():
        return 0
    mail.create(APPLICATION_EMAIL, entry_id, [user.pk for user in editors_to_notify()])
    return mail.send_due(APPLICATION_EMAIL, entry_id)["sent"]


@mail.message_kind(APPLICATION_EMAIL)
def application_message(delivery):
    entry = DirectoryEntry.objects.filter(pk=delivery.object_id).first()
    user = get_user_model().objects.filter(pk=delivery.recipient_id, is_active=True).exclude(email="").first()
    if entry is None or user is None:
        return None
    admin_url = absolute_url(reverse("wagtailsnippets_directory_directoryentry:edit", args=[entry.pk]))
    with translation.override(UserProfile.get_for_user(user).get_preferred_language()):
        context = {"entry": entry, "admin_url": admin_url}
        # One line, whatever the applicant typed into the name.
        subject = one_line(render_to_string("directory/emails/application_subject.txt", context))
        body = render_to_string("directory/emails/application_body.txt", context)
    return EmailMessage(subject, body, to=[user.email])
