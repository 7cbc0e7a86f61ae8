"""Seats: registering, confirming the applicant's address, cancelling,
releasing expired holds and promoting from the waiting list.

A new registration that fits is HELD: its seats count against the capacity,
but it is confirmed only when the applicant opens the signed link sent to the
e-mail address given (`verify`). A hold not confirmed within
EVENTS_REGISTRATION_HOLD_MINUTES expires: its seats go back, and the waiting
list moves up. The waiting list only promotes registrations whose address is
confirmed (an unconfirmed one keeps its place in line and expires likewise).
Expiry runs at the start of every operation on the event (`register`,
`verify`, `cancel`) and from `manage.py expire_registration_holds`, so seats
come back even when nobody registers. Until its address is confirmed a
registration is sent one message only: the fixed-text verification e-mail.

Every change to an event's seats runs inside one transaction that first
takes a row lock on the event's anchor page (`SELECT … FOR UPDATE` on
PostgreSQL; on SQLite, where that locks nothing, the settings begin every
transaction IMMEDIATE, taking the database's write lock at BEGIN:
config/settings/base.py, `sqlite_for_concurrent_writers`). Registrations and
cancellations for one event therefore happen one after another, and the
count of confirmed attendees read after the lock is the truth: no seat is
ever given twice, whatever the number of concurrent requests.

E-mails are recorded in the same transaction and sent by core.mail's task
once it commits, so a rolled-back registration never sends one and the
worker always finds the row.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
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


class VerificationRefused(CancellationRefused):
    """The address cannot confirm this registration any more; `message` says why."""


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


def hold_time():
    return timedelta(minutes=settings.EVENTS_REGISTRATION_HOLD_MINUTES)


def _fits(anchor, seats):
    return seats_taken(anchor) + seats <= anchor.capacity


@sensitive_variables("applicant")
def register(event, applicant, now=None):
    """Hold the seats while they remain, else put the registration on the
    waiting list; either way until the address is confirmed (`verify`).
    Raises RegistrationRefused (window closed, company already registered,
    too many registrations for this address or waiting for confirmation)."""
    now = now or timezone.now()
    seats = len(applicant.attendee_names)
    with transaction.atomic():
        anchor = _lock_event(event.registration_anchor_id)
        release_expired_holds(anchor, now)
        state = anchor.registration_state(now)
        if state != RegistrationState.OPEN:
            raise RegistrationRefused(STATE_MESSAGES[state])
        if Registration.objects.active().filter(event=anchor, credit_code=applicant.credit_code).exists():
            raise already_registered()
        _check_limits(anchor, applicant.email)
        registration = Registration(
            event=anchor,
            status=Registration.Status.HELD if _fits(anchor, seats) else Registration.Status.WAITLISTED,
            hold_expires_at=now + hold_time(),
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
        _send_later("verify", [registration.pk])
    logger.info("registration %s for event %s: %s, %s seat(s)", registration.pk, anchor.pk, registration.status, seats)
    return registration


def _check_limits(anchor, email):
    """Refuse what would let a stranger hold the event or flood an address.
    The caller holds the lock on `anchor`."""
    registrations = Registration.objects.filter(event=anchor)
    if registrations.filter(email__iexact=email).count() >= settings.EVENTS_REGISTRATIONS_PER_EMAIL:
        raise RegistrationRefused(
            _("This e-mail address has already been used for as many registrations of this event as allowed."),
            field="email",
        )
    if registrations.unverified().count() >= settings.EVENTS_MAX_UNVERIFIED_HOLDS:
        raise RegistrationRefused(
            _(
                "Too many registrations for this event are waiting for their e-mail address to be confirmed. "
                "Please try again in a few minutes."
            )
        )


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
    waiting = Registration.objects.filter(event=anchor, email_verified_at__isnull=False).waiting_list()
    for registration in waiting.only("pk", "seats", "status"):
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
        release_expired_holds(anchor, now)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Registration.Status.CANCELLED:
            raise CancellationRefused(_("This registration has already been cancelled."))
        if registration.status == Registration.Status.EXPIRED:
            raise CancellationRefused(_("This registration has expired: its seats have already been released."))
        if now >= anchor.starts:
            raise CancellationRefused(
                _("The event has already started, so the registration can no longer be cancelled.")
            )
        held_seats = registration.status in Registration.TAKING_SEATS
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at", "updated_at"])
        if registration.is_verified:
            _send_later("cancelled", [registration.pk])
        promoted = promote_waiting_list(anchor) if held_seats else []
    logger.info("registration %s for event %s cancelled", registration.pk, anchor.pk)
    return registration, promoted


def verify(registration, now=None):
    """The applicant opened the link sent to the address: a hold becomes a
    confirmed registration, a waiting one may now be promoted; each gets the
    full confirmation. Confirming twice changes nothing. An expired hold is
    confirmed if its seats are still free; otherwise VerificationRefused
    tells the applicant to register again (joining the waiting list from its
    old place would jump the queue)."""
    now = now or timezone.now()
    with transaction.atomic():
        anchor = _lock_event(registration.event_id)
        release_expired_holds(anchor, now)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.is_verified:
            return registration
        if registration.status == Registration.Status.CANCELLED:
            raise VerificationRefused(_("This registration has been cancelled."))
        if now >= anchor.starts:
            raise VerificationRefused(_("The event has already started."))
        if registration.status == Registration.Status.EXPIRED:
            _revive_expired(anchor, registration, now)
        registration.email_verified_at = now
        registration.hold_expires_at = None
        if registration.status == Registration.Status.HELD:
            registration.status = Registration.Status.CONFIRMED
        registration.save(update_fields=["status", "email_verified_at", "hold_expires_at", "updated_at"])
        if registration.status == Registration.Status.CONFIRMED:
            _send_later("confirmed", [registration.pk])
        elif registration not in promote_waiting_list(anchor):
            _send_later("waitlisted", [registration.pk])
        else:
            registration.refresh_from_db(fields=["status"])
    logger.info("registration %s for event %s: address confirmed, %s", registration.pk, anchor.pk, registration.status)
    return registration


def _revive_expired(anchor, registration, now):
    """Back to a hold, about to be confirmed, if nothing has been given away since."""
    state = anchor.registration_state(now)
    if state != RegistrationState.OPEN:
        raise VerificationRefused(STATE_MESSAGES[state])
    if Registration.objects.active().filter(event=anchor, credit_code=registration.credit_code).exists():
        raise VerificationRefused(already_registered().message)
    if not _fits(anchor, registration.seats):
        raise VerificationRefused(
            _(
                "The time to confirm your e-mail address has passed and the seats have been given to others. "
                "Please register again to join the waiting list."
            )
        )
    registration.status = Registration.Status.HELD


def release_expired_holds(anchor, now):
    """Expire the registrations whose address was not confirmed in time; if
    seats come back, promote the waiting list. The caller holds the lock on
    `anchor`. Returns the number expired. Nobody is e-mailed: the addresses
    were never confirmed."""
    expired = list(Registration.objects.filter(event=anchor).hold_expired(now).values_list("pk", "status"))
    if not expired:
        return 0
    Registration.objects.filter(pk__in=[pk for pk, _status in expired]).update(
        status=Registration.Status.EXPIRED, updated_at=now
    )
    logger.info("event %s: holds expired %s", anchor.pk, [pk for pk, _status in expired])
    if now < anchor.starts and any(status == Registration.Status.HELD for _pk, status in expired):
        promote_waiting_list(anchor)
    return len(expired)


def expire_holds(now=None):
    """Release every expired hold, one event (and one lock) at a time; for the
    scheduled command. Returns the number of registrations expired."""
    now = now or timezone.now()
    anchors = Registration.objects.hold_expired(now).order_by().values_list("event_id", flat=True).distinct()
    released = 0
    for anchor_id in list(anchors):
        with transaction.atomic():
            released += release_expired_holds(_lock_event(anchor_id), now)
    return released


def refill(event):
    """After an editor changes an event (more seats, say): promote whoever now fits."""
    if event.starts <= timezone.now():
        return []
    with transaction.atomic():
        return promote_waiting_list(_lock_event(event.registration_anchor_id))
