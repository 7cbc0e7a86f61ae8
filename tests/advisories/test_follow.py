"""Following a country: alerts at once, everything else in one weekly (or
monthly) digest per subscriber, sent by a job that can be run again after
a crash without sending anything twice; one-click unsubscribe from the
header and a manage page linked from every e-mail (locmem backend)."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.mail.backends.locmem import EmailBackend
from django.db.models import F
from django.test import Client
from django.utils import timezone

from advisories.digest import DIGEST, send_digests
from advisories.models import Subscriber
from core.models import EmailDelivery
from tests.factories import (
    AdvisoryPageFactory,
    CountryGuidePageFactory,
    DirectoryEntryFactory,
    EventPageFactory,
    SubscriberFactory,
    after_commit,
)

pytestmark = pytest.mark.django_db


def next_monday(day):
    """The day a weekly digest of `day`'s week is sent."""
    return day + timedelta(days=7 - day.weekday())


def follower(**fields):
    return SubscriberFactory(**{"countries": ["KH"], "digest": "weekly", **fields})


def digests(mailoutbox):
    return [message for message in mailoutbox if "摘要" in message.subject]


@pytest.fixture
def cambodian_week(db):
    """This week's Cambodian news, and some from elsewhere that must stay out."""
    guide = CountryGuidePageFactory(country="KH", currency="KHR", initiatives=["rcep"])
    guide.currency = "USD"
    guide.save_revision().publish()
    CountryGuidePageFactory(country="VN", slug="vn", initiatives=["rcep"])
    warning = {"severity": "warning"}
    return {
        "advisory": after_commit(AdvisoryPageFactory, title="柬埔寨劳动法修订提示", countries=["KH"], **warning),
        "elsewhere": after_commit(AdvisoryPageFactory, title="越南海关新规提示", countries=["VN"], **warning),
        "event": EventPageFactory(title="柬埔寨投资说明会", countries=["KH"]),
        "provider": DirectoryEntryFactory(name="金边律师事务所", country="KH"),
    }


def test_a_cambodia_follower_gets_one_digest_of_the_weeks_cambodian_news(cambodian_week, mailoutbox):
    """Without the apps' FOLLOW_DIGEST_HOOK sections the digest would be empty and not sent."""
    reader = follower()
    mailoutbox.clear()
    send_digests(next_monday(timezone.localdate()))
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [reader.email] and "每周摘要" in message.subject
    guide_change = "货币：柬埔寨瑞尔（KHR） → 美元（USD）"
    for expected in ("国别指南更新", guide_change, "柬埔寨劳动法修订提示", "柬埔寨投资说明会", "金边律师事务所"):
        assert expected in message.body
    assert "越南海关新规提示" not in message.body
    links = re.findall(r"https?://\S+", message.body)
    assert links and all(link.startswith(settings.SITE_BASE_URL) for link in links)  # core.links, not paths
    assert any("/advisories/manage/" in link for link in links)

    send_digests(next_monday(timezone.localdate()))  # the job run again: nothing more
    assert len(mailoutbox) == 1


def test_an_alert_level_advisory_is_mailed_at_once_the_rest_waits_for_the_digest(db, mailoutbox):
    follower()
    after_commit(AdvisoryPageFactory, title="柬埔寨局势预警", countries=["KH"], severity="alert")
    after_commit(AdvisoryPageFactory, title="柬埔寨税务提示", countries=["KH"], severity="info")
    assert [message.subject for message in mailoutbox] == ["[预警] 柬埔寨局势预警"]
    assert "/advisories/manage/" in mailoutbox[0].body


def test_a_bloc_follower_gets_alerts_for_its_member_countries(db, mailoutbox):
    """RCEP's members are the countries whose guides say so (guides' COUNTRY_GROUPS_HOOK)."""
    CountryGuidePageFactory(country="KH", initiatives=["rcep"])
    bloc = follower(countries=[], groups=["rcep"])
    after_commit(AdvisoryPageFactory, countries=["KH"], severity="alert")
    after_commit(AdvisoryPageFactory, countries=["BR"], severity="alert")
    assert [message.to for message in mailoutbox] == [[bloc.email]]


