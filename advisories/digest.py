"""The follow digest: what is new in the followed countries, weekly or
monthly, one e-mail per subscriber and period, in the subscriber's language.

`send_digests()` (the `send_digests` command, daily) makes sure the period
that has just ended has its Digest row, records one e-mail delivery per
subscriber of that frequency (core.mail.create: the unique constraint on
kind, digest and subscriber makes the record the guard), then sends what is
due. The record is written before anything is sent, so a run that dies
midway is finished by the next run: deliveries already sent are not due
any more, the one in flight is left "sending" (core.mail retries it only
after an hour, when its worker is surely dead) and the rest are sent.

At most one digest a week: a subscriber who got one in the last seven days
(say, after changing from monthly to weekly) is not given another.

What a digest lists comes from every app through core.related.digest_sections
(this module imports no other app); an empty digest is not sent.
"""

from dataclasses import replace
from datetime import timedelta

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation
from wagtail.models import Locale

from advisories.models import Digest, Subscriber
from advisories.subscriptions import list_headers, manage_url, unsubscribe_url
from core import mail
from core.links import absolute_url
from core.models import CentreDetails, EmailDelivery
from core.related import digest_sections
from core.text import one_line
from core.vocabularies import DigestFrequency

DIGEST = "advisories.digest"
AT_MOST_ONE_IN = timedelta(days=7)


def period_ending_before(frequency, today):
    """(first day, day after the last) of the latest whole week (Monday to
    Sunday) or calendar month before `today`."""
    if frequency == DigestFrequency.WEEKLY:
        this_monday = today - timedelta(days=today.weekday())
        return this_monday - timedelta(days=7), this_monday
    first_of_this_month = today.replace(day=1)
    return (first_of_this_month - timedelta(days=1)).replace(day=1), first_of_this_month


def choose_recipients(digest):
    """One delivery per confirmed subscriber of this frequency, unless they got a digest in the last week."""
    recently = EmailDelivery.objects.filter(kind=DIGEST, created_at__gte=timezone.now() - AT_MOST_ONE_IN).exclude(
        object_id=digest.pk
    )
    subscriber_ids = (
        Subscriber.objects.confirmed()
        .filter(digest=digest.frequency)
        .exclude(pk__in=recently.values("recipient_id"))
        .values_list("pk", flat=True)
    )
    mail.create(DIGEST, digest.pk, subscriber_ids.iterator())


def send_digests(today=None):
    """Send the digests of the periods that ended before `today`; returns counts by outcome."""
    today = today or timezone.localdate()
    counts = {}
    for frequency in DigestFrequency.values:
        starts, ends = period_ending_before(frequency, today)
        digest, _created = Digest.objects.get_or_create(frequency=frequency, starts=starts, defaults={"ends": ends})
        choose_recipients(digest)
        for outcome, number in mail.send_due(DIGEST, digest.pk).items():
            counts[outcome] = counts.get(outcome, 0) + number
    return counts


def sections_for(subscriber, digest):
    locale = Locale.objects.filter(language_code=subscriber.language).first() or Locale.get_default()
    sections = digest_sections(subscriber.followed_countries(), locale, digest.starts, digest.ends)
    if subscriber.digest_topics:
        sections = [section for section in sections if section.key in subscriber.digest_topics]
    return locale, sections


@mail.message_kind(DIGEST)
def digest_message(delivery):
    digest = Digest.objects.filter(pk=delivery.object_id).first()
    subscriber = Subscriber.objects.filter(pk=delivery.recipient_id).first()
    if digest is None or subscriber is None:  # unsubscribed since
        return None
    locale, sections = sections_for(subscriber, digest)
    if not sections:  # nothing new: no e-mail
        return None
    # Listings link by path (their pages' URLs); an e-mail needs the site's base.
    sections = [
        replace(section, items=[replace(item, url=absolute_url(item.url)) for item in section.items if item.url])
        for section in sections
    ]
    with translation.override(subscriber.language):
        centre = CentreDetails.for_locale(locale)
        context = {
            "digest": digest,
            "language": subscriber.language,
            "last_day": digest.ends - timedelta(days=1),
            "sections": sections,
            "centre_name": centre.name if centre else "",
            "manage_url": manage_url(subscriber),
            "unsubscribe_url": unsubscribe_url(subscriber),
        }
        message = EmailMultiAlternatives(
            subject=one_line(render_to_string("advisories/email/digest_subject.txt", context)),
            body=render_to_string("advisories/email/digest.txt", context),
            to=[subscriber.email],
            headers=list_headers(subscriber),
        )
        message.attach_alternative(render_to_string("advisories/email/digest.html", context), "text/html")
    return message
