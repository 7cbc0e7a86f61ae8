"""The one way the site sends e-mail: alerts, confirmations, notifications.

Each app registers, per kind of message, a function that rebuilds the
message from a delivery's ids (core.models.EmailDelivery):

    @mail.message_kind("events.registration")
    def registration_message(delivery): ...   # an EmailMessage, or None: nobody to send to any more

and asks for it to be sent with `queue(kind, object_id, …)` (one message,
sent by a background task after the transaction commits) or, inside a task,
`create(kind, object_id, recipient_ids)` followed by `send_due(kind, object_id)`.

Every attempt is recorded on the delivery. A failed one is tried again after
EMAIL_RETRY_BASE_DELAY seconds, doubling each time, up to EMAIL_MAX_ATTEMPTS
attempts: by a deferred task when the task backend can defer, otherwise by
`manage.py retry_email_deliveries` (cron). Log lines name deliveries and
records by id and errors by exception class, never by address.
"""

import logging
from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import F, Min, Q
from django.utils import timezone
from django_tasks import task

from core.models import EmailDelivery
from core.retries import doubling_delay

logger = logging.getLogger("outbound.mail")

Status = EmailDelivery.Status
# A delivery left "sending" this long ago belongs to a worker that died.
STALE_SENDING = timedelta(hours=1)

_builders = {}


def message_kind(kind):
    """Register the function that rebuilds messages of this kind."""

    def register(build):
        _builders[kind] = build
        return build

    return register


def max_attempts():
    return settings.EMAIL_MAX_ATTEMPTS


def retry_delay(attempt):
    """How long to wait after the given (1-based) failed attempt."""
    return timedelta(seconds=doubling_delay(attempt, settings.EMAIL_RETRY_BASE_DELAY))


def queue(kind, object_id, *, recipient_id=None, variant="", context=None):
    """Record one message to send and send it from a task once the current
    transaction commits (a rolled-back change sends nothing)."""
    delivery = EmailDelivery.objects.create(
        kind=kind,
        object_id=object_id,
        recipient_id=recipient_id,
        variant=variant,
        context=context or {},
        next_attempt_at=timezone.now(),
    )
    # robust: if the task cannot be queued, the delivery stays due for the retry command.
    transaction.on_commit(lambda: send_deliveries.enqueue([delivery.pk]), robust=True)
    return delivery


def create(kind, object_id, recipient_ids):
    """One delivery per recipient, once: a recipient who already has one is skipped."""
    now = timezone.now()
    EmailDelivery.objects.bulk_create(
        (EmailDelivery(kind=kind, object_id=object_id, recipient_id=pk, next_attempt_at=now) for pk in recipient_ids),
        ignore_conflicts=True,
        batch_size=500,
    )


def due(now=None):
    now = now or timezone.now()
    return EmailDelivery.objects.filter(
        Q(status=Status.QUEUED, next_attempt_at__lte=now)
        | Q(status=Status.SENDING, last_attempt_at__lt=now - STALE_SENDING)
    )


def send_due(kind, object_id, connection=None):
    """Send what is due about one object (from a task); returns counts by outcome."""
    counts = send(due().filter(kind=kind, object_id=object_id), connection)
    _schedule_retry(counts)
    return counts


def send(deliveries, connection=None):
    """Attempt each delivery once, over one connection (default: the configured
    mail server); returns counts of "sent", "retry", "failed" (given up) and
    "cancelled" (nobody to send to)."""
    counts = Counter()
    connection = connection or get_connection()
    try:
        for delivery in _in_batches(deliveries):
            if delivery.attempts >= max_attempts():  # its worker stopped during the last attempt
                counts[_give_up(delivery)] += 1
            elif _claim(delivery):
                counts[_attempt(delivery, connection)] += 1
    finally:
        connection.close()
    return counts


def _in_batches(deliveries, size=200):
    """Iterate by primary key in batches: the loop updates the rows it reads."""
    last_pk = 0
    while batch := list(deliveries.filter(pk__gt=last_pk).order_by("pk")[:size]):
        yield from batch
        last_pk = batch[-1].pk


def _claim(delivery):
    """Mark a delivery as being sent, unless another worker got there first."""
    now = timezone.now()
    claimed = EmailDelivery.objects.filter(pk=delivery.pk, status=delivery.status, attempts=delivery.attempts).update(
        status=Status.SENDING, attempts=F("attempts") + 1, last_attempt_at=now
    )
    delivery.attempts += 1
    delivery.last_attempt_at = now
    return claimed == 1


def _give_up(delivery):
    given_up = EmailDelivery.objects.filter(pk=delivery.pk, status=delivery.status, attempts=delivery.attempts).update(
        status=Status.FAILED, next_attempt_at=None, context={}, last_error="WorkerStopped"
    )
    if not given_up:
        return "claimed elsewhere"
    logger.error(
        "e-mail %s (%s %s): its worker stopped on the last attempt, given up",
        delivery.pk,
        delivery.kind,
        delivery.object_id,
    )
    return "failed"


def _attempt(delivery, connection):
    finished = {"next_attempt_at": None, "context": {}}
    try:
        build = _builders[delivery.kind]
        message = build(delivery)
        if message is not None:
            message.connection = connection
            message.send()
    except Exception as error:  # whatever goes wrong, it is this one message's failure
        return _failed(delivery, type(error).__name__)
    if message is None:
        _record(delivery, status=Status.CANCELLED, **finished)
        logger.info(
            "e-mail %s (%s %s): nobody to send to any more, cancelled", delivery.pk, delivery.kind, delivery.object_id
        )
        return "cancelled"
    _record(delivery, status=Status.SENT, sent_at=timezone.now(), **finished)
    logger.info("e-mail %s (%s %s) sent", delivery.pk, delivery.kind, delivery.object_id)
    return "sent"


def _failed(delivery, error_name):
    given_up = delivery.attempts >= max_attempts()
    if given_up:
        _record(delivery, status=Status.FAILED, last_error=error_name[:200], next_attempt_at=None, context={})
        outcome, log, what_next = "failed", logger.error, "given up"
    else:
        next_attempt_at = delivery.last_attempt_at + retry_delay(delivery.attempts)
        _record(delivery, status=Status.QUEUED, last_error=error_name[:200], next_attempt_at=next_attempt_at)
        outcome, log, what_next = "retry", logger.warning, f"next at {next_attempt_at.isoformat(timespec='seconds')}"
    log(
        "e-mail %s (%s %s) failed (%s), attempt %s of %s: %s",
        delivery.pk,
        delivery.kind,
        delivery.object_id,
        error_name,
        delivery.attempts,
        max_attempts(),
        what_next,
    )
    return outcome


def _record(delivery, **fields):
    EmailDelivery.objects.filter(pk=delivery.pk).update(**fields)


def _schedule_retry(counts):
    """When the backend can defer, wake up for the earliest retry; otherwise
    the retry command (cron) picks it up."""
    if not counts["retry"] or not send_due_deliveries.get_backend().supports_defer:
        return
    earliest = EmailDelivery.objects.filter(status=Status.QUEUED).aggregate(at=Min("next_attempt_at"))["at"]
    if earliest is not None:
        send_due_deliveries.using(run_after=earliest).enqueue()


@task()
def send_deliveries(delivery_ids):
    """Arguments are ids, never addresses: the task queue is not a place for personal data."""
    counts = send(due().filter(pk__in=delivery_ids))
    _schedule_retry(counts)
    return dict(counts)


@task()
def send_due_deliveries():
    counts = send(due())
    _schedule_retry(counts)
    return dict(counts)
