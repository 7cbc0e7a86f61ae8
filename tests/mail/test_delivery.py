"""core.mail: every e-mail is recorded, a failed one retried with back-off,
nothing about the recipient logged, and the operator sees it all."""

import io
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import call_command

from core import mail
from core.models import EmailDelivery
from directory.notifications import notify_editors_of_application
from events import booking
from events.models import Registration
from tests.factories import ApplicantFactory, DirectoryEntryFactory, EventPageFactory
from tests.mail_backends import FailsOnce

pytestmark = pytest.mark.django_db

DELIVERIES = "/admin/email_deliveries/"


def come_due(delivery):
    """Let time pass until the delivery's next attempt."""
    EmailDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=delivery.last_attempt_at)


def retry():
    output = io.StringIO()
    call_command("retry_email_deliveries", stdout=output)
    return output.getvalue().strip()


@pytest.fixture
def failed_confirmation(fails_once, django_capture_on_commit_callbacks, mailoutbox):
    """The verification e-mail goes through; the server is down for the confirmation that follows."""
    FailsOnce.failures_left = 0
    with django_capture_on_commit_callbacks(execute=True):
        registration = booking.register(EventPageFactory(english=True), ApplicantFactory(language="en"))
    FailsOnce.failures_left = 1
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        registration = booking.verify(registration)
    assert mailoutbox == []
    return registration


def test_an_event_confirmation_that_fails_once_is_retried_and_delivered(failed_confirmation, settings, mailoutbox):
    delivery = EmailDelivery.objects.get(variant="confirmed")
    assert (delivery.kind, delivery.variant, delivery.object_id) == (
        "events.registration",
        "confirmed",
        failed_confirmation.pk,
    )
    assert (delivery.status, delivery.attempts, delivery.last_error) == ("queued", 1, "SMTPServerDisconnected")
    assert delivery.next_attempt_at - delivery.last_attempt_at == timedelta(seconds=settings.EMAIL_RETRY_BASE_DELAY)

    assert retry() == "0 sent, 0 to retry, 0 given up, 0 cancelled"  # not due yet
    come_due(delivery)
    assert retry() == "1 sent, 0 to retry, 0 given up, 0 cancelled"
    [message] = mailoutbox
    assert message.to == [failed_confirmation.email]
    assert message.subject.startswith("Registration confirmed: ")
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.next_attempt_at) == ("sent", 2, None)
    assert delivery.last_error == "SMTPServerDisconnected"  # the operator still sees why it took two


def test_back_off_doubles_from_the_base_delay(settings):
    settings.EMAIL_RETRY_BASE_DELAY = 60
    assert [mail.retry_delay(attempt) for attempt in (1, 2, 3, 4)] == [
        timedelta(minutes=1),
        timedelta(minutes=2),
        timedelta(minutes=4),
        timedelta(minutes=8),
    ]


