"""Trust under abuse: a registration counts only once its e-mail address is
confirmed; until then its seats are held for a limited time, and nothing the
sender typed is sent to the address."""

import io
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from events import booking
from events.models import Registration
from events.seats import seats_taken
from events.tokens import make_verify_token
from tests.factories import (
    ApplicantFactory,
    EventPageFactory,
    credit_code,
    english_of,
    register_verified,
    registration_form,
)

pytestmark = pytest.mark.django_db

SENDER_TEXT = ("恶意广告公司", "点击领奖", "中奖通知人")


def hostile_form(number):
    """What the finding posted: five attendees, an invented but well-formed code, somebody else's address."""
    return registration_form(
        seats=5,
        company_name=SENDER_TEXT[0],
        contact_name=SENDER_TEXT[2],
        credit_code=credit_code(),
        email=f"victim+{number}@example.org",
        **{f"attendee_{n}": f"{SENDER_TEXT[1]}{n}" for n in range(1, 6)},
    )


def let_holds_run_out():
    Registration.objects.filter(hold_expires_at__isnull=False).update(
        hold_expires_at=timezone.now() - timedelta(seconds=1)
    )


def run(*args):
    output = io.StringIO()
    call_command("expire_registration_holds", *args, stdout=output)
    return output.getvalue().strip()


def verification_link(message):
    return re.search(r"https?://\S+/confirm-email/\S+/", message.body)[0]


def test_the_finding_twelve_posts_from_one_address_hold_little_briefly_and_mail_no_sender_text(
    client, settings, django_capture_on_commit_callbacks, mailoutbox
):
    settings.PUBLIC_FORM_RATES = {**settings.PUBLIC_FORM_RATES, "event_registration": "100/h"}
    settings.EVENTS_MAX_UNVERIFIED_HOLDS = 3
    event = EventPageFactory(english=True, capacity=40)
    statuses = []
    for number in range(12):
        with django_capture_on_commit_callbacks(execute=True):
            statuses.append(client.post(event.url + "register/", hostile_form(number)).status_code)

    assert statuses == [302] * 3 + [409] * 9
    assert Registration.objects.filter(status=Registration.Status.HELD).count() == 3
    assert seats_taken(event) == 15
    refused = client.post(event.url + "register/", hostile_form(99))
    assert "本活动等待确认邮箱地址的报名过多，请几分钟后再试。" in refused.content.decode()
    assert f'value="{SENDER_TEXT[0]}"' in refused.content.decode()  # the typed values are kept

    let_holds_run_out()
    assert run() == "expired 3 registration(s)"
    assert seats_taken(event) == 0
    assert set(Registration.objects.values_list("status", flat=True)) == {Registration.Status.EXPIRED}

    assert len(mailoutbox) == 3
    for message in mailoutbox:
        assert message.attachments == []
        for text in SENDER_TEXT:
            assert text not in message.subject and text not in message.body


def test_opening_the_link_confirms_and_then_sends_the_full_confirmation(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    event = EventPageFactory(english=True)
    with django_capture_on_commit_callbacks(execute=True):
        status_url = client.post(event.url + "register/", registration_form(seats=2))["Location"]
    registration = Registration.objects.get()
    [verification] = mailoutbox
    link = verification_link(verification)

    page = client.get(link)  # a mail scanner fetching the link confirms nothing
    assert "确认我的邮箱地址" in page.content.decode()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.HELD

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link)
    assert response.status_code == 302 and response["Location"] == status_url.replace("?new=1", "?verified=1")
    registration.refresh_from_db()
    assert (registration.status, registration.hold_expires_at) == (Registration.Status.CONFIRMED, None)
    confirmation = mailoutbox[1]
    assert confirmation.subject.startswith("报名成功")
    assert "王小明" in confirmation.body and "/registration/" in confirmation.body
    [(filename, _content, _mimetype)] = confirmation.attachments
    assert filename.endswith(".ics")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link)  # twice: nothing more happens
    assert len(mailoutbox) == 2


def test_the_status_page_of_a_hold_asks_to_confirm_within_the_hold_time(client, settings):
    settings.EVENTS_REGISTRATION_HOLD_MINUTES = 20
    event = EventPageFactory(english=True)
    response = client.post(english_of(event).url + "register/", registration_form())
    html = client.get(response["Location"]).content.decode()
    assert "confirm your address within 20 minutes" in html


