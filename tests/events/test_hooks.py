from datetime import timedelta

import pytest
from django.utils import timezone

from core.related import country_hub, home_sections

from .factories import en_version, make_event

pytestmark = pytest.mark.django_db


def _events_listing(listings):
    return next(listing for listing in listings if listing.key == "events")


def test_home_page_lists_upcoming_events_in_its_locale(client, en, zh):
    later = make_event(starts=timezone.now() + timedelta(days=50), ends=timezone.now() + timedelta(days=50, hours=2))
    soon = make_event(online=True)
    now = timezone.now()
    make_event(
        starts=now - timedelta(days=3),
        ends=now - timedelta(days=3, hours=-2),
        registration_opens=None,
        registration_closes=None,
    )
    listing = _events_listing(home_sections(en))
    assert [item.title for item in listing.items] == [en_version(soon).title, en_version(later).title]
    assert listing.items[0].url == en_version(soon).url
    assert "Online" in listing.items[0].note
    assert listing.title == "Upcoming events" and listing.more_url == "/en/events/"
    zh_listing = _events_listing(home_sections(zh))
    assert [item.title for item in zh_listing.items] == [soon.title, later.title]
    assert zh_listing.more_url == "/zh-hans/events/"
    assert en_version(soon).title in client.get("/en/").content.decode()


def test_country_hub_lists_upcoming_events_about_the_country(en):
    cambodia = make_event(countries=["KH", "TH"])
    make_event(countries=["VN"])
    listing = _events_listing(country_hub("KH", en))
    assert [item.title for item in listing.items] == [en_version(cambodia).title]
    assert not [listing for listing in country_hub("FR", en) if listing.key == "events"]
