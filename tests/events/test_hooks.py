from datetime import timedelta

import pytest
from django.utils import timezone

from core.related import country_hub, home_sections
from tests.factories import EventPageFactory, english_of

pytestmark = pytest.mark.django_db


def _events_listing(listings):
    return next(listing for listing in listings if listing.key == "events")


def test_home_page_lists_upcoming_events_in_its_locale(client, en, zh):
    later = EventPageFactory(
        english=True, starts=timezone.now() + timedelta(days=50), ends=timezone.now() + timedelta(days=50, hours=2)
    )
    soon = EventPageFactory(english=True, online=True)
    now = timezone.now()
    EventPageFactory(
        english=True,
        starts=now - timedelta(days=3),
        ends=now - timedelta(days=3, hours=-2),
        registration_opens=None,
        registration_closes=None,
    )
    listing = _events_listing(home_sections(en))
    assert [item.title for item in listing.items] == [english_of(soon).title, english_of(later).title]
    assert listing.items[0].url == english_of(soon).url
    assert "Online" in listing.items[0].note
    assert listing.title == "Upcoming events" and listing.more_url == "/en/events/"
    zh_listing = _events_listing(home_sections(zh))
    assert [item.title for item in zh_listing.items] == [soon.title, later.title]
    assert zh_listing.more_url == "/zh-hans/events/"
    assert english_of(soon).title in client.get("/en/").content.decode()


def test_country_hub_lists_upcoming_events_about_the_country(en):
    cambodia = EventPageFactory(english=True, countries=["KH", "TH"])
    EventPageFactory(english=True, countries=["VN"])
    listing = _events_listing(country_hub("KH", en))
    assert [item.title for item in listing.items] == [english_of(cambodia).title]
    assert not [listing for listing in country_hub("FR", en) if listing.key == "events"]
