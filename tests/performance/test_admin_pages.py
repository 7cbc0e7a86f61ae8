"""The registrations of an event with 500 registrations (one page of them
shown) stay within MAX_QUERIES SQL queries, however many there are.

Counted on a second visit, as for the public pages (the first fills
per-process memos). The content is the bench's (bench/seed.py); the
registrations are one made through booking (tests.factories.register_verified)
and its copies inserted in bulk.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale

from bench.seed import add_clones, import_templates
from events.models import EventPage, Registration
from tests.factories import credit_code, register_verified

MAX_QUERIES = 20
REGISTRATIONS = 500

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    import_templates()
    add_clones({"events": 2})
    return Locale.objects.get(language_code="zh-hans")


def queries_of(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, f"{url}: HTTP {response.status_code}"
    return [query["sql"] for query in queries.captured_queries]


def test_the_registrations_of_an_event_with_500(client, event_manager, seeded):
    client.force_login(event_manager)
    event = EventPage.objects.filter(locale=seeded, capacity__gt=0).first()
    first = register_verified(event)
    copies = []
    for number in range(REGISTRATIONS - 1):
        copy = Registration.objects.get(pk=first.pk)
        copy.pk = None
        copy.credit_code = credit_code(900000 + number)
        copy.email = f"applicant-{number}@example.org"
        copies.append(copy)
    Registration.objects.bulk_create(copies)
    assert event.registrations.count() == REGISTRATIONS

    url = reverse("events_registrations:list", args=[event.registration_anchor_id])
    queries = queries_of(client, url)
    assert len(queries) <= MAX_QUERIES, f"{url}: {len(queries)} queries"
