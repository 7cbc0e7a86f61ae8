"""The demo site's day (core/demo/day.py): load_demo alone gives every role's
dashboard work (tests/browser/test_dashboard_journeys.py shows each panel
with an item), with made-up people kept out of public surfaces. A second load
the same day adds nothing (tests/foundation/test_demo_content.py)."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Locale

from core import translation_status
from core.demo.day import (
    CLOSING_SOON_EVENT,
    DEMO_APPLICATION,
    DEMO_REGISTRANTS,
    ZERO_RESULT_QUERY,
)
from core.models import EmailDelivery
from directory.models import ListingApplication
from events.emails import REGISTRATION_EMAIL
from events.models import EventPage, Registration
from events.models.pages import RegistrationState
from tests.advisories.test_demo_bundle import UNTRANSLATED_DEMO_ADVISORY

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_site(db):
    call_command("load_demo", verbosity=0)


def test_one_demo_event_closes_its_registration_within_a_week_of_loading(demo_site):
    """Without date_from_load_day the event keeps its bundle dates and the
    event managers' "registration closes in 7 days" panel stays empty. The
    demo people are marked as such, at example.org; the counted search without
    results really finds nothing on the demo site."""
    event = EventPage.objects.get(slug=CLOSING_SOON_EVENT, locale=Locale.get_default())
    assert event.registration_state() == RegistrationState.OPEN
    assert timezone.now() < event.registration_closes < timezone.now() + datetime.timedelta(days=7)
    assert event.starts > event.registration_closes
    english = event.get_translation(Locale.objects.get(language_code="en"))
    assert english.registration_closes == event.registration_closes

    registrations = Registration.objects.filter(event=event)
    assert registrations.count() == len(DEMO_REGISTRANTS)
    assert all(r.email.endswith("@example.org") and "示例数据" in r.contact_name for r in registrations)
    assert registrations.filter(email_verified_at__isnull=False).count() == 1  # one confirmed, one held
    application = ListingApplication.objects.get()
    assert application.contact_email.endswith("@example.org") and "示例数据" in application.contact_name
    assert application.submitted_at < timezone.now() - datetime.timedelta(days=1)  # an age worth showing


def test_the_demo_day_leaves_an_email_awaiting_retry_and_a_page_awaiting_translation(demo_site, settings):
    """The two panels every demo bundle leaves empty. The unconfirmed registrant's
    verification e-mail was really attempted by core.mail, over SMTP to a port
    where no server listens: without that attempt it would be sent and nothing
    would wait for a retry. One demo advisory is given in Chinese only in the
    bundle (core/demo/content/advisories.json), as the panel and the coverage
    report count a missing translation (translation_status.missing_translations);
    every other demo page is in both languages."""
    unconfirmed = Registration.objects.get(email_verified_at__isnull=True)
    delivery = EmailDelivery.objects.get(kind=REGISTRATION_EMAIL, object_id=unconfirmed.pk)
    assert (delivery.status, delivery.attempts, delivery.last_error) == ("queued", 1, "ConnectionRefusedError")
    assert delivery.next_attempt_at == delivery.last_attempt_at + datetime.timedelta(
        seconds=settings.EMAIL_RETRY_BASE_DELAY
    )
    assert delivery.next_attempt_at > timezone.now()  # awaiting its retry, not due yet
    assert unconfirmed.email.endswith("@example.org") and "示例数据" in unconfirmed.contact_name

    missing = translation_status.missing_translations()
    assert missing.count() == 1
    [untranslated] = missing[:1]
    assert (untranslated.page.slug, untranslated.page.live, untranslated.target.language_code) == (
        UNTRANSLATED_DEMO_ADVISORY,
        True,
        "en",
    )


def test_the_demo_people_are_not_found_by_search_or_the_api(client, demo_site):
    """Personal data: the demo registrants and applicant are personal records like
    any other. (A search may find pages for a word of a name, but no hit is a
    person's record or shows their details.) The counted search without results
    is honest: the query finds nothing on the demo site."""
    people = [(contact, email) for _company, contact, email, _confirmed in DEMO_REGISTRANTS]
    people.append((DEMO_APPLICATION["contact_name"], DEMO_APPLICATION["contact_email"]))
    for contact, email in people:
        for query in (contact, email):
            hits = client.get("/zh-hans/search/", {"q": query}).context["outcome"].page.object_list
            assert not [hit for hit in hits if isinstance(hit.obj, (Registration, ListingApplication))], query
            assert not [hit for hit in hits if query in hit.title_html + hit.snippet_html], query
        api = client.get("/api/v2/pages/", {"search": contact}).content.decode()
        assert email not in api and contact not in api
    assert client.get("/zh-hans/search/", {"q": ZERO_RESULT_QUERY}).context["outcome"].total == 0