def test_an_expired_hold_releases_its_seats_to_a_confirmed_waiting_registration_at_the_next_booking(
    django_capture_on_commit_callbacks, mailoutbox
):
    event = EventPageFactory(english=True, capacity=2)
    held = booking.register(event, ApplicantFactory(seats=2))
    waiting = register_verified(event, ApplicantFactory(seats=1, language="en"))
    assert (held.status, waiting.status) == (Registration.Status.HELD, Registration.Status.WAITLISTED)
    let_holds_run_out()
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        later = booking.register(event, ApplicantFactory(seats=1))
    held.refresh_from_db()
    waiting.refresh_from_db()
    assert (held.status, waiting.status, later.status) == ("expired", "confirmed", "held")
    assert [(m.to, m.subject.startswith("A seat is free")) for m in mailoutbox if m.to == [waiting.email]] == [
        ([waiting.email], True)
    ]
    assert [m.to for m in mailoutbox if m.to == [held.email]] == []  # never confirmed: nothing more sent


def test_the_waiting_list_promotes_only_confirmed_addresses(django_capture_on_commit_callbacks, mailoutbox):
    event = EventPageFactory(english=True, capacity=1)
    first = register_verified(event, ApplicantFactory(seats=1))
    unconfirmed = booking.register(event, ApplicantFactory(seats=1))
    _cancelled, promoted = booking.cancel(first)
    assert promoted == []
    unconfirmed.refresh_from_db()
    assert unconfirmed.status == Registration.Status.WAITLISTED
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = booking.verify(unconfirmed)
    assert confirmed.status == Registration.Status.CONFIRMED
    assert [m.subject.startswith("候补转正") for m in mailoutbox if m.to == [unconfirmed.email]] == [True]


def test_the_command_is_idempotent_and_has_a_dry_run():
    event = EventPageFactory(english=True)
    booking.register(event, ApplicantFactory(seats=2))
    let_holds_run_out()
    assert run("--dry-run") == "would expire 1 registration(s)"
    assert seats_taken(event) == 2
    assert run() == "expired 1 registration(s)"
    assert run() == "expired 0 registration(s)"
    assert seats_taken(event) == 0


def test_confirming_an_expired_hold_confirms_while_the_seats_are_free():
    event = EventPageFactory(english=True, capacity=2)
    late = booking.register(event, ApplicantFactory(seats=2))
    let_holds_run_out()
    assert booking.verify(late).status == Registration.Status.CONFIRMED


def test_confirming_an_expired_hold_whose_seats_are_gone_says_to_register_again(client):
    event = EventPageFactory(english=True, capacity=2)
    late = booking.register(event, ApplicantFactory(seats=2, language="en"))
    let_holds_run_out()
    register_verified(event, ApplicantFactory(seats=2))
    response = client.post(english_of(event).url + f"confirm-email/{make_verify_token(late)}/")
    assert response.status_code == 409
    assert "Please register again to join the waiting list." in response.content.decode()
    late.refresh_from_db()
    assert late.status == Registration.Status.EXPIRED


def test_one_credit_code_registers_once_across_languages_but_again_after_expiry(client):
    event = EventPageFactory(english=True)
    code = credit_code()
    booking.register(event, ApplicantFactory(credit_code=code))
    response = client.post(english_of(event).url + "register/", registration_form(credit_code=code))
    assert response.status_code == 409
    assert "This company (unified social credit code) is already registered" in response.content.decode()
    let_holds_run_out()
    again = client.post(event.url + "register/", registration_form(credit_code=code))
    assert again.status_code == 302
    assert Registration.objects.filter(credit_code=code).count() == 2


def test_one_address_registers_a_limited_number_of_times_per_event(client, settings):
    settings.EVENTS_REGISTRATIONS_PER_EMAIL = 2
    event = EventPageFactory(english=True)
    for _number in range(2):
        assert client.post(event.url + "register/", registration_form(email="same@example.com")).status_code == 302
    response = client.post(
        event.url + "register/", registration_form(email="Same@example.com", company_name="第三家公司")
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "该邮箱地址用于本活动的报名次数已达上限。" in html
    assert 'value="第三家公司"' in html
