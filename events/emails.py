"""E-mails to registrants, in the language they registered in.

Each carries the event's details (Beijing time, and local time for an event
abroad) and the signed link to see or cancel the registration; a confirmed
seat also gets the event as an .ics attachment. They are sent by core.mail
(a delivery per message, rebuilt from the registration at each attempt).
"""

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.models import Locale

from core import mail
from core.text import one_line

from .ical import build_calendar, calendar_filename
from .models import EventPage, Registration
from .tokens import make_token

REGISTRATION_EMAIL = "events.registration"
KINDS = ("confirmed", "waitlisted", "promoted", "cancelled")
WITH_CALENDAR = {"confirmed", "promoted"}


def _event_in_language(anchor, language):
    """The live page of the event in the registrant's language, else the anchor."""
    try:
        locale = Locale.objects.get_for_language(language)
    except Locale.DoesNotExist:
        return anchor
    translated = EventPage.objects.live().filter(translation_key=anchor.translation_key, locale=locale).first()
    return translated or anchor


def registration_email(registration, kind):
    if kind not in KINDS:
        raise ValueError(f"unknown e-mail kind {kind!r}")
    with translation.override(registration.language):
        event = _event_in_language(registration.event, registration.language)
        event_url = event.get_full_url()
        context = {
            "kind": kind,
            "registration": registration,
            "event": event,
            "event_url": event_url,
            "link": event_url + event.reverse_subpage("registration", kwargs={"token": make_token(registration)}),
            "Status": Registration.Status,
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


@mail.message_kind(REGISTRATION_EMAIL)
def registration_message(delivery):
    registration = Registration.objects.select_related("event").filter(pk=delivery.object_id).first()
    if registration is None or registration.is_anonymised:
        return None
    return registration_email(registration, delivery.variant)
