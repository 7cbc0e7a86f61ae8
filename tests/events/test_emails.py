from datetime import datetime, timedelta
from datetime import timezone as dt_timezone

import pytest
from icalendar import Calendar

from events import booking
from events.models import Registration
from tests.factories import ApplicantFactory, EventPageFactory, english_of, register_verified

pytestmark = pytest.mark.django_db


def register(event, capture, **kwargs):
    with capture(execute=True):
        return register_verified(event, ApplicantFactory(**kwargs))


def attachment_calendar(message):
    [(filename, content, mimetype)] = message.attachments
    assert filename.endswith(".ics") and mimetype == "text/calendar"
    return Calendar.from_ical(content)


def test_confirmation_in_english_with_a_parsable_ics(django_capture_on_commit_callbacks, mailoutbox):
    plus_seven = dt_timezone(timedelta(hours=7))
    starts = datetime(2030, 5, 12, 9, 0, tzinfo=plus_seven)
    event = EventPageFactory(
        english=True, starts=starts, ends=starts + timedelta(hours=8), countries=["KH"], registration_closes=None
    )
    english = english_of(event)
    registration = register(event, django_capture_on_commit_callbacks, seats=2, language="en")
    [verification, message] = mailoutbox
    assert verification.subject == f"Confirm your e-mail address to complete your registration: {english.title}"
    assert message.to == [registration.email]
    assert message.subject == f"Registration confirmed: {english.title}"
    assert "Your registration is confirmed" in message.body
    assert "Local time (Phnom Penh):" in message.body
    assert "参会人1, 参会人2" in message.body
    assert f"{english.full_url}registration/{registration.pk}-" in message.body
    [vevent] = attachment_calendar(message).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == english.title
    assert vevent.decoded("DTSTART") == starts
    assert vevent["DTSTART"].params["TZID"] == "Asia/Phnom_Penh"
    assert str(vevent["LOCATION"]) == english.venue


def test_confirmation_in_chinese(django_capture_on_commit_callbacks, mailoutbox):
    event = EventPageFactory(english=True)
    register(event, django_capture_on_commit_callbacks, language="zh-hans")
    [_verification, message] = mailoutbox
    assert event.title in message.subject
    assert "报名成功" in message.subject
    assert "王小明" in message.body and "北京时间" in message.body
    assert f"{event.full_url}registration/" in message.body
    assert str(attachment_calendar(message).walk("VEVENT")[0]["SUMMARY"]) == event.title


def test_the_waiting_list_e_mail_has_no_calendar(django_capture_on_commit_callbacks, mailoutbox):
    event = EventPageFactory(english=True, capacity=1)
    register(event, django_capture_on_commit_callbacks, seats=1)
    waiting = register(event, django_capture_on_commit_callbacks, seats=1, language="en")
    assert waiting.status == Registration.Status.WAITLISTED
    message = mailoutbox[-1]
    assert message.subject.startswith("On the waiting list")
    assert message.attachments == []


def test_a_promoted_firm_is_e_mailed_in_its_language_with_the_ics(django_capture_on_commit_callbacks, mailoutbox):
    event = EventPageFactory(english=True, capacity=1)
    first = register(event, django_capture_on_commit_callbacks, seats=1)
    register(event, django_capture_on_commit_callbacks, seats=1, language="en", email="next@example.com")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        booking.cancel(first)
    promoted = [message for message in mailoutbox if message.to == ["next@example.com"]]
    assert len(promoted) == 1
    assert promoted[0].subject.startswith("A seat is free")
    assert attachment_calendar(promoted[0]).walk("VEVENT")


def test_a_rolled_back_registration_sends_nothing(django_capture_on_commit_callbacks, mailoutbox):
    event = EventPageFactory(english=True)
    code = ApplicantFactory().credit_code
    register(event, django_capture_on_commit_callbacks, credit_code=code)
    with pytest.raises(booking.RegistrationRefused), django_capture_on_commit_callbacks(execute=True):
        register_verified(event, ApplicantFactory(credit_code=code))
    assert [message.subject.startswith("报名成功") for message in mailoutbox] == [False, True]