def test_after_the_last_attempt_the_delivery_is_given_up(settings, outbound_log, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.mail_backends.RefusesOneAddress"
    settings.EMAIL_MAX_ATTEMPTS = 3
    with django_capture_on_commit_callbacks(execute=True):
        booking.register(EventPageFactory(english=True), ApplicantFactory(email="refused@example.com"))
    delivery = EmailDelivery.objects.get(variant="verify")
    gaps = []
    for _attempt in range(4):
        delivery.refresh_from_db()
        if delivery.next_attempt_at:
            gaps.append(delivery.next_attempt_at - delivery.last_attempt_at)
            come_due(delivery)
        retry()
    delivery.refresh_from_db()
    assert gaps == [timedelta(seconds=300), timedelta(seconds=600)]
    assert (delivery.status, delivery.attempts, delivery.next_attempt_at) == ("failed", 3, None)
    [given_up] = [record for record in outbound_log.records if record.levelname == "ERROR"]
    assert given_up.getMessage() == (
        f"e-mail {delivery.pk} (events.registration {delivery.object_id}) failed (SMTPRecipientsRefused), "
        "attempt 3 of 3: given up"
    )


def test_no_address_in_any_log_record(outbound_log, failed_confirmation):
    come_due(EmailDelivery.objects.get(variant="confirmed"))
    retry()
    records = outbound_log.get_records("setup") + outbound_log.records  # the first attempt ran in the fixture
    messages = [record.getMessage() for record in records]
    assert any("failed (SMTPServerDisconnected)" in message for message in messages)
    assert any(message.endswith(" sent") for message in messages)
    assert not any("@" in message for message in messages)


def test_a_registration_anonymised_before_the_retry_is_not_mailed(failed_confirmation, mailoutbox):
    delivery = EmailDelivery.objects.get(variant="confirmed")
    Registration.objects.filter(pk=failed_confirmation.pk).update(email="", anonymised_at=delivery.created_at)
    come_due(delivery)
    assert retry() == "0 sent, 0 to retry, 0 given up, 1 cancelled"
    assert mailoutbox == []


def test_an_editor_notification_that_fails_once_is_retried(fails_once, zh, directory_editor, admin_user, mailoutbox):
    entry = DirectoryEntryFactory(locale=zh, key="lotus-bay", name="湄公湾咨询")
    assert notify_editors_of_application.call(entry.pk) == 1  # the first message hit the outage
    failed = EmailDelivery.objects.get(kind="directory.application", status="queued")
    come_due(failed)
    assert retry() == "1 sent, 0 to retry, 0 given up, 0 cancelled"
    assert sorted(message.to[0] for message in mailoutbox) == sorted([directory_editor.email, admin_user.email])
    assert set(EmailDelivery.objects.values_list("recipient_id", "status")) == {
        (directory_editor.pk, "sent"),
        (admin_user.pk, "sent"),
    }


def test_the_operator_sees_the_failure_in_the_admin(failed_confirmation, client):
    operator = get_user_model().objects.create_user("operator", "operator@example.org", "pw-for-tests-only")
    operator.user_permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="view_emaildelivery")
    )
    client.force_login(operator)
    response = client.get(DELIVERIES)
    assert response.status_code == 200
    content = response.content.decode()
    assert "events.registration" in content and "SMTPServerDisconnected" in content
    assert failed_confirmation.email not in content
    delivery = EmailDelivery.objects.get(variant="confirmed")
    assert client.get(f"{DELIVERIES}edit/{delivery.pk}/").status_code == 302


def test_staff_without_the_permission_are_turned_away(failed_confirmation, client, subscription_manager):
    # Editors, Reviewers and Event managers may look (their dashboard links here); Subscription managers may not.
    client.force_login(subscription_manager)
    response = client.get(DELIVERIES)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_finished_delivery_records_are_purged_after_the_retention_period(failed_confirmation, settings):
    queued = EmailDelivery.objects.get(variant="confirmed")
    old_sent = EmailDelivery.objects.create(kind="events.registration", object_id=1, status="sent")
    recent_sent = EmailDelivery.objects.create(kind="events.registration", object_id=2, status="sent")
    long_ago = old_sent.created_at - timedelta(days=settings.EMAIL_DELIVERY_RETENTION_DAYS + 1)
    EmailDelivery.objects.filter(pk__in=[queued.pk, old_sent.pk]).update(created_at=long_ago)
    output = io.StringIO()
    call_command("purge_email_deliveries", stdout=output)
    assert output.getvalue().strip() == "1 e-mail delivery record(s) deleted"
    verification = EmailDelivery.objects.get(variant="verify")
    assert set(EmailDelivery.objects.values_list("pk", flat=True)) == {verification.pk, queued.pk, recent_sent.pk}


def test_a_delivery_whose_worker_stopped_is_sent_again_or_given_up(failed_confirmation, settings, mailoutbox):
    delivery = EmailDelivery.objects.get(variant="confirmed")
    long_ago = delivery.last_attempt_at - mail.STALE_SENDING - timedelta(minutes=1)
    EmailDelivery.objects.filter(pk=delivery.pk).update(status="sending", last_attempt_at=long_ago)
    assert retry() == "1 sent, 0 to retry, 0 given up, 0 cancelled"

    EmailDelivery.objects.filter(pk=delivery.pk).update(
        status="sending", attempts=settings.EMAIL_MAX_ATTEMPTS, last_attempt_at=long_ago
    )
    assert retry() == "0 sent, 0 to retry, 1 given up, 0 cancelled"
    delivery.refresh_from_db()
    assert (delivery.status, delivery.last_error) == ("failed", "WorkerStopped")
    assert len(mailoutbox) == 1
