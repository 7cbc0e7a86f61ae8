"""Delete the records of finished e-mail deliveries (sent, given up or
cancelled) older than EMAIL_DELIVERY_RETENTION_DAYS.

    python manage.py purge_email_deliveries            # EMAIL_DELIVERY_RETENTION_DAYS (30)
    python manage.py purge_email_deliveries --dry-run

They hold ids, not addresses; this keeps them from outlasting the
operator's need for them, and well inside every personal-data retention period.
"""

from core.models import EmailDelivery
from core.retention import RetentionCommand

FINISHED = [EmailDelivery.Status.SENT, EmailDelivery.Status.FAILED, EmailDelivery.Status.CANCELLED]


class Command(RetentionCommand):
    help = "Delete finished e-mail delivery records older than the retention period."
    retention_setting = "EMAIL_DELIVERY_RETENTION_DAYS"
    counted_from = "the delivery was recorded"

    def purge(self, cutoff, dry_run):
        deliveries = EmailDelivery.objects.filter(status__in=FINISHED, created_at__lt=cutoff)
        if dry_run:
            return f"{deliveries.count()} e-mail delivery record(s) would be deleted"
        deleted, _ = deliveries.delete()
        return f"{deleted} e-mail delivery record(s) deleted"
