import io
import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import signing
from django.core.management import call_command
from django.db.models import F
from django.test import Client
from django.utils import timezone

from advisories.models import Subscriber
from advisories.subscriptions import RESEND_INTERVAL, make_confirmation_token
from core.models import EmailDelivery
from tests.factories import SubscriberFactory
from tests.mail_backends import REFUSED

pytestmark = pytest.mark.django_db

SUBSCRIBE_ZH = "/zh-hans/advisories/subscribe/"
SUBSCRIBE_EN = "/en/advisories/subscribe/"
CONFIRM_LINK = re.compile(r"https?://[^\s]+/advisories/confirm/[^\s/]+/")


@pytest.fixture
def subscribe(db, client, django_capture_on_commit_callbacks):
    def post(data, url=SUBSCRIBE_ZH, **extra):
        form = {"email": "firm@example.com", "language": "zh-hans", **data}
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, form, **extra)

    return post


def confirm_path(message):
    return urlsplit(CONFIRM_LINK.search(message.body).group(0)).path


def test_the_form_labels_every_field(db, client):
    content = client.get(SUBSCRIBE_ZH).content.decode()
    for field in ("email", "countries", "language"):
        assert f'<label for="id_{field}"' in content
    assert "<legend" in content  # the kinds checkboxes are a fieldset


def test_double_opt_in(client, subscribe, mailoutbox):
    response = subscribe({"countries": ["KH", "TH"], "kinds": ["security"], "language": "en"})
    assert response.status_code == 302 and response["Location"] == "/zh-hans/advisories/subscribe/sent/"
    subscriber = Subscriber.objects.get(email="firm@example.com")
    assert not subscriber.is_confirmed

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["firm@example.com"]
    assert message.subject == "Confirm your subscription to advisory e-mails"  # the language chosen
    path = confirm_path(message)
    assert path.startswith("/en/advisories/confirm/")

    page = client.get(path)  # opening the link (or a mail scanner doing so) confirms nothing yet
    assert page.status_code == 200 and "Cambodia" in page.content.decode()
    subscriber.refresh_from_db()
    assert not subscriber.is_confirmed

    confirmed = client.post(path)
    assert confirmed.status_code == 200 and "Subscription confirmed" in confirmed.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.is_confirmed
    assert (subscriber.countries, subscriber.kinds, subscriber.language) == (["KH", "TH"], ["security"], "en")


def test_a_tampered_token_is_refused_with_a_clear_page(client, subscribe, mailoutbox):
    subscribe({"countries": ["KH"]})
    path = confirm_path(mailoutbox[0])
    token = path.rstrip("/").rsplit("/", 1)[1]
    forged = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    for method in (client.get, client.post):
        response = method(f"/zh-hans/advisories/confirm/{forged}/")
        assert response.status_code == 400
        assert "链接无效" in response.content.decode()
    assert not Subscriber.objects.get().is_confirmed


def test_an_expired_token_is_refused_with_a_clear_page(client, monkeypatch):
    subscriber = SubscriberFactory(email="firm@example.com", confirmed=False)
    four_days_ago = int(timezone.now().timestamp()) - 4 * 24 * 3600
    with monkeypatch.context() as patch:
        patch.setattr(signing.TimestampSigner, "timestamp", lambda self: signing.b62_encode(four_days_ago))
        old_token = make_confirmation_token(subscriber, ["KH"], [], "en")
    response = client.post(f"/en/advisories/confirm/{old_token}/")
    assert response.status_code == 400
    assert "This link has expired" in response.content.decode()
    assert not Subscriber.objects.get().is_confirmed
    # The same token made now is accepted: only its age was wrong.
    assert (
        client.get(f"/en/advisories/confirm/{make_confirmation_token(subscriber, ['KH'], [], 'en')}/").status_code
        == 200
    )


def test_form_errors_are_clear_and_linked_to_their_fields(subscribe):
    response = subscribe({"email": "not-an-address", "countries": ["XX"], "kinds": ["weather"]})
    assert response.status_code == 200
    content = response.content.decode()
    assert "请输入合法的邮件地址" in content
    assert "XX" in content and "weather" in content
    assert 'id="id_email_error"' in content and 'aria-describedby="id_email_error"' in content
    assert 'href="#id_email"' in content  # the error summary links to the field
    assert not Subscriber.objects.exists()


def test_choosing_nothing_is_an_error(subscribe):
    content = subscribe({}).content.decode()
    assert "请至少选择一个国家、地区或集团，或一类提示" in content
    assert not Subscriber.objects.exists()


def test_english_errors_in_english(subscribe):
    content = subscribe({"email": "nope"}, url=SUBSCRIBE_EN).content.decode()
    assert "Enter a valid email address." in content


