from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from events import booking
from events.models import Registration
from events.seats import seats_taken
from events.tokens import make_token
from tests.factories import ApplicantFactory, EventPageFactory, english_of, register_verified

pytestmark = pytest.mark.django_db


def link(event, registration):
    return event.url + f"registration/{make_token(registration)}/"


def register(event, capture, seats=1, language="zh-hans"):
    with capture(execute=True):
        return register_verified(event, ApplicantFactory(seats=seats, language=language))


def test_a_valid_link_shows_the_registration_and_cancels_it(client, django_capture_on_commit_callbacks, mailoutbox):
    event = EventPageFactory(english=True, capacity=3)
    registration = register(event, django_capture_on_commit_callbacks, seats=3)
    url = link(english_of(event), registration)
    page = client.get(url)
    assert page.status_code == 200
    assert "Your registration is confirmed" in page.content.decode()
    assert page["Referrer-Policy"] == "same-origin"
    html = page.content.decode()
    assert f'<a class="button" href="{url}?cancel=1">Cancel this registration</a>' in html
    assert 'class="cancel-form"' not in html  # opening the link cannot cancel by one click
    question = client.get(url + "?cancel=1").content.decode()
    assert "Cancel this registration?" in question and 'class="cancel-form"' in question
    assert registration.status == Registration.Status.CONFIRMED  # asking changed nothing
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302 and response["Location"].endswith("?cancelled=1")
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED and registration.cancelled_at
    assert seats_taken(event) == 0
    assert "has been cancelled" in client.get(response["Location"]).content.decode()
    assert [message.subject.startswith("报名已取消") for message in mailoutbox] == [False, False, True]


def test_a_tampered_link_is_refused_with_a_clear_page(client, django_capture_on_commit_callbacks):
    event = EventPageFactory(english=True)
    registration = register(event, django_capture_on_commit_callbacks)
    token = make_token(registration)
    english = english_of(event)
    tampered = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    for bad in (tampered, token.replace(str(registration.pk), str(registration.pk + 1), 1), "nonsense", token[:20]):
        response = client.post(english.url + f"registration/{bad}/")
        assert response.status_code == 404
        assert "This link does not work" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_a_link_only_works_for_its_own_event(client, django_capture_on_commit_callbacks):
    event, other = EventPageFactory(english=True), EventPageFactory(english=True)
    registration = register(event, django_capture_on_commit_callbacks)
    assert client.post(link(other, registration)).status_code == 404
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_a_reused_link_cannot_cancel_twice(client, django_capture_on_commit_callbacks, mailoutbox):
    event = EventPageFactory(english=True)
    registration = register(event, django_capture_on_commit_callbacks)
    url = link(english_of(event), registration)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
        again = client.post(url)
    assert again.status_code == 409
    html = again.content.decode()
    assert "already been cancelled" in html
    assert "Cancel this registration" not in html
    assert Registration.objects.get().status == Registration.Status.CANCELLED
    assert len(mailoutbox) == 3  # verification, confirmation and one cancellation, not two


def test_cancelling_promotes_the_waiting_list_in_arrival_order_for_those_who_fit(
    django_capture_on_commit_callbacks, mailoutbox
):
    event = EventPageFactory(english=True, capacity=4)
    first = register(event, django_capture_on_commit_callbacks, seats=2)
    second = register(event, django_capture_on_commit_callbacks, seats=2)
    big = register(event, django_capture_on_commit_callbacks, seats=3, language="en")  # waits
    pair = register(event, django_capture_on_commit_callbacks, seats=2, language="en")  # waits
    single = register(event, django_capture_on_commit_callbacks, seats=1)  # waits
    assert [r.status for r in (first, second, big, pair, single)] == ["confirmed"] * 2 + ["waitlisted"] * 3
    mailoutbox.clear()

    def statuses():
        return [Registration.objects.get(pk=r.pk).status for r in (big, pair, single)]

    with django_capture_on_commit_callbacks(execute=True):
        _cancelled, promoted = booking.cancel(first)
    # Two seats free: the group of three does not fit and keeps its place; the pair does.
    assert [r.pk for r in promoted] == [pair.pk]
    assert statuses() == ["waitlisted", "confirmed", "waitlisted"]
    assert [m.to for m in mailoutbox if "seat" in m.subject.lower()] == [[pair.email]]

    with django_capture_on_commit_callbacks(execute=True):
        _cancelled, promoted = booking.cancel(second)
    assert [r.pk for r in promoted] == [single.pk]
    assert statuses() == ["waitlisted", "confirmed", "confirmed"]

    with django_capture_on_commit_callbacks(execute=True):
        _cancelled, promoted = booking.cancel(pair)
    assert [r.pk for r in promoted] == [big.pk]
    assert statuses() == ["confirmed", "cancelled", "confirmed"]
    assert seats_taken(event) == 4


def test_cancelling_a_waitlisted_registration_promotes_nobody(django_capture_on_commit_callbacks):
    event = EventPageFactory(english=True, capacity=1)
    register(event, django_capture_on_commit_callbacks)
    waiting = register(event, django_capture_on_commit_callbacks, seats=1)
    later = register(event, django_capture_on_commit_callbacks, seats=1)
    _cancelled, promoted = booking.cancel(waiting)
    assert promoted == []
    later.refresh_from_db()
    assert later.status == Registration.Status.WAITLISTED


def test_more_seats_from_the_editor_promote_the_waiting_list(django_capture_on_commit_callbacks):
    event = EventPageFactory(capacity=1)
    register(event, django_capture_on_commit_callbacks)
    waiting = register(event, django_capture_on_commit_callbacks, seats=2)
    event.capacity = 3
    event.save_revision().publish()
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED


def test_no_cancelling_once_the_event_has_started(client, django_capture_on_commit_callbacks):
    event = EventPageFactory(english=True)
    registration = register(event, django_capture_on_commit_callbacks)
    with pytest.raises(booking.CancellationRefused):
        booking.cancel(registration, now=event.starts + timedelta(minutes=5))
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_links_stop_working_once_personal_data_is_purged(client, django_capture_on_commit_callbacks):
    now = timezone.now()
    event = EventPageFactory(english=True)
    registration = register(event, django_capture_on_commit_callbacks)
    url = link(event, registration)
    type(event).objects.filter(pk=event.pk).update(starts=now - timedelta(days=200), ends=now - timedelta(days=199))
    call_command("purge_registrations")
    assert client.get(url).status_code == 404
