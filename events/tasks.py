"""Background work: e-mails to registrants (django-tasks; a database-backed
queue in production, run immediately in tests)."""

import logging

from django_tasks import task

from .emails import registration_email
from .models import Registration

logger = logging.getLogger("outbound.events")


@task()
def send_registration_email(registration_id, kind):
    """Arguments are ids, never addresses: the task queue is not a place for personal data."""
    try:
        registration = Registration.objects.select_related("event").get(pk=registration_id)
    except Registration.DoesNotExist:
        logger.warning("registration %s vanished before its %s e-mail was sent", registration_id, kind)
        return False
    if registration.is_anonymised:
        return False
    registration_email(registration, kind).send()
    logger.info("sent the %s e-mail of registration %s", kind, registration_id)
    return True