def test_an_existing_subscribers_choices_change_only_when_confirmed(client, subscribe, mailoutbox):
    subscriber = SubscriberFactory(email="firm@example.com", countries=["KH"])
    subscribe({"email": "FIRM@example.com", "countries": ["TH"], "kinds": ["tax"]})
    subscriber.refresh_from_db()
    assert subscriber.countries == ["KH"] and subscriber.kinds == []
    assert Subscriber.objects.count() == 1
    client.post(confirm_path(mailoutbox[0]))
    subscriber.refresh_from_db()
    assert subscriber.countries == ["TH"] and subscriber.kinds == ["tax"]


def test_confirmation_mails_to_one_address_are_spaced_out(subscribe, mailoutbox):
    subscribe({"countries": ["KH"]})
    second = subscribe({"countries": ["TH"]})
    assert second.status_code == 302  # the same answer as always
    assert len(mailoutbox) == 1
    Subscriber.objects.update(confirmation_sent_at=timezone.now() - RESEND_INTERVAL - timedelta(seconds=1))
    subscribe({"countries": ["TH"]})
    assert len(mailoutbox) == 2


def test_unsubscribe_works_without_login_and_deletes_the_address(client):
    subscriber = SubscriberFactory(email="firm@example.com", countries=["KH"])
    url = f"/en/advisories/unsubscribe/{subscriber.unsubscribe_token}/"
    page = client.get(url)
    assert page.status_code == 200 and 'method="post"' in page.content.decode()
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()
    done = client.post(url)
    assert done.status_code == 200 and "You have been unsubscribed" in done.content.decode()
    assert not Subscriber.objects.filter(pk=subscriber.pk).exists()
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 200  # idempotent


def test_one_click_unsubscribe_needs_no_csrf_token():
    """RFC 8058: the mail client POSTs List-Unsubscribe=One-Click, with no cookie or token."""
    subscriber = SubscriberFactory(email="firm@example.com")
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        f"/zh-hans/advisories/unsubscribe/{subscriber.unsubscribe_token}/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not Subscriber.objects.exists()


def test_the_confirmed_page_says_how_to_change_choices_and_links_the_unsubscribe_page(client, subscribe, mailoutbox):
    subscribe({"countries": ["KH"]})
    html = client.post(confirm_path(mailoutbox[0])).content.decode()
    subscriber = Subscriber.objects.get()
    unsubscribe_url = f"/zh-hans/advisories/unsubscribe/{subscriber.unsubscribe_token}/"
    assert f'<a href="{unsubscribe_url}">立即退订</a>' in html
    manage_url = f"/zh-hans/advisories/manage/{subscriber.unsubscribe_token}/"
    assert f'<a href="{manage_url}">修改关注内容</a>' in html  # choices change there now, not by subscribing again
    assert client.get(unsubscribe_url).status_code == 200


def test_a_confirmation_link_is_dead_after_unsubscribing(client, subscribe, mailoutbox):
    subscribe({"countries": ["KH"]})
    path = confirm_path(mailoutbox[0])
    client.post(path)
    subscriber = Subscriber.objects.get()
    client.post(f"/zh-hans/advisories/unsubscribe/{subscriber.unsubscribe_token}/")
    assert client.post(path).status_code == 400
    assert not Subscriber.objects.exists()


def test_unconfirmed_requests_are_purged_after_the_link_expires():
    stale = SubscriberFactory(email="stale@example.com", confirmed=False)
    fresh = SubscriberFactory(email="fresh@example.com", confirmed=False)
    confirmed = SubscriberFactory(email="kept@example.com")
    long_ago = timezone.now() - timedelta(days=4)
    Subscriber.objects.filter(pk__in=[stale.pk, confirmed.pk]).update(created_at=long_ago)
    Subscriber.objects.filter(pk=stale.pk).update(confirmation_sent_at=long_ago)
    call_command("purge_unconfirmed_subscribers", stdout=io.StringIO())
    assert set(Subscriber.objects.values_list("email", flat=True)) == {fresh.email, confirmed.email}


def test_a_failed_confirmation_email_is_logged_by_id_and_retried(client, subscribe, settings, mailoutbox, outbound_log):
    settings.EMAIL_BACKEND = "tests.mail_backends.RefusesOneAddress"
    assert subscribe({"email": REFUSED, "countries": ["KH"]}).status_code == 302
    subscriber = Subscriber.objects.get(email=REFUSED)
    assert mailoutbox == []
    delivery = EmailDelivery.objects.get(kind="advisories.confirmation", object_id=subscriber.pk)
    messages = [record.getMessage() for record in outbound_log.records]
    assert [message.split(", attempt")[0] for message in messages if "failed" in message] == [
        f"e-mail {delivery.pk} (advisories.confirmation {subscriber.pk}) failed (SMTPRecipientsRefused)"
    ]
    assert not any("@" in message for message in messages)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    EmailDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=F("last_attempt_at"))
    call_command("retry_email_deliveries", stdout=io.StringIO())
    [message] = mailoutbox
    assert message.to == [REFUSED]
    assert client.post(confirm_path(message)).status_code == 200
    assert Subscriber.objects.get(pk=subscriber.pk).is_confirmed
    assert EmailDelivery.objects.get(pk=delivery.pk).context == {}  # the link is not kept once sent
