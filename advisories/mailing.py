"""E-mail to subscribers: the alert when an advisory is first published, and
the confirmation of a subscription request. Both are sent by core.mail
(retries, back-off, the delivery record); this module says who gets an
alert and rebuilds each message from ids.

The publish request only records an AdvisoryMailing and enqueues a task;
the task picks the matching confirmed subscribers once (one delivery each)
and sends them.
"""

import contextvars
from contextlib import contextmanager

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from advisories.models import AdvisoryMailing, AdvisoryPage, Subscriber
from advisories.subscriptions import list_headers, manage_url, unsubscribe_url
from core import mail
from core.links import absolute_url
from core.models import CentreDetails
from core.text import one_line
from core.vocabularies import AdvisoryKind, Severity, country_name, label, label_of_group

ALERT = "advisories.alert"
CONFIRMATION = "advisories.confirmation"

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


def _source(versions):
    return versions.get(settings.LANGUAGE_CODE) or next(iter(versions.values()))


def choose_recipients(mailing, advisory):
    """Create one delivery per matching confirmed subscriber, once: someone
    who subscribes later does not get it on a retry."""
    with transaction.atomic():
        locked = AdvisoryMailing.objects.select_for_update().get(pk=mailing.pk)
        if locked.recipients_chosen_at is not None:
            return
        subscriber_ids = (
            Subscriber.objects.confirmed()
            .matching(advisory.kind, advisory.countries, advisory.severity)
            .values_list("pk", flat=True)
        )
        mail.create(ALERT, locked.pk, subscriber_ids.iterator())
        locked.recipients_chosen_at = timezone.now()
        locked.save(update_fields=["recipients_chosen_at"])


def deliver(mailing_id):
    """Choose the recipients of one mailing and send what is due; returns counts by outcome."""
    mailing = AdvisoryMailing.objects.filter(pk=mailing_id).first()
    if mailing is None:
        return {}
    versions = live_versions(mailing.translation_key)
    if not versions:  # unpublished before the task ran: nothing to announce
        return {}
    choose_recipients(mailing, _source(versions))
    return mail.send_due(ALERT, mailing.pk)


@mail.message_kind(ALERT)
def alert_message(delivery):
    mailing = AdvisoryMailing.objects.filter(pk=delivery.object_id).first()
    subscriber = Subscriber.objects.filter(pk=delivery.recipient_id).first()
    versions = live_versions(mailing.translation_key) if mailing else {}
    if subscriber is None or not versions:  # unsubscribed, or the advisory was withdrawn
        return None
    return build_message(versions.get(subscriber.language, _source(versions)), subscriber)


def queue_confirmation(subscriber, confirm_url, language):
    # The link cannot be rebuilt (it signs the choices made in the form), so it
    # is kept with the delivery until the delivery is finished.
    mail.queue(CONFIRMATION, subscriber.pk, context={"confirm_url": confirm_url, "language": language})


@mail.message_kind(CONFIRMATION)
def confirmation_message(delivery):
    subscriber = Subscriber.objects.filter(pk=delivery.object_id).first()
    if subscriber is None:
        return None
    with translation.override(delivery.context["language"]):
        context = {"confirm_url": delivery.context["confirm_url"], "subscriber": subscriber}
        subject = one_line(render_to_string("advisories/email/confirm_subject.txt", context))
        body = render_to_string("advisories/email/confirm.txt", context)
    return EmailMessage(subject, body, to=[subscriber.email])


# ---------------------------------------------------------------- messages


def _choices_text(subscriber):
    countries = [country_name(code, subscriber.language) for code in subscriber.countries]
    countries += [str(label_of_group(key)) for key in subscriber.groups]
    kinds = [str(label(AdvisoryKind, kind)) for kind in subscriber.kinds]
    return countries, kinds


def build_message(advisory, subscriber):
    """One advisory e-mail in the subscriber's language, with RFC 8058 one-click unsubscribe."""
    with translation.override(subscriber.language):
        centre = CentreDetails.for_locale(advisory.locale)
        countries, kinds = _choices_text(subscriber)
        context = {
            "advisory": advisory,
            "language": subscriber.language,
            "advisory_url": absolute_url(advisory),
            "severity": label(Severity, advisory.severity),
            "kind": label(AdvisoryKind, advisory.kind),
            "countries": [country_name(code, subscriber.language) for code in advisory.countries],
            "translated": advisory.locale.language_code == subscriber.language,
            "chosen_countries": countries,
            "chosen_kinds": kinds,
            "centre_name": centre.name if centre else "",
            "unsubscribe_url": unsubscribe_url(subscriber),
            "manage_url": manage_url(subscriber),
        }
        subject = render_to_string("advisories/email/advisory_subject.txt", context)
        message = EmailMultiAlternatives(
            subject=one_line(subject),
            body=render_to_string("advisories/email/advisory.txt", context),
            to=[subscriber.email],
            headers=list_headers(subscriber),
        )
        message.attach_alternative(render_to_string("advisories/email/advisory.html", context), "text/html")
    return message
