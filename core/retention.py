"""The shape every personal-data purge command shares: keep for N days (a
setting, or --days), report with --dry-run, then erase what is older."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone


class RetentionCommand(BaseCommand):
    """Subclasses name the setting that holds the default number of days and
    implement purge(cutoff, dry_run), returning the line to report."""

    retention_setting = ""
    counted_from = "the date it counts from"

    def add_arguments(self, parser):
        default = getattr(settings, self.retention_setting)
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"Days after {self.counted_from} (default: the {self.retention_setting} setting, {default}).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Report what would be erased; change nothing.")

    def handle(self, *args, days=None, dry_run=False, **options):
        if days is None:
            days = getattr(settings, self.retention_setting)
        if days < 0:
            raise CommandError("--days must be zero or more.")
        self.stdout.write(self.purge(timezone.now() - timedelta(days=days), dry_run))

    def purge(self, cutoff, dry_run):
        raise NotImplementedError
