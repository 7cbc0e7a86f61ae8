from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db.models.functions import Coalesce
from django.utils import timezone

from advisories.models import Subscriber
from advisories.subscriptions import confirmation_max_age


class Command(BaseCommand):
    help = (
        "Delete subscription requests whose confirmation link has expired "
        "(personal data is kept no longer than needed)."
    )

    def handle(self, *args, **options):
        cutoff = timezone.now() - timedelta(seconds=confirmation_max_age())
        # The newest link counts: a request repeated yesterday is not stale.
        last_sent = Coalesce("confirmation_sent_at", "created_at")
        stale = Subscriber.objects.alias(last_sent=last_sent).filter(confirmed_at__isnull=True, last_sent__lt=cutoff)
        _total, by_model = stale.delete()
        self.stdout.write(f"deleted {by_model.get(Subscriber._meta.label, 0)} unconfirmed subscription request(s)")
