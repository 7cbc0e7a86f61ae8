import io
import logging
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db.models import F
from django.test import Client

from advisories.mailing import ALERT, mail_suppressed
from advisories.models import AdvisoryMailing, Subscriber
from core.models import EmailDelivery
from tests.factories import AdvisoryPageFactory, SubscriberFactory, add_english, after_commit
from tests.mail_backends import REFUSED

pytestmark = pytest.mark.django_db


@pytest.fixture
def subscribers(db):
    return {
        "cambodia": SubscriberFactory(email="kh@example.com", countries=["KH"]),
        "thailand": SubscriberFactory(email="th@example.com", countries=["TH"]),
        "security": SubscriberFactory(email="security@example.com", kinds=["security"]),
        "tax": SubscriberFactory(email="tax@example.com", kinds=["tax"]),
        "cambodia-security": SubscriberFactory(
            email="kh-security@example.com", countries=["KH", "LA"], kinds=["security"]
        ),
        "cambodia-tax": SubscriberFactory(email="kh-tax@example.com", countries=["KH"], kinds=["tax"]),
        "unconfirmed": SubscriberFactory(email="pending@example.com", countries=["KH"], confirmed=False),
    }


def recipients(outbox):
    return sorted(address for message in outbox for address in message.to)


def test_first_publish_sends_one_message_per_matching_confirmed_subscriber(subscribers, mailoutbox):
    after_commit(AdvisoryPageFactory, title="柬埔寨治安预警", kind="security", severity="alert", countries=["KH"])
    assert recipients(mailoutbox) == ["kh-security@example.com", "kh@example.com", "security@example.com"]


def test_an_advisory_for_everywhere_reaches_every_country_subscriber(subscribers, mailoutbox):
    after_commit(AdvisoryPageFactory, title="境外税务合规提示", kind="tax")
    assert recipients(mailoutbox) == [
        "kh-tax@example.com",
        "kh@example.com",
        "tax@example.com",
        "th@example.com",
    ]


def test_republishing_editing_or_translating_sends_nothing_more(
    subscribers, mailoutbox, django_capture_on_commit_callbacks
):
    advisory = after_commit(AdvisoryPageFactory, title="柬埔寨治安预警", kind="security", countries=["KH"])
    sent = len(mailoutbox)
    assert sent == 3
    with django_capture_on_commit_callbacks(execute=True):
        advisory.save_revision().publish()
        advisory.title = "柬埔寨治安预警（更新）"
        advisory.save_revision().publish()
        advisory.unpublish()
        advisory.refresh_from_db()
        advisory.save_revision().publish()
    after_commit(add_english, advisory, title="Cambodia security alert")
    assert len(mailoutbox) == sent
    assert AdvisoryMailing.objects.filter(translation_key=advisory.translation_key).count() == 1