def test_a_run_that_dies_midway_is_finished_by_the_next_without_sending_twice(cambodian_week, mailoutbox, monkeypatch):
    """The deliveries are recorded before sending: without them the rerun would mail the first reader again."""
    readers = [follower() for _ in range(3)]
    mailoutbox.clear()
    real_send = EmailBackend.send_messages
    calls = []

    def dies_on_the_second(self, messages):
        calls.append(messages)
        if len(calls) == 2:
            raise KeyboardInterrupt  # the process is killed while talking to the server
        return real_send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", dies_on_the_second)
    monday = next_monday(timezone.localdate())
    with pytest.raises(KeyboardInterrupt):
        send_digests(monday)
    assert len(digests(mailoutbox)) == 1

    send_digests(monday)  # the timer's next run
    sent_to = [message.to[0] for message in digests(mailoutbox)]
    assert len(sent_to) == 2 and len(set(sent_to)) == 2

    # The one in flight when the process died is retried once its claim is an hour old.
    EmailDelivery.objects.filter(kind=DIGEST).update(last_attempt_at=F("last_attempt_at") - timedelta(hours=2))
    send_digests(monday)
    sent_to = sorted(message.to[0] for message in digests(mailoutbox))
    assert sent_to == sorted(reader.email for reader in readers)


def test_at_most_one_digest_a_week_even_after_changing_to_monthly(cambodian_week, mailoutbox):
    reader = follower()
    mailoutbox.clear()
    monday = next_monday(timezone.localdate())
    send_digests(monday)
    Subscriber.objects.filter(pk=reader.pk).update(digest="monthly")
    send_digests(monday + timedelta(days=3))  # a month may end that week: no second digest
    assert len(mailoutbox) == 1


def test_unsubscribing_from_the_header_takes_one_post_without_a_csrf_token(cambodian_week, mailoutbox):
    """RFC 8058: the mail client POSTs List-Unsubscribe=One-Click to the header's URL."""
    reader = follower()
    mailoutbox.clear()
    send_digests(next_monday(timezone.localdate()))
    headers = mailoutbox[0].extra_headers
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = headers["List-Unsubscribe"].strip("<>")
    response = Client(enforce_csrf_checks=True).post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Subscriber.objects.filter(pk=reader.pk).exists()
    assert Client().post(url.replace(reader.unsubscribe_token, "forged")).status_code == 200  # says nothing
    assert Subscriber.objects.count() == 0


def test_the_manage_page_changes_what_is_followed(client, db):
    reader = follower(language="en")
    url = f"/en/advisories/manage/{reader.unsubscribe_token}/"
    page = client.get(url).content.decode()
    assert "What you follow" in page
    assert re.search(r'value="weekly"[^>]*checked', page) and re.search(r'value="KH"[^>]*selected', page)
    response = client.post(url, {"countries": ["KH", "TH"], "digest": "monthly", "language": "zh-hans"})
    assert response.status_code == 200
    reader.refresh_from_db()
    assert (reader.countries, reader.digest, reader.language) == (["KH", "TH"], "monthly", "zh-hans")
    nothing = client.post(url, {"digest": "monthly", "language": "en"})
    assert "Choose at least one country, region or bloc" in nothing.content.decode()
    assert client.get("/en/advisories/manage/unknown-token/").status_code == 404


def test_the_digest_comes_in_the_subscribers_language(db, mailoutbox):
    reader = follower(language="en")
    after_commit(
        AdvisoryPageFactory, countries=["KH"], severity="warning", english={"title": "Cambodia labour law update"}
    )
    mailoutbox.clear()
    send_digests(next_monday(timezone.localdate()))
    assert [message.to for message in mailoutbox] == [[reader.email]]
    assert "weekly digest" in mailoutbox[0].subject
    assert "New advisories" in mailoutbox[0].body and "Cambodia labour law update" in mailoutbox[0].body
