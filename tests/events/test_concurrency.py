"""Concurrent registrations against real PostgreSQL: each thread has its own
database connection and commits for real, as separate server processes would."""

import threading

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.db import connection
from django.test import Client
from wagtail.models import Locale, Page

from core.demo.site import build_site
from events.models import Registration
from tests.factories import EventPageFactory, credit_code, english_of, registration_form

THREADS = 50
CAPACITY = 20


@pytest.fixture
def committed_site(transactional_db, postgres):
    """Rows committed for real (other connections must see them). An earlier
    transactional test may have flushed the database: put back what the
    events need (locales, the tree's root, the site skeleton)."""
    for code, _name in django_settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root", locale=Locale.get_default()))
    build_site()


def _fire(posts):
    """Send every (url, data, ip) POST at once from its own thread."""
    barrier = threading.Barrier(len(posts))
    statuses, errors = [None] * len(posts), []

    def worker(index, url, data, ip):
        try:
            client = Client(REMOTE_ADDR=ip)
            barrier.wait(timeout=60)
            statuses[index] = client.post(url, data).status_code
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(index, *post)) for index, post in enumerate(posts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)
    assert not errors
    return statuses


def test_parallel_registrations_never_confirm_more_attendees_than_the_capacity(committed_site, settings):
    settings.PUBLIC_FORM_RATES = {**settings.PUBLIC_FORM_RATES, "event_registration": "1000/h"}
    event = EventPageFactory(english=True, capacity=CAPACITY)
    english = english_of(event)
    posts = []
    for index in range(THREADS):
        page = english if index % 2 else event
        posts.append(
            (page.url + "register/", registration_form(seats=1 + index % 3), f"10.0.{index // 250}.{index % 250 + 1}")
        )
    mail.outbox = []

    statuses = _fire(posts)

    assert statuses == [302] * THREADS
    registrations = list(Registration.objects.filter(event_id=event.pk).order_by("pk"))
    assert len(registrations) == THREADS  # none lost
    confirmed = sum(r.seats for r in registrations if r.status == Registration.Status.CONFIRMED)
    assert confirmed <= CAPACITY
    assert {r.status for r in registrations} == {Registration.Status.CONFIRMED, Registration.Status.WAITLISTED}
    # Serialised by the row lock: in commit order (pk), each registration was
    # confirmed exactly when it still fitted, so no seat was left unsold either.
    taken = 0
    for registration in registrations:
        fits = taken + registration.seats <= CAPACITY
        assert registration.status == (Registration.Status.CONFIRMED if fits else Registration.Status.WAITLISTED)
        taken += registration.seats if fits else 0
    assert taken == confirmed
    assert len(mail.outbox) == THREADS


def test_parallel_duplicates_of_one_company_make_one_registration(committed_site, settings):
    settings.PUBLIC_FORM_RATES = {**settings.PUBLIC_FORM_RATES, "event_registration": "1000/h"}
    event = EventPageFactory(english=True, capacity=CAPACITY)
    code = credit_code()
    posts = [
        (event.url + "register/", registration_form(credit_code=code), f"10.1.0.{index + 1}") for index in range(10)
    ]

    statuses = _fire(posts)

    assert sorted(statuses) == [302] + [409] * 9
    assert Registration.objects.filter(event_id=event.pk, credit_code=code).count() == 1
