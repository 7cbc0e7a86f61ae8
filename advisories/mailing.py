"""E-mail to subscribers when an advisory is first published.

The publish request only records an AdvisoryMailing and enqueues a task;
the task picks the matching confirmed subscribers once, then sends one
message per subscriber, each in its own try block with its own delivery
record, so one failure is logged (by subscriber id, never by address),
retried later, and stops nobody else.
"""

import contextvars
import logging
from collections import Counter
from contextlib import contextmanager
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from advisories.models import AdvisoryMailing, AdvisoryPage, MailingDelivery, Subscriber
from core.models import CentreDetails
from core.vocabularies import AdvisoryKind, Severity, country_name, label

logger = logging.getLogger("outbound.advisories")

MAX_ATTEMPTS = 5
RETRY_DELAY = timedelta(minutes=10)
# A delivery left "sending" this long ago belongs to a worker that died.
STALE_SENDING = timedelta(hours=1)

_suppressed = contextvars.ContextVar("advisory_mail_suppressed", default=False)


@contextmanager
def mail_suppressed():
    """Publish advisories without e-mailing anyone (bulk imports, demo data):
    their mailing is recorded as skipped, so a later re-publish sends nothing."""
    token = _suppressed.set(True)
    try:
        yield
    finally:
        _suppressed.reset(token)


def record_first_publish(page):
    """The new AdvisoryMailing to send when `page` is published for the first
    time (in any language), else None."""
    reason = ""
    if _suppressed.get():
        reason = "suppressed"
    elif not page.is_current():
        reason = "expired"
    mailing, created = AdvisoryMailing.objects.get_or_create(
        translation_key=page.translation_key, defaults={"skipped_reason": reason}
    )
    return mailing if created and not reason else None


def live_versions(translation_key):
    """{language code: live page} for one advisory."""
    pages = AdvisoryPage.objects.live().filter(translation_key=translation_key).select_related("locale")
    return {page.locale.language_code: page for page in pages}


def choose_recipients(mailing, advisory):
    """Create one pending delivery per matching confirmed subscriber, once."""
    with transaction.atomic():
        locked = AdvisoryMailing.objects.select_for_update().get(pk=mailing.pk)
        if locked.recipients_chosen_at is not None:
            return
        subscriber_ids = (
            Subscriber.objects.confirmed().matching(advisory.kind, advisory.countries).values_list("pk", flat=True)
        )
        MailingDelivery.objects.bulk_create(
            [MailingDelivery(mailing=locked, subscriber_id=pk) for pk in subscriber_ids.iterator()],
            ignore_conflicts=True,
            batch_size=500,
        )
        locked.recipients_chosen_at = timezone.now()
        locked.save(update_fields=["recipients_chosen_at"])


def due_deliveries(mailing_id=None, now=None):
    now = now or timezone.now()
    retryable = Q(status__in=[MailingDelivery.Status.PENDING, MailingDelivery.Status.FAILED]) | Q(
        status=MailingDelivery.Status.SENDING, last_attempt_at__lt=now - STALE_SENDING
    )
    deliveries = MailingDelivery.objects.filter(retryable, attempts__lt=MAX_ATTEMPTS)
    if mailing_id is not None:
        deliveries = deliveries.filter(mailing_id=mailing_id)
    return deliveries


def _claim(delivery):
    """Mark a delivery as being sent, unless another worker got there first."""
    claimed = MailingDelivery.objects.filter(pk=delivery.pk, status=delivery.status, attempts=delivery.attempts).update(
        status=MailingDelivery.Status.SENDING, attempts=F("attempts") + 1, last_attempt_at=timezone.now()
    )
    return claimed == 1


def _in_batches(deliveries, size=200):
    """Iterate by primary key in batches: the loop updates the rows it reads."""
    last_pk = 0
    while batch := list(deliveries.filter(pk__gt=last_pk).order_by("pk")[:size]):
        yield from batch
        last_pk = batch[-1].pk


def deliver(mailing_id):
    """Send what is due for one mailing; returns counts of sent and failed."""
    counts = Counter()
    mailing = AdvisoryMailing.objects.filter(pk=mailing_id).first()
    if mailing is None:
        return counts
    versions = live_versions(mailing.translation_key)
    if not versions:  # unpublished before the task ran: nothing to announce
        return counts
    source = versions.get(settings.LANGUAGE_CODE) or next(iter(versions.values()))
    choose_recipients(mailing, source)

    connection = get_connection()
    try:
        for delivery in _in_batches(due_deliveries(mailing.pk).select_related("subscriber")):
            if not _claim(delivery):
                continue
            attempt = delivery.attempts + 1
            subscriber = delivery.subscriber
            advisory = versions.get(subscriber.language, source)
            try:
                build_message(advisory, subscriber, connection).send()
            except Exception as error:  # whatever goes wrong, it is this one message's failure
                MailingDelivery.objects.filter(pk=delivery.pk).update(
                    status=MailingDelivery.Status.FAILED, last_error=type(error).__name__[:200]
                )
                counts["failed"] += 1
                log = logger.error if attempt >= MAX_ATTEMPTS else logger.warning
                log(
                    "advisory mailing %s: sending to subscriber %s failed (%s), attempt %s of %s",
                    mailing.pk,
                    subscriber.pk,
                    type(error).__name__,
                    attempt,
                    MAX_ATTEMPTS,
                )
            else:
                MailingDelivery.objects.filter(pk=delivery.pk).update(
                    status=MailingDelivery.Status.SENT, sent_at=timezone.now(), last_error=""
                )
                counts["sent"] += 1
    finally:
        connection.close()
    logger.info("advisory mailing %s: %s sent, %s failed", mailing.pk, counts["sent"], counts["failed"])
    return counts


# ---------------------------------------------------------------- messages


def _site_root(page):
    parts = urlsplit(page.get_full_url())
    return f"{parts.scheme}://{parts.netloc}"


def unsubscribe_url(page, subscriber):
    with translation.override(subscriber.language):
        return _site_root(page) + reverse("advisories:unsubscribe", args=[subscriber.unsubscribe_token])


def _choices_text(subscriber):
    countries = [country_name(code, subscriber.language) for code in subscriber.countries]
    kinds = [str(label(AdvisoryKind, kind)) for kind in subscriber.kinds]
    return countries, kinds


def build_message(advisory, subscriber, connection=None):
    """One advisory e-mail in the subscriber's language, with RFC 8058 one-click unsubscribe."""
    with translation.override(subscriber.language):
        centre = CentreDetails.for_locale(advisory.locale)
        countries, kinds = _choices_text(subscriber)
        context = {
            "advisory": advisory,
            "language": subscriber.language,
            "advisory_url": advisory.get_full_url(),
            "severity": label(Severity, advisory.severity),
            "kind": label(AdvisoryKind, advisory.kind),
            "countries": [country_name(code, subscriber.language) for code in advisory.countries],
            "translated": advisory.locale.language_code == subscriber.language,
            "chosen_countries": countries,
            "chosen_kinds": kinds,
            "centre_name": centre.name if centre else "",
            "unsubscribe_url": unsubscribe_url(advisory, subscriber),
        }
        subject = render_to_string("advisories/email/advisory_subject.txt", context)
        message = EmailMultiAlternatives(
            subject=" ".join(subject.split()),
            body=render_to_string("advisories/email/advisory.txt", context),
            to=[subscriber.email],
            connection=connection,
            headers={
                "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "Auto-Submitted": "auto-generated",
            },
        )
        message.attach_alternative(render_to_string("advisories/email/advisory.html", context), "text/html")
    return message
