"""Registrations: personal data, kept outside the page tree.

Never indexed for search, never exposed by the API, never logged (log the
registration id), visible only to staff with `events.view_registration`.
`purge_registrations` anonymises them a configurable time after the event.
"""

import secrets

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .pages import EventPage

MAX_ATTENDEES = 5


def new_cancel_nonce():
    return secrets.token_urlsafe(16)


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        """Neither cancelled nor expired: what holds a seat or a place on the waiting list."""
        return self.exclude(status__in=Registration.ENDED)

    def taking_seats(self):
        """Confirmed, or held while the applicant confirms the e-mail address:
        both count against the capacity (events/seats.py)."""
        return self.filter(status__in=Registration.TAKING_SEATS)

    def unverified(self):
        """Waiting for the applicant to confirm the e-mail address (held, or on
        the waiting list)."""
        return self.active().filter(email_verified_at__isnull=True)

    def hold_expired(self, now):
        """Unverified registrations whose time to confirm the address is over."""
        return self.unverified().filter(hold_expires_at__lte=now)

    def waiting_list(self):
        """Waitlisted registrations in the order they arrived."""
        return self.filter(status=Registration.Status.WAITLISTED).order_by("created_at", "pk")


class Registration(models.Model):
    class Status(models.TextChoices):
        HELD = "held", _("Held (e-mail not confirmed yet)")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")
        EXPIRED = "expired", _("Expired (e-mail not confirmed in time)")

    TAKING_SEATS = (Status.HELD, Status.CONFIRMED)
    ENDED = (Status.CANCELLED, Status.EXPIRED)

    event = models.ForeignKey(
        EventPage, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, db_index=True)
    seats = models.PositiveSmallIntegerField(
        _("attendees"), validators=[MinValueValidator(1), MaxValueValidator(MAX_ATTENDEES)]
    )
    company_name = models.CharField(_("company name"), max_length=200)
    credit_code = models.CharField(_("unified social credit code"), max_length=18)
    contact_name = models.CharField(_("contact name"), max_length=100)
    phone = models.CharField(_("mobile phone"), max_length=32, help_text=_("E.164"))
    email = models.EmailField(_("e-mail"))
    attendee_names = models.JSONField(_("attendee names"), default=list)
    language = models.CharField(
        _("language"), max_length=16, help_text=_("The language the firm registered in; e-mails use it.")
    )
    consent_at = models.DateTimeField(_("consent given at"))
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    # Nobody receives the registration's details (company, names, the cancel
    # link) until the address is confirmed through the signed link sent to it.
    email_verified_at = models.DateTimeField(_("e-mail confirmed at"), null=True, blank=True)
    hold_expires_at = models.DateTimeField(
        _("hold expires at"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("An unconfirmed address must be confirmed before this time, or the registration expires."),
    )
    checked_in = models.BooleanField(_("checked in"), default=False)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    # Part of the signed cancel link; emptied when the personal data is purged,
    # which makes every link ever sent invalid.
    cancel_nonce = models.CharField(max_length=32, default=new_cancel_nonce, editable=False)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "credit_code"],
                condition=~Q(status__in=["cancelled", "expired"]) & Q(anonymised_at__isnull=True),
                name="events_one_active_registration_per_company",
            ),
            models.CheckConstraint(
                condition=Q(seats__gte=1) & Q(seats__lte=MAX_ATTENDEES), name="events_registration_1_to_5_attendees"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["held", "confirmed", "waitlisted", "cancelled", "expired"]),
                name="events_registration_status",
            ),
        ]
        indexes = [models.Index(fields=["event", "status", "created_at"], name="events_reg_event_status")]

    def __str__(self):
        # Never the company or the person: this string ends up in logs and admin messages.
        return f"#{self.pk}"

    @property
    def is_verified(self):
        return self.email_verified_at is not None

    @property
    def is_anonymised(self):
        return self.anonymised_at is not None
