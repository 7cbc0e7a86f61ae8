"""The staff groups, the review workflow and its task in the admin user's language.

They are database rows, stored under their English names (core.roles), and
Wagtail shows their `name` in many places ("Submit to …", the status panel,
reports, notification e-mails, the group and user forms). The one place all
of those pass through is the instance loaded for the request, so a known name
is translated there, in the language the admin has activated; before a save
a translated known name goes back to the stored English one, so an admin in
Chinese who saves a group unchanged does not rename it.
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db.models.signals import post_init, post_save, pre_save
from django.utils import translation
from django.utils.translation import gettext_noop
from wagtail.models import GroupApprovalTask, Task, Workflow

from core.roles import EDITORIAL_GROUPS, REVIEW_TASK, REVIEW_WORKFLOW

# Wagtail's own migrations create this workflow and task (unused: every page is under REVIEW_WORKFLOW).
WAGTAIL_DEFAULT_WORKFLOW = gettext_noop("Moderators approval")
KNOWN_NAMES = frozenset({*EDITORIAL_GROUPS, REVIEW_WORKFLOW, REVIEW_TASK, WAGTAIL_DEFAULT_WORKFLOW})
MODELS = (Group, Workflow, Task, GroupApprovalTask)


def _show_in_admin_language(sender, instance, **kwargs):
    name = instance.__dict__.get("name")  # not loaded (deferred): nothing to show
    if name in KNOWN_NAMES:
        instance._stored_name = name
        instance.name = translation.gettext(name)


def _spellings(name):
    spellings = {name}
    for code, _label in settings.LANGUAGES:
        with translation.override(code):
            spellings.add(translation.gettext(name))
    return spellings


def _store_english_name(sender, instance, **kwargs):
    stored = getattr(instance, "_stored_name", None)
    if stored and instance.name in _spellings(stored):
        instance.name = stored


def _show_again(sender, instance, **kwargs):
    if getattr(instance, "_stored_name", None) == instance.name:
        instance.name = translation.gettext(instance.name)


def connect():
    for model in MODELS:
        post_init.connect(_show_in_admin_language, sender=model, dispatch_uid=f"admin_names_init_{model.__name__}")
        pre_save.connect(_store_english_name, sender=model, dispatch_uid=f"admin_names_save_{model.__name__}")
        post_save.connect(_show_again, sender=model, dispatch_uid=f"admin_names_saved_{model.__name__}")
