"""The record of every e-mail the site sends (core/mail.py sends them).

A delivery names what the message is about by ids only (its kind, the
object, the recipient's record): the address and the text are rebuilt from
those records at each attempt, so nothing here is personal data, and once a
registration is anonymised or a subscriber deleted there is nobody left to
send to (the delivery is cancelled). `context` holds the little that cannot be
rebuilt (a subscription request's signed confirmation link) and is emptied
when the delivery is finished.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EmailDelivery(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    kind = models.CharField(_("kind"), max_length=64)
    variant = models.CharField(_("variant"), max_length=32, blank=True)
    object_id = models.PositiveBigIntegerField(_("about"))
    # The recipient's record when it is not the object itself (the subscriber of
    # an advisory alert, the editor told of an application).
    recipient_id = models.PositiveBigIntegerField(_("recipient"), null=True, blank=True)
    context = models.JSONField(default=dict, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    # The exception class only: messages from mail servers can quote addresses.
    last_error = models.CharField(_("last error"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("e-mail delivery")
        verbose_name_plural = _("e-mail deliveries")
        ordering = ["-created_at", "-pk"]
        # Read-only for staff: deliveries are made and updated by the site alone.
        default_permissions = ("view",)
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "recipient_id"],
                condition=models.Q(recipient_id__isnull=False),
                name="one_delivery_per_recipient",
            )
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            models.Index(fields=["kind", "object_id"]),
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id}"
