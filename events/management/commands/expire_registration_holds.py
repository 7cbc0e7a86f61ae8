"""Release the seats of registrations whose e-mail address was not confirmed
in time (EVENTS_REGISTRATION_HOLD_MINUTES), and promote the waiting lists.

    python manage.py expire_registration_holds            # every few minutes (cron)
    python manage.py expire_registration_holds --dry-run

Every booking operation on an event already does this for that event; the
command gives seats back when nobody registers. Running it twice changes
nothing the second time.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from events import booking
from events.models import Registration


class Command(BaseCommand):
    help = "Expire registrations whose e-mail address was not confirmed in time and promote the waiting lists."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count what would expire; change nothing.")

    def handle(self, *args, dry_run=False, **options):
        now = timezone.now()
        if dry_run:
            count = Registration.objects.hold_expired(now).count()
            self.stdout.write(f"would expire {count} registration(s)")
            return
        count = booking.expire_holds(now)
        self.stdout.write(f"expired {count} registration(s)")