def test_sending_is_a_task_run_after_the_publish_commits(
    index_zh, subscribers, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        AdvisoryPageFactory(title="柬埔寨治安预警", kind="security", countries=["KH"])
    assert mailoutbox == []  # nothing sent inside the publishing request
    assert AdvisoryMailing.objects.count() == 1
    for callback in callbacks:
        callback()
    assert len(mailoutbox) == 3


def test_each_subscriber_gets_their_language(index_zh, en, mailoutbox, django_capture_on_commit_callbacks):
    chinese = SubscriberFactory(email="zh@example.com", countries=["AE"])
    english = SubscriberFactory(email="en@example.com", countries=["AE"], language="en")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        advisory = AdvisoryPageFactory(title="阿联酋外汇新规", kind="forex", severity="warning", countries=["AE"])
    # The translation is published before the worker picks up the task.
    after_commit(
        add_english,
        advisory,
        title="New foreign exchange rules in the UAE",
        summary="Summary.",
        body_html="<p>Body.</p>",
    )
    for callback in callbacks:
        callback()
    by_address = {message.to[0]: message for message in mailoutbox}
    assert by_address[english.email].subject == "[Warning] New foreign exchange rules in the UAE"
    assert "/en/advisories/" in by_address[english.email].body
    assert "United Arab Emirates" in by_address[english.email].body
    assert by_address[chinese.email].subject == "[警示] 阿联酋外汇新规"
    assert "阿拉伯联合酋长国" in by_address[chinese.email].body


def test_without_a_translation_the_english_subscriber_gets_the_source(mailoutbox):
    SubscriberFactory(email="en@example.com", language="en", kinds=["trade"])
    after_commit(AdvisoryPageFactory, title="出口管制提示", kind="trade")
    message = mailoutbox[0]
    assert message.subject == "[Information] 出口管制提示"
    assert "has not been translated into your language yet" in message.body
    assert "/zh-hans/advisories/" in message.body


def test_every_message_has_a_working_one_click_unsubscribe(mailoutbox):
    subscriber = SubscriberFactory(email="kh@example.com", countries=["KH"], language="en")
    after_commit(AdvisoryPageFactory, title="柬埔寨签证新规", countries=["KH"])
    message = mailoutbox[0]
    header = message.extra_headers["List-Unsubscribe"]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = header.strip("<>")
    assert url.endswith(f"/en/advisories/unsubscribe/{subscriber.unsubscribe_token}/")
    assert url in message.body
    html_body, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and url in html_body
    response = Client(enforce_csrf_checks=True).post(
        url.removeprefix("http://testserver"),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not Subscriber.objects.filter(pk=subscriber.pk).exists()


def retry_due():
    """Let time pass until every queued retry is due, then run the retry command."""
    EmailDelivery.objects.filter(status="queued").update(next_attempt_at=F("last_attempt_at"))
    output = io.StringIO()
    call_command("retry_email_deliveries", stdout=output)
    return output.getvalue().strip()


def test_a_failing_send_is_logged_without_the_address_and_stops_no_other(mailoutbox, settings, outbound_log):
    settings.EMAIL_BACKEND = "tests.mail_backends.RefusesOneAddress"
    first = SubscriberFactory(email="first@example.com", countries=["KH"])
    refused = SubscriberFactory(email=REFUSED, countries=["KH"])
    last = SubscriberFactory(email="last@example.com", countries=["KH"])
    after_commit(AdvisoryPageFactory, title="柬埔寨海关新规", kind="trade", countries=["KH"])
    assert recipients(mailoutbox) == [first.email, last.email]

    delivery = EmailDelivery.objects.get(kind=ALERT, recipient_id=refused.pk)
    assert (delivery.status, delivery.attempts, delivery.last_error) == ("queued", 1, "SMTPRecipientsRefused")
    warnings = [record.getMessage() for record in outbound_log.records if record.levelno == logging.WARNING]
    assert [line.split(", attempt")[0] for line in warnings] == [
        f"e-mail {delivery.pk} (advisories.alert {delivery.object_id}) failed (SMTPRecipientsRefused)"
    ]
    assert not any("@" in record.getMessage() for record in outbound_log.records)

    # Retried later, once the server accepts it: only the failed one is sent.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert retry_due() == "1 sent, 0 to retry, 0 given up, 0 cancelled"
    assert recipients(mailoutbox) == [first.email, last.email, REFUSED]
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("sent", 2)


def test_retries_stop_after_the_last_attempt(mailoutbox, settings):
    settings.EMAIL_BACKEND = "tests.mail_backends.RefusesOneAddress"
    refused = SubscriberFactory(email=REFUSED, countries=["KH"])
    after_commit(AdvisoryPageFactory, title="柬埔寨税务新规", kind="tax", countries=["KH"])
    for _attempt in range(settings.EMAIL_MAX_ATTEMPTS + 2):
        retry_due()
    delivery = EmailDelivery.objects.get(kind=ALERT, recipient_id=refused.pk)
    assert (delivery.status, delivery.attempts) == ("failed", settings.EMAIL_MAX_ATTEMPTS)


def test_someone_who_subscribes_later_is_not_sent_it_on_a_retry(mailoutbox, settings):
    settings.EMAIL_BACKEND = "tests.mail_backends.RefusesOneAddress"
    SubscriberFactory(email=REFUSED, countries=["KH"])
    after_commit(AdvisoryPageFactory, title="柬埔寨劳工新规", countries=["KH"])
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    SubscriberFactory(email="late@example.com", countries=["KH"])
    retry_due()
    assert recipients(mailoutbox) == [REFUSED]


def test_someone_who_unsubscribes_before_the_retry_is_not_sent_it(mailoutbox, settings):
    settings.EMAIL_BACKEND = "tests.mail_backends.RefusesOneAddress"
    refused = SubscriberFactory(email=REFUSED, countries=["KH"])
    after_commit(AdvisoryPageFactory, title="柬埔寨环保新规", countries=["KH"])
    refused.delete()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert retry_due() == "0 sent, 0 to retry, 0 given up, 1 cancelled"
    assert mailoutbox == []


def test_an_advisory_already_expired_when_published_mails_nobody(subscribers, mailoutbox, today):
    after_commit(
        AdvisoryPageFactory,
        title="旧提示补录",
        countries=["KH"],
        issued=today - timedelta(days=90),
        expires=today - timedelta(days=30),
    )
    assert mailoutbox == []
    assert AdvisoryMailing.objects.get().skipped_reason == "expired"


def test_bulk_publishing_can_suppress_mail_for_good(subscribers, mailoutbox, django_capture_on_commit_callbacks):
    with mail_suppressed():
        advisory = after_commit(AdvisoryPageFactory, title="批量导入的提示", countries=["KH"])
    with django_capture_on_commit_callbacks(execute=True):
        advisory.save_revision().publish()
    assert mailoutbox == []
