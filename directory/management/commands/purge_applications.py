"""Delete the applicant's contact details from listing applications a number
of days after they were submitted.

    python manage.py purge_applications            # DIRECTORY_APPLICATION_RETENTION_DAYS (180)
    python manage.py purge_applications --days 90 --dry-run

The application (contact name, e-mail, phone, message) is what a person gave
us about themselves; the directory entry it proposed is the organisation's
public data and stays, listed, pending or withdrawn, as editors left it. Six
months is ample time for an editor to decide; run it daily.
"""

from core.retention import RetentionCommand
from directory.models import ListingApplication


class Command(RetentionCommand):
    help = "Delete listing applications (the applicant's contact details) submitted more than N days ago."
    retention_setting = "DIRECTORY_APPLICATION_RETENTION_DAYS"
    counted_from = "submission"

    def purge(self, cutoff, dry_run):
        due = ListingApplication.objects.filter(submitted_at__lt=cutoff)
        if dry_run:
            count = due.count()
        else:
            _total, by_model = due.delete()
            count = by_model.get(ListingApplication._meta.label, 0)
        verb = "would delete" if dry_run else "deleted"
        return f"{verb} {count} listing application(s) submitted before {cutoff:%Y-%m-%d}"
