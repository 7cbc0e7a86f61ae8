"""Concurrent registrations against real PostgreSQL: each thread has its own
database connection and commits for real, as separate server processes would."""

import time
from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.utils import timezone
from wagtail.models import Collection, Locale, Page

from core.roles import EDITORIAL_GROUPS
from core.site_structure import set_up_site
from events import booking
from events.models import EventPage, Registration
from events.seats import seats_taken
from events.tokens import make_verify_token
from tests import racing
from tests.factories import ApplicantFactory, EventPageFactory, credit_code, english_of, registration_form

THREADS = 50
CAPACITY = 20


@pytest.fixture
def no_limits(settings):
    """Every thread posts from its own address and the same e-mail address: only seats may refuse."""
    settings.PUBLIC_FORM_RATES = {**settings.PUBLIC_FORM_RATES, "event_registration": "1000/h"}
    settings.EVENTS_REGISTRATIONS_PER_EMAIL = 1000
    settings.EVENTS_MAX_UNVERIFIED_HOLDS = 1000


# The data migrations that make the editorial groups and the review workflow,
# which a flush by an earlier transactional test removed.
ROLE_MIGRATIONS = (
    ("core.migrations.0002_editorial_roles", "create_roles"),
    ("events.migrations.0002_event_manager_permissions", "grant_registration_permissions"),
    ("advisories.migrations.0002_subscription_managers", "create_group"),
    ("directory.migrations.0006_directory_editors", "create_directory_editors"),
    ("directory.migrations.0007_only_directory_editors_see_applicants", "only_directory_editors_see_applicants"),
)


@pytest.fixture
def committed_site(transactional_db, postgres):
    """Rows committed for real (other connections must see them). An earlier
    transactional test may have flushed the database: put back what the
    events need (locales, the page and collection roots, the editorial roles,
    the site skeleton)."""
    for code, _name in django_settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root", locale=Locale.get_default()))
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    if Group.objects.filter(name__in=EDITORIAL_GROUPS).count() != len(EDITORIAL_GROUPS):
        for module, function in ROLE_MIGRATIONS:
            getattr(import_module(module), function)(django_apps, None)
    set_up_site()


def _fire(posts):
    """Send every (url, data, ip) POST at once from its own thread."""

    def get_ready(url, data, ip):
        client = Client(REMOTE_ADDR=ip)
        return lambda: client.post(url, data).status_code

    return racing.all_at_once([lambda post=post: get_ready(*post) for post in posts], timeout=60)


def test_parallel_registrations_never_hold_more_attendees_than_the_capacity(committed_site, no_limits):
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
    held = sum(r.seats for r in registrations if r.status == Registration.Status.HELD)
    assert held <= CAPACITY
    assert {r.status for r in registrations} == {Registration.Status.HELD, Registration.Status.WAITLISTED}
    # Serialised by the row lock: in commit order (pk), each registration was
    # held exactly when it still fitted, so no seat was left unsold either.
    taken = 0
    for registration in registrations:
        fits = taken + registration.seats <= CAPACITY
        assert registration.status == (Registration.Status.HELD if fits else Registration.Status.WAITLISTED)
        taken += registration.seats if fits else 0
    assert taken == held
    assert len(mail.outbox) == THREADS  # one verification e-mail each


def test_control_without_the_row_lock_the_same_race_oversells(committed_site, no_limits, monkeypatch):
    """Proves the test above can fail: with the lock taken away (and the gap
    between counting and saving widened), the threads all see free seats."""
    count = booking.seats_taken

    def count_slowly(anchor):
        taken = count(anchor)
        time.sleep(0.3)
        return taken

    monkeypatch.setattr(booking, "_lock_event", lambda anchor_id: EventPage.objects.get(pk=anchor_id))
    monkeypatch.setattr(booking, "seats_taken", count_slowly)
    event = EventPageFactory(english=True, capacity=CAPACITY)
    posts = [(event.url + "register/", registration_form(seats=1), f"10.4.0.{index + 1}") for index in range(THREADS)]

    assert _fire(posts) == [302] * THREADS
    assert seats_taken(event) > CAPACITY


def test_parallel_duplicates_of_one_company_make_one_registration(committed_site, no_limits):
    event = EventPageFactory(english=True, capacity=CAPACITY)
    code = credit_code()
    posts = [
        (event.url + "register/", registration_form(credit_code=code), f"10.1.0.{index + 1}") for index in range(10)
    ]

    statuses = _fire(posts)

    assert sorted(statuses) == [302] + [409] * 9
    assert Registration.objects.filter(event_id=event.pk, credit_code=code).count() == 1


def test_holds_confirmations_expiries_and_new_registrations_racing_confirm_exactly_the_capacity(
    committed_site, no_limits
):
    """Twenty one-seat holds, ten of them past their time; at once: their ten
    confirmations and the ten late ones, and thirty new registrations."""
    event = EventPageFactory(english=True, capacity=CAPACITY)
    holds = [booking.register(event, ApplicantFactory(seats=1)) for _index in range(CAPACITY)]
    late, on_time = holds[:10], holds[10:]
    Registration.objects.filter(pk__in=[r.pk for r in late]).update(
        hold_expires_at=timezone.now() - timedelta(minutes=1)
    )
    posts = [(event.url + f"confirm-email/{make_verify_token(r)}/", {}, f"10.2.0.{i + 1}") for i, r in enumerate(holds)]
    posts += [(event.url + "register/", registration_form(seats=1), f"10.3.0.{i + 1}") for i in range(30)]

    statuses = _fire(posts)

    assert statuses[10:CAPACITY] == [302] * 10  # confirmed in time: always confirmed
    assert statuses[CAPACITY:] == [302] * 30
    assert seats_taken(event) == CAPACITY  # held or confirmed: never more, no seat left unsold
    for registration in Registration.objects.filter(event_id=event.pk, status=Registration.Status.HELD):
        booking.verify(registration)
    confirmed = Registration.objects.filter(event_id=event.pk, status=Registration.Status.CONFIRMED)
    assert sum(confirmed.values_list("seats", flat=True)) == CAPACITY
    assert set(Registration.objects.filter(pk__in=[r.pk for r in on_time]).values_list("status", flat=True)) == {
        Registration.Status.CONFIRMED
    }
