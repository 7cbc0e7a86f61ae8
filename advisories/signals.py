"""Publishing an advisory for the first time queues its e-mail to subscribers."""

from functools import partial

from django.db import transaction
from wagtail.signals import page_published

from advisories.mailing import record_first_publish
from advisories.models import AdvisoryPage
from advisories.tasks import deliver_mailing


def mail_subscribers_on_first_publish(sender, instance, **kwargs):
    mailing = record_first_publish(instance)
    if mailing is not None:
        # After commit: the worker must see the published page, and the
        # reviewer's publish request must not wait for the mail server.
        transaction.on_commit(partial(deliver_mailing.enqueue, mailing.pk))


def connect():
    page_published.connect(
        mail_subscribers_on_first_publish, sender=AdvisoryPage, dispatch_uid="advisories-first-publish"
    )
