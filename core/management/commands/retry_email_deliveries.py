"""Send the e-mails whose retry is due (or whose worker stopped).

Run it from cron when the task backend cannot schedule retries itself
(e.g. every 15 minutes); with django-tasks-db the worker retries on its own.
"""

from django.core.management.base import BaseCommand

from core import mail


class Command(BaseCommand):
    help = "Send e-mails that failed (or whose worker stopped) and whose next attempt is due."

    def handle(self, *args, **options):
        counts = mail.send(mail.due())
        self.stdout.write(
            f"{counts['sent']} sent, {counts['retry']} to retry, {counts['failed']} given up, "
            f"{counts['cancelled']} cancelled"
        )
