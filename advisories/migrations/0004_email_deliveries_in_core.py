"""Advisory deliveries move to core's EmailDelivery (one record for every
e-mail the site sends); their history and pending retries come along."""

from datetime import timedelta

from django.conf import settings
from django.db import migrations

STATUS = {"pending": "queued", "sending": "sending", "sent": "sent", "failed": "queued"}


def copy_deliveries(apps, schema_editor):
    MailingDelivery = apps.get_model("advisories", "MailingDelivery")
    EmailDelivery = apps.get_model("core", "EmailDelivery")
    max_attempts = settings.EMAIL_MAX_ATTEMPTS
    copies = []
    for old in MailingDelivery.objects.select_related("mailing").iterator():
        status = STATUS[old.status]
        if old.status == "failed" and old.attempts >= max_attempts:
            status = "failed"
        retry_from = old.last_attempt_at or old.mailing.created_at
        copies.append(
            EmailDelivery(
                kind="advisories.alert",
                object_id=old.mailing_id,
                recipient_id=old.subscriber_id,
                status=status,
                attempts=old.attempts,
                created_at=old.mailing.created_at,
                last_attempt_at=old.last_attempt_at,
                next_attempt_at=(
                    retry_from + timedelta(seconds=settings.EMAIL_RETRY_BASE_DELAY) if status == "queued" else None
                ),
                sent_at=old.sent_at,
                last_error=old.last_error,
            )
        )
    EmailDelivery.objects.bulk_create(copies, batch_size=500, ignore_conflicts=True)


def copy_back(apps, schema_editor):
    EmailDelivery = apps.get_model("core", "EmailDelivery")
    MailingDelivery = apps.get_model("advisories", "MailingDelivery")
    Subscriber = apps.get_model("advisories", "Subscriber")
    AdvisoryMailing = apps.get_model("advisories", "AdvisoryMailing")
    deliveries = EmailDelivery.objects.filter(kind="advisories.alert")
    subscribers = set(Subscriber.objects.values_list("pk", flat=True))
    mailings = set(AdvisoryMailing.objects.values_list("pk", flat=True))
    back = {"queued": "failed", "sending": "sending", "sent": "sent", "failed": "failed", "cancelled": "failed"}
    MailingDelivery.objects.bulk_create(
        [
            MailingDelivery(
                mailing_id=d.object_id,
                subscriber_id=d.recipient_id,
                status="pending" if d.status == "queued" and not d.attempts else back[d.status],
                attempts=d.attempts,
                last_attempt_at=d.last_attempt_at,
                sent_at=d.sent_at,
                last_error=d.last_error,
            )
            for d in deliveries
            if d.recipient_id in subscribers and d.object_id in mailings
        ],
        batch_size=500,
    )
    deliveries.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("advisories", "0003_country_list_field"),
        ("core", "0003_email_delivery"),
    ]

    operations = [
        migrations.RunPython(copy_deliveries, copy_back),
        migrations.DeleteModel(name="MailingDelivery"),
    ]
