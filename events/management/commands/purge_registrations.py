"""Anonymise registrants' personal data a number of days after their event.

    python manage.py purge_registrations            # EVENTS_REGISTRATION_RETENTION_DAYS (180)
    python manage.py purge_registrations --days 90 --dry-run

Names, codes, phone numbers, e-mail addresses and attendee names are erased;
the registration rows stay, with their status, attendee count, language,
dates and check-in, so the centre's statistics are unchanged. Run it daily
(see the events app's docstring).
"""

from django.db import transaction
from django.utils import timezone

from core.retention import RetentionCommand
from events.models import Registration

ERASED = {
    "company_name": "",
    "credit_code": "",
    "contact_name": "",
    "phone": "",
    "email": "",
    "attendee_names": [],
    "cancel_nonce": "",
}


class Command(RetentionCommand):
    help = "Anonymise the personal data of registrations for events that ended more than N days ago."
    retention_setting = "EVENTS_REGISTRATION_RETENTION_DAYS"
    counted_from = "the end of the event"

    def purge(self, cutoff, dry_run):
        due = Registration.objects.filter(anonymised_at__isnull=True, event__ends__lt=cutoff)
        with transaction.atomic():
            count = due.count()
            events = due.values("event_id").distinct().count()
            if not dry_run and count:
                due.update(**ERASED, anonymised_at=timezone.now(), updated_at=timezone.now())
        verb = "would anonymise" if dry_run else "anonymised"
        return f"{verb} {count} registration(s) of {events} event(s) that ended before {cutoff:%Y-%m-%d}"
