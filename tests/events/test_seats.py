"""One seat count (events/seats.py): the event page, the listing, the admin
and booking agree, and counting adds no query per listed event."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events import booking
from events.models import EventIndexPage, Registration
from tests.factories import ApplicantFactory, EventPageFactory, english_of, index_of, register_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    """Capacity 5; 3 seats taken: 2 in Chinese and 1 in English, confirmed; a
    cancelled group of 2 and a waitlisted group of 3 (in English) hold none."""
    event = EventPageFactory(english=True, capacity=5)
    english = english_of(event)
    register_verified(event, ApplicantFactory(seats=2))
    register_verified(english, ApplicantFactory(seats=1, language="en"))
    booking.cancel(register_verified(event, ApplicantFactory(seats=2)))
    waiting = register_verified(english, ApplicantFactory(seats=3, language="en"))
    assert waiting.status == Registration.Status.WAITLISTED
    return event


def _listed(response, event):
    [listed] = [item for item in response.context["events"] if item.translation_key == event.translation_key]
    return listed


def test_every_view_of_an_event_counts_the_same_seats(client, event_manager, event):
    english = english_of(event)
    public_index = index_of(EventIndexPage, "en").url
    counts = {
        "zh-hans event page": event.capacity - client.get(event.url).context["seats_left"],
        "en event page": english.capacity - client.get(english.url).context["seats_left"],
        "listing": _listed(client.get(public_index), event).occupied_seats,
    }
    client.force_login(event_manager)
    overview = client.get(reverse("events_registrations:events"))
    counts["admin events"] = _listed(overview, event).occupied_seats
    registrations = client.get(reverse("events_registrations:list", args=[event.pk]))
    counts["admin registrations"] = registrations.context["totals"]["occupied_seats"]
    assert counts == dict.fromkeys(counts, 3)


def test_booking_counts_the_same_seats(event):
    # 3 taken of 5: a group of 2 still fits, and fills the event.
    fits = register_verified(english_of(event), ApplicantFactory(seats=2, language="en"))
    then_full = register_verified(event, ApplicantFactory(seats=1))
    assert (fits.status, then_full.status) == (Registration.Status.CONFIRMED, Registration.Status.WAITLISTED)


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_counting_seats_adds_no_query_per_listed_event(client, event, django_assert_max_num_queries):
    url = index_of(EventIndexPage, "en").url
    client.get(url)  # warm the site-root cache
    one_event = _queries(client, url)
    for _number in range(6):
        more = EventPageFactory(english=True, capacity=5)
        register_verified(more, ApplicantFactory(seats=2))
        register_verified(english_of(more), ApplicantFactory(seats=1, language="en"))
    client.get(url)  # the per-publish memos (site chrome, current alerts) refill once
    with django_assert_max_num_queries(one_event):
        client.get(url)
