"""Finding 4 of issue 14: a line break in an event title stored before the
plain-text rule existed (here written straight to the database) cannot break
the calendar file, nor the confirmation e-mail that attaches it."""

import pytest
from icalendar import Calendar, vText

from events.models import EventPage
from tests.factories import ApplicantFactory, EventPageFactory, register_verified

pytestmark = pytest.mark.django_db

STORED_TITLE = "中老铁路\n物流研讨会, 第二期"
ONE_LINE = "中老铁路 物流研讨会, 第二期"


@pytest.fixture
def event_with_line_break():
    event = EventPageFactory()
    EventPage.objects.filter(pk=event.pk).update(title=STORED_TITLE, summary="第一行\r\n第二行\x0b")
    return EventPage.objects.get(pk=event.pk)


def check_calendar(content):
    calendar = Calendar.from_ical(content)
    # icalendar reads NAME and X-WR-CALNAME back as unknown properties, still
    # escaped: they must hold the name as icalendar escapes text (RFC 5545 3.3.11).
    escaped_name = vText(ONE_LINE).to_ical().decode()
    assert str(calendar["NAME"]) == escaped_name
    assert str(calendar["X-WR-CALNAME"]) == escaped_name
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == ONE_LINE
    assert str(vevent["DESCRIPTION"]).startswith("第一行\n第二行\n\n")


def test_the_ics_file_of_an_event_with_a_line_break_in_its_title(client, event_with_line_break):
    response = client.get(event_with_line_break.url + "calendar/")
    assert response.status_code == 200
    check_calendar(response.content)


def test_the_confirmation_e_mail_of_that_event(event_with_line_break, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        register_verified(event_with_line_break, ApplicantFactory(language="zh-hans"))
    [verification, message] = mailoutbox
    assert "\n" not in verification.subject and "\n" not in message.subject
    assert ONE_LINE in verification.subject and ONE_LINE in message.subject
    [(_filename, content, _mimetype)] = message.attachments
    check_calendar(content)
