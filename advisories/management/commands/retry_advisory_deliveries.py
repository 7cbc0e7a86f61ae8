from django.core.management.base import BaseCommand

from advisories.mailing import deliver, due_deliveries


class Command(BaseCommand):
    help = (
        "Send advisory e-mails that failed (or whose worker stopped) and may still be retried. "
        "Run it from cron when the task backend cannot schedule retries itself."
    )

    def handle(self, *args, **options):
        mailing_ids = sorted(set(due_deliveries().values_list("mailing_id", flat=True)))
        sent = failed = 0
        for mailing_id in mailing_ids:
            counts = deliver(mailing_id)
            sent += counts["sent"]
            failed += counts["failed"]
        self.stdout.write(f"{len(mailing_ids)} mailing(s): {sent} sent, {failed} failed")
