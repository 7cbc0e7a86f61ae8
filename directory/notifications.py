"""Telling the editors that a provider has applied to be listed.

Recipients: active users who may change directory entries (editors and
reviewers, superusers), except translators, who translate but do not decide.
The message names the organisation and links to the entry in the admin; it
carries none of the applicant's personal data.
"""

import logging
from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task
from wagtail.users.models import UserProfile

from core.wagtail_hooks import is_translator_only
from directory.models.entries import DirectoryEntry

logger = logging.getLogger("outbound.directory")

CHANGE_PERMISSION = "directory.change_directoryentry"


def editors_to_notify():
    users = get_user_model().objects.with_perm(CHANGE_PERMISSION).exclude(email="")
    return [user for user in users if not is_translator_only(user)]


@task()
def notify_editors_of_application(entry_id):
    """E-mail every editor, each in their admin language; returns how many were told."""
    entry = DirectoryEntry.objects.filter(pk=entry_id).select_related("application").first()
    if entry is None:
        return 0
    admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "wagtailsnippets_directory_directoryentry:edit", args=[entry.pk]
    )
    by_language = defaultdict(list)
    for user in editors_to_notify():
        by_language[UserProfile.get_for_user(user).get_preferred_language()].append(user.email)
    messages = []
    for language, recipients in by_language.items():
        with translation.override(language):
            context = {"entry": entry, "admin_url": admin_url}
            # One line, whatever the applicant typed into the name.
            subject = " ".join(render_to_string("directory/emails/application_subject.txt", context).split())
            body = render_to_string("directory/emails/application_body.txt", context)
        # One message each: editors do not see one another's addresses.
        messages.extend((subject, body, None, [address]) for address in recipients)
    count = send_mass_mail(messages)
    logger.info("directory application %s: notified %d editor(s)", entry.pk, count)
    return count
