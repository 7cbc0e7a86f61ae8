"""Background work (django-tasks): advisory e-mails and confirmation e-mails."""

import logging

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from advisories.mailing import RETRY_DELAY, deliver, due_deliveries
from advisories.models import Subscriber

logger = logging.getLogger("outbound.advisories")


@task()
def deliver_mailing(mailing_id):
    """Send an advisory to its subscribers; failed sends are tried again later
    (re-enqueued when the backend can defer, else by `retry_advisory_deliveries`)."""
    counts = deliver(mailing_id)
    can_defer = deliver_mailing.get_backend().supports_defer
    if counts["failed"] and can_defer and due_deliveries(mailing_id).exists():
        deliver_mailing.using(run_after=timezone.now() + RETRY_DELAY).enqueue(mailing_id)
    return dict(counts)


@task()
def send_subscription_confirmation(subscriber_id, confirm_url, language):
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:
        return False
    with translation.override(language):
        context = {"confirm_url": confirm_url, "subscriber": subscriber}
        subject = " ".join(render_to_string("advisories/email/confirm_subject.txt", context).split())
        body = render_to_string("advisories/email/confirm.txt", context)
    try:
        send_mail(subject, body, None, [subscriber.email])
    except Exception as error:  # caught so no traceback (which may quote the address) is stored or logged
        logger.warning("confirmation e-mail to subscriber %s failed (%s)", subscriber.pk, type(error).__name__)
        # Let the visitor ask again at once instead of waiting out the resend interval.
        Subscriber.objects.filter(pk=subscriber.pk).update(confirmation_sent_at=None)
        return False
    logger.info("confirmation e-mail sent to subscriber %s", subscriber.pk)
    return True
