"""Seats: registering, cancelling and promoting from the waiting list.

Every change to an event's seats runs inside one transaction that first
takes a row lock on the event's anchor page (`SELECT … FOR UPDATE` on
PostgreSQL; SQLite serialises writers on its own). Registrations and
cancellations for one event therefore happen one after another, and the
count of confirmed attendees read after the lock is the truth: no seat is
ever given twice, whatever the number of concurrent requests.

E-mails are recorded in the same transaction and sent by core.mail's task
once it commits, so a rolled-back registration never sends one and the
worker always finds the row.
"""

import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_variables

from core import mail

from .emails import REGISTRATION_EMAIL
from .models import EventPage, Registration, RegistrationState
from .seats import seats_taken

logger = logging.getLogger("outbound.events")


class RegistrationRefused(Exception):
    """Registration cannot go ahead; `message` says why, in the reader's language."""

    def __init__(self, message, field=None):
        super().__init__(str(message))
        self.message = message
        self.field = field


class CancellationRefused(Exception):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class Applicant:
    company_name: str
    credit_code: str
    contact_name: str
    phone: str
    email: str
    attendee_names: list
    language: str


STATE_MESSAGES = {
    RegistrationState.NOT_YET_OPEN: _("Registration for this event has not opened yet."),
    RegistrationState.CLOSED: _("Registration for this event has closed."),
    RegistrationState.STARTED: _("This event has already started, so registration is closed."),
}


def _lock_event(anchor_id):
    """The event's anchor page, locked until the end of the transaction."""
    return EventPage.objects.select_for_update(of=("self",)).get(pk=anchor_id)


def _send_later(kind, registration_ids):
    for registration_id in registration_ids:
        mail.queue(REGISTRATION_EMAIL, registration_id, variant=kind)


@sensitive_variables("applicant")
def register(event, applicant, now=None):
    """Confirm the registration while seats remain, else put it on the waiting
    list. Raises RegistrationRefused (window closed, company already registered)."""
    now = now or timezone.now()
    seats = len(applicant.attendee_names)
    with transaction.atomic():
        anchor = _lock_event(event.registration_anchor_id)
        state = anchor.registration_state(now)
        if state != RegistrationState.OPEN:
            raise RegistrationRefused(STATE_MESSAGES[state])
        if Registration.objects.active().filter(event=anchor, credit_code=applicant.credit_code).exists():
            raise already_registered()
        fits = seats_taken(anchor) + seats <= anchor.capacity
        registration = Registration(
            event=anchor,
            status=Registration.Status.CONFIRMED if fits else Registration.Status.WAITLISTED,
            seats=seats,
            company_name=applicant.company_name,
            credit_code=applicant.credit_code,
            contact_name=applicant.contact_name,
            phone=applicant.phone,
            email=applicant.email,
            attendee_names=list(applicant.attendee_names),
            language=applicant.language,
            consent_at=now,
        )
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError as error:
            # The unique constraint backs up the check above (e.g. on a database
            # without row locks).
            raise already_registered() from error
        _send_later(registration.status, [registration.pk])
    logger.info("registration %s for event %s: %s, %s seat(s)", registration.pk, anchor.pk, registration.status, seats)
    return registration


def already_registered():
    return RegistrationRefused(
        _(
            "This company (unified social credit code) is already registered for this event. To change the "
            "registration, cancel it with the link in the confirmation e-mail and register again."
        ),
        field="credit_code",
    )


def promote_waiting_list(anchor):
    """Confirm waitlisted registrations in arrival order, each one that fits in
    the seats left (a larger group further up keeps its place and waits).
    The caller holds the lock on `anchor`. Returns the promoted registrations."""
    free = anchor.capacity - seats_taken(anchor)
    promoted = []
    for registration in Registration.objects.filter(event=anchor).waiting_list().only("pk", "seats", "status"):
        if free <= 0:
            break
        if registration.seats <= free:
            registration.status = Registration.Status.CONFIRMED
            registration.save(update_fields=["status", "updated_at"])
            free -= registration.seats
            promoted.append(registration)
    if promoted:
        _send_later("promoted", [registration.pk for registration in promoted])
        logger.info("event %s: promoted registrations %s", anchor.pk, [registration.pk for registration in promoted])
    return promoted


def cancel(registration, now=None):
    """Cancel a registration, free its seats and promote the waiting list."""
    now = now or timezone.now()
    with transaction.atomic():
        anchor = _lock_event(registration.event_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Registration.Status.CANCELLED:
            raise CancellationRefused(_("This registration has already been cancelled."))
        if now >= anchor.starts:
            raise CancellationRefused(
                _("The event has already started, so the registration can no longer be cancelled.")
            )
        held_seats = registration.status == Registration.Status.CONFIRMED
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at", "updated_at"])
        _send_later("cancelled", [registration.pk])
        promoted = promote_waiting_list(anchor) if held_seats else []
    logger.info("registration %s for event %s cancelled", registration.pk, anchor.pk)
    return registration, promoted


def refill(event):
    """After an editor changes an event (more seats, say): promote whoever now fits."""
    if event.starts <= timezone.now():
        return []
    with transaction.atomic():
        return promote_waiting_list(_lock_event(event.registration_anchor_id))
