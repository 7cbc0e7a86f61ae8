"""One seat count (events/seats.py): the event page, the listing, the admin
and booking agree, and counting adds no query per listed event."""

import pytest
from django.db import connection
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events import booking
from events.models import EventIndexPage, EventPage, Registration
from events.seats import seats_taken, with_seats_taken
from tests.factories import (
    ApplicantFactory,
    EventPageFactory,
    english_of,
    index_of,
    register_verified,
    registration_form,
)

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


def test_the_event_page_counts_again_after_each_registration_and_cancellation(client, event):
    """The count is read on every request, never kept: a registration sent
    through the form takes its seats on the next view of either language's
    page, and a cancellation gives them back."""
    english = english_of(event)

    def seats_left(page):
        return client.get(page.url).context["seats_left"]

    assert seats_left(event) == seats_left(english) == 2
    response = client.post(english.url + "register/", registration_form(seats=2, company_name="滨江座位测试有限公司"))
    assert response.status_code == 302
    assert seats_left(event) == seats_left(english) == 0
    booking.cancel(Registration.objects.get(company_name="滨江座位测试有限公司"))
    assert seats_left(event) == seats_left(english) == 2


def test_the_seats_count_agrees_with_the_listings_and_is_compiled_once(event, monkeypatch):
    """seats_taken runs SQL the ORM wrote once (core.compiled): the same
    count as the listing's annotation, for an event with registrations and
    one without, and no compilation on later calls (without CompiledQuery,
    every call would compile its query)."""
    empty, english = EventPageFactory(capacity=5), english_of(event)
    annotated = {page.pk: page.occupied_seats for page in with_seats_taken(EventPage.objects.all())}
    assert (seats_taken(event), seats_taken(empty)) == (annotated[event.pk], annotated[empty.pk]) == (3, 0)
    compiled = []
    original = SQLCompiler.as_sql
    monkeypatch.setattr(
        SQLCompiler, "as_sql", lambda self, *args, **kwargs: compiled.append(self) or original(self, *args, **kwargs)
    )
    assert (seats_taken(event), seats_taken(english), seats_taken(empty)) == (3, 3, 0)
    assert compiled == []
