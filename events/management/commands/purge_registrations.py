"""Anonymise registrants' personal data a number of days after their event.

    python manage.py purge_registrations            # EVENTS_REGISTRATION_RETENTION_DAYS (180)
    python manage.py purge_registrations --days 90 --dry-run

Names, codes, phone numbers, e-mail addresses and attendee names are erased;
the registration rows stay, with their status, attendee count, language,
dates and check-in, so the centre's statistics are unchanged. Run it daily
(see the events app's docstring).
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

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


class Command(BaseCommand):
    help = "Anonymise the personal data of registrations for events that ended more than N days ago."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Days after the end of the event (default: the EVENTS_REGISTRATION_RETENTION_DAYS setting, 180).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Report what would be anonymised; change nothing.")

    def handle(self, *args, days=None, dry_run=False, **options):
        if days is None:
            days = getattr(settings, "EVENTS_REGISTRATION_RETENTION_DAYS", 180)
        if days < 0:
            raise CommandError("--days must be zero or more.")
        cutoff = timezone.now() - timedelta(days=days)
        due = Registration.objects.filter(anonymised_at__isnull=True, event__ends__lt=cutoff)
        with transaction.atomic():
            count = due.count()
            events = due.values("event_id").distinct().count()
            if not dry_run and count:
                due.update(**ERASED, anonymised_at=timezone.now(), updated_at=timezone.now())
        verb = "would anonymise" if dry_run else "anonymised"
        self.stdout.write(f"{verb} {count} registration(s) of {events} event(s) that ended before {cutoff:%Y-%m-%d}")
