import datetime

from django.core.management.base import BaseCommand, CommandError

from advisories.digest import send_digests


class Command(BaseCommand):
    help = (
        "Send the weekly and monthly follow digests of the periods that have ended "
        "(daily; safe to run again: nobody gets a digest twice)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Run as on this day (YYYY-MM-DD); default: today in the site's time zone.")

    def handle(self, *args, today=None, **options):
        try:
            day = datetime.date.fromisoformat(today) if today else None
        except ValueError as error:
            raise CommandError("--today must be a date, YYYY-MM-DD.") from error
        counts = send_digests(day)
        summary = ", ".join(f"{outcome} {number}" for outcome, number in sorted(counts.items())) or "nothing due"
        self.stdout.write(f"digests: {summary}")
