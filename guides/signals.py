"""Publishing a guide records what it changed in its public change log."""

from wagtail.signals import page_published

from guides.changelog import record_publication
from guides.models import CountryGuidePage


def record_changes_on_publish(sender, instance, revision=None, **kwargs):
    record_publication(instance, revision)


def connect():
    page_published.connect(record_changes_on_publish, sender=CountryGuidePage, dispatch_uid="guides-change-log")
