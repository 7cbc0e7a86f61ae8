from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from events.models import EventIndexPage, EventPage
from events.tokens import make_token
from tests.factories import ApplicantFactory, EventPageFactory, english_of, index_of, register_verified

pytestmark = pytest.mark.django_db

NOW = timezone.now().replace(second=0, microsecond=0)


def past(days, **fields):
    return EventPageFactory(
        english=True,
        starts=NOW - timedelta(days=days),
        ends=NOW - timedelta(days=days) + timedelta(hours=2),
        registration_opens=None,
        registration_closes=None,
        **fields,
    )


def upcoming(days, **fields):
    return EventPageFactory(
        english=True,
        starts=NOW + timedelta(days=days),
        ends=NOW + timedelta(days=days, hours=2),
        registration_opens=NOW - timedelta(days=1),
        registration_closes=NOW + timedelta(days=days - 1),
        **fields,
    )


def titles(response):
    return [event.title for event in response.context["events"]]


def test_upcoming_events_come_first_and_past_ones_go_to_the_archive(client):
    later, soon, old = upcoming(40), upcoming(10), past(20)
    english = index_of(EventIndexPage, "en")
    response = client.get(english.url)
    assert response.status_code == 200
    assert titles(response) == [english_of(soon).title, english_of(later).title]
    assert response.context["result_count"] == 2
    archive = client.get(english.url + "archive/")
    assert archive.status_code == 200
    assert titles(archive) == [english_of(old).title]
    assert client.get(index_of(EventIndexPage, "zh-hans").url).context["events"][0].title == soon.title


def test_filters_combine_and_show_a_count(client):
    upcoming(10, kind="training", online=True, countries=["KH"])
    match = upcoming(20, kind="seminar", online=False, countries=["KH", "VN"])
    upcoming(30, kind="seminar", online=True, countries=["VN"])
    upcoming(40, kind="seminar", online=False, countries=["AE"])
    url = index_of(EventIndexPage, "en").url
    response = client.get(url, {"kind": "seminar", "format": "in-person", "country": "VN"})
    assert titles(response) == [english_of(match).title]
    html = response.content.decode()
    assert "1 event" in html
    # Countries on offer are those of the listed events, by name in the reader's language.
    assert [code for code, _name in response.context["form"].fields["country"].choices][1:] == ["KH", "AE", "VN"]
    assert len(titles(client.get(url, {"kind": "seminar"}))) == 3
    assert len(titles(client.get(url, {"format": "online"}))) == 2
    assert len(titles(client.get(url, {"country": "KH"}))) == 2


def test_month_filter(client):
    first = upcoming(10)
    second = upcoming(80)
    url = index_of(EventIndexPage, "en").url
    month = timezone.localtime(second.starts).strftime("%Y-%m")
    response = client.get(url, {"month": month})
    assert titles(response) == [english_of(second).title]
    assert month in [value for value, _label in response.context["form"].fields["month"].choices]
    assert english_of(first).title not in titles(response)


@pytest.mark.parametrize(
    "query",
    [
        {"kind": "party"},
        {"country": "XX"},
        {"format": "hybrid"},
        {"month": "2027-13"},
        {"month": "'; drop table"},
        {"page": "999999999999"},
        {"page": "-1"},
    ],
)
def test_invalid_filter_values_are_ignored_and_reported_never_an_error(client, query):
    upcoming(10)
    response = client.get(index_of(EventIndexPage, "en").url, query)
    assert response.status_code == 200
    assert len(response.context["events"]) == 1
    if "page" not in query:
        assert "have been ignored" in response.content.decode()


def test_the_archive_shows_what_material_is_available(client):
    event = past(
        30,
        materials=[
            ("link", {"kind": "recording", "title": "回放", "url": "https://video.example.org/1"}),
        ],
    )
    assert event.material_kinds() == ["Recording"]
    response = client.get(index_of(EventIndexPage, "en").url + "archive/")
    assert "Recording" in response.content.decode()
    page = client.get(english_of(event).url)
    assert "https://video.example.org/1" in page.content.decode()
    assert "registration is closed" in page.content.decode()


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_index_query_count_does_not_grow_with_events(client):
    english = index_of(EventIndexPage, "en")
    upcoming(5, countries=["KH"])
    past(5)
    client.get(english.url)  # warm the site-root cache
    small = (_count_queries(client, english.url), _count_queries(client, english.url + "archive/"))
    for days in range(6, 11):
        event = upcoming(days, countries=["VN", "KH"], online=days % 2 == 0)

        register_verified(event, ApplicantFactory(seats=1))
        past(days)
    client.get(english.url)  # the per-publish memos (site chrome, current alerts) refill once
    large = (_count_queries(client, english.url), _count_queries(client, english.url + "archive/"))
    assert large == small


def test_event_page_query_count_does_not_grow_with_registrations(client, django_capture_on_commit_callbacks):

    event = upcoming(10, capacity=50, countries=["KH", "VN"])
    english = english_of(event)
    client.get(english.url)
    small = _count_queries(client, english.url)
    for _number in range(10):
        register_verified(event, ApplicantFactory(seats=2))
    assert _count_queries(client, english.url) == small


def test_ics_file_of_an_event(client):
    event = upcoming(10, countries=["KH"])
    response = client.get(english_of(event).url + "calendar/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == english_of(event).title
    assert vevent.decoded("DTSTART") == event.starts
    assert str(vevent["UID"]) == f"event-{event.translation_key}@testserver"
    assert str(vevent["URL"]).endswith(english_of(event).url)


def test_ical_feed_of_upcoming_events_per_locale(client):
    soon, later = upcoming(5), upcoming(15)
    past(3)
    for language, expected in (
        ("zh-hans", [soon.title, later.title]),
        ("en", [english_of(soon).title, english_of(later).title]),
    ):
        response = client.get(index_of(EventIndexPage, language).url + "calendar/")
        assert response.status_code == 200
        calendar = Calendar.from_ical(response.content)
        assert [str(vevent["SUMMARY"]) for vevent in calendar.walk("VEVENT")] == expected


def test_drafts_are_not_listed(client):
    draft = EventPageFactory(live=False)
    response = client.get(index_of(EventIndexPage, "zh-hans").url)
    assert draft.title not in titles(response)
    assert EventPage.objects.filter(pk=draft.pk, live=False).exists()


def test_an_abroad_event_page_shows_local_time(client):
    from datetime import datetime
    from datetime import timezone as dt_timezone

    plus_seven = dt_timezone(timedelta(hours=7))
    starts = datetime(NOW.year + 1, 5, 12, 9, 0, tzinfo=plus_seven)
    event = EventPageFactory(
        english=True, starts=starts, ends=starts + timedelta(hours=8), countries=["KH"], registration_closes=None
    )
    html = client.get(english_of(event).url).content.decode()
    assert "local time (Phnom Penh)" in html
    assert "Beijing time" in html
    assert "10:00" in html and "09:00" in html


def test_registration_page_for_a_token_is_not_listed_anywhere(client):
    # Status pages are reachable only through their signed link.
    event = upcoming(5)

    registration = register_verified(event, ApplicantFactory())
    response = client.get(event.url)
    assert make_token(registration) not in response.content.decode()
