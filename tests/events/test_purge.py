from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from events.models import EventPage, Registration
from events.seats import seats_taken
from tests.factories import ApplicantFactory, EventPageFactory, register_verified

pytestmark = pytest.mark.django_db


def _event_that_ended(days_ago, registrations=2):
    event = EventPageFactory()
    for _number in range(registrations):
        register_verified(event, ApplicantFactory(seats=2))
    now = timezone.now()
    EventPage.objects.filter(pk=event.pk).update(
        starts=now - timedelta(days=days_ago, hours=3), ends=now - timedelta(days=days_ago)
    )
    return event


def _purge(*args):
    out = StringIO()
    call_command("purge_registrations", *args, stdout=out)
    return out.getvalue()


def test_personal_data_is_anonymised_after_the_retention_period_keeping_counts():
    old = _event_that_ended(181)
    recent = _event_that_ended(179)
    output = _purge()
    assert "anonymised 2 registration(s) of 1 event(s)" in output
    purged = Registration.objects.filter(event=old)
    assert purged.count() == 2
    for registration in purged:
        assert registration.anonymised_at is not None
        assert (registration.company_name, registration.credit_code, registration.contact_name) == ("", "", "")
        assert (registration.phone, registration.email, registration.attendee_names) == ("", "", [])
        assert registration.cancel_nonce == ""
        assert (registration.seats, registration.status) == (2, "confirmed")
    assert seats_taken(EventPage.objects.get(pk=old.pk)) == 4
    kept = Registration.objects.filter(event=recent)
    assert all(registration.company_name and registration.anonymised_at is None for registration in kept)
    # Running again changes nothing.
    assert "anonymised 0 registration(s)" in _purge()


def test_days_option_and_setting(settings):
    _event_that_ended(40)
    settings.EVENTS_REGISTRATION_RETENTION_DAYS = 60
    assert "anonymised 0 registration(s)" in _purge()
    assert "anonymised 2 registration(s)" in _purge("--days", "30")


def test_dry_run_changes_nothing():
    _event_that_ended(400)
    assert "would anonymise 2 registration(s)" in _purge("--dry-run")
    assert not Registration.objects.filter(anonymised_at__isnull=False).exists()


def test_negative_days_are_refused():
    with pytest.raises(CommandError):
        _purge("--days", "-1")


def test_anonymised_companies_no_longer_block_the_unique_constraint():
    # Two purged registrations share the empty credit code without a conflict.
    _event_that_ended(200, registrations=3)
    _purge()
    assert Registration.objects.filter(credit_code="").count() == 3
