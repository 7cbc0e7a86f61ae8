"""E-mails to registrants, in the language they registered in.

Each carries the event's details (Beijing time, and local time for an event
abroad) and the signed link to see or cancel the registration; a confirmed
seat also gets the event as an .ics attachment. They are sent by core.mail
(a delivery per message, rebuilt from the registration at each attempt).

Until the applicant confirms the address, the only message is "verify": the
event's title and dates, fixed text and the signed confirmation link. Nothing
the sender typed (company, names) goes to an address nobody has confirmed, so
the form cannot be used to send chosen text to a stranger.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.models import Locale

from core import mail
from core.links import absolute_url
from core.related import emergency_card_urls
from core.text import one_line
from core.vocabularies import country_name

from .ical import build_calendar, calendar_filename
from .models import EventPage, Registration
from .tokens import make_token, make_verify_token

REGISTRATION_EMAIL = "events.registration"
KINDS = ("verify", "confirmed", "waitlisted", "promoted", "cancelled")
VERIFY = "verify"
WITH_CALENDAR = {"confirmed", "promoted"}


def _event_in_language(anchor, language):
    """The live page of the event in the registrant's language, else the anchor."""
    try:
        locale = Locale.objects.get_for_language(language)
    except Locale.DoesNotExist:
        return anchor
    translated = EventPage.objects.live().filter(translation_key=anchor.translation_key, locale=locale).first()
    return translated or anchor


def _emergency_cards(event):
    """[(country name, absolute URL of its emergency card)] for an event held abroad (core.related)."""
    if event.online:
        return []
    urls = emergency_card_urls(event.locale)
    return [(country_name(code), absolute_url(urls[code])) for code in event.countries if code != "CN" and code in urls]


def registration_email(registration, kind):
    if kind not in KINDS:
        raise ValueError(f"unknown e-mail kind {kind!r}")
    with translation.override(registration.language):
        event = _event_in_language(registration.event, registration.language)
        event_url = absolute_url(event)
        if kind == VERIFY:
            return _verification_email(registration, event, event_url)
        context = {
            "kind": kind,
            "registration": registration,
            "event": event,
            "event_url": event_url,
            "link": event_url + event.reverse_subpage("registration", kwargs={"token": make_token(registration)}),
            "Status": Registration.Status,
            "emergency_cards": _emergency_cards(event),
        }
        subject = one_line(render_to_string("events/email/subject.txt", context))
        body = render_to_string("events/email/body.txt", context)
        message = EmailMessage(subject, body, to=[registration.email])
        if kind in WITH_CALENDAR:
            message.attach(
                calendar_filename(event.slug),
                build_calendar([(event, event_url)], name=event.title),
                "text/calendar",
            )
    return message


def _verification_email(registration, event, event_url):
    # Deliberately no `registration` in the context: the template cannot show
    # anything the sender typed.
    context = {
        "event": event,
        "event_url": event_url,
        "link": event_url + event.reverse_subpage("verify_email", kwargs={"token": make_verify_token(registration)}),
        "minutes": settings.EVENTS_REGISTRATION_HOLD_MINUTES,
    }
    subject = one_line(render_to_string("events/email/verify_subject.txt", context))
    body = render_to_string("events/email/verify_body.txt", context)
    return EmailMessage(subject, body, to=[registration.email])


@mail.message_kind(REGISTRATION_EMAIL)
def registration_message(delivery):
    registration = Registration.objects.select_related("event").filter(pk=delivery.object_id).first()
    if registration is None or registration.is_anonymised:
        return None
    if delivery.variant != VERIFY and not registration.is_verified:
        return None  # booking never queues one; a second lock on the door all the same
    return registration_email(registration, delivery.variant)
