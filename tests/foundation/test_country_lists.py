"""Countries are stored one way in every area (core.fields): a normalised list
and its "|KH|VN|" tokens, filtered by concerns_q through the area."""

import importlib

import pytest
from django.apps import apps

from core.areas import content_area
from events.models import EventPage
from tests.factories import AdvisoryPageFactory, EventPageFactory

pytestmark = pytest.mark.django_db


def test_a_list_is_normalised_and_tokenised_whoever_saves_it(zh):
    event = EventPageFactory(countries=["vn", "KH", "kh"])
    event.refresh_from_db()
    assert (event.countries, event.country_tokens) == (["KH", "VN"], "|KH|VN|")


def test_an_empty_list_concerns_every_country_only_where_the_field_says_so(zh):
    everywhere = AdvisoryPageFactory(title="全球提示", countries=[])
    cambodia = AdvisoryPageFactory(title="柬埔寨提示", countries=["KH"])
    general = EventPageFactory(countries=[])
    about_cambodia = EventPageFactory(countries=["KH", "VN"])

    advisories = content_area("advisories")
    events = content_area("events")
    assert set(advisories.concerning(advisories.public(zh), "KH")) == {everywhere, cambodia}
    assert set(advisories.concerning(advisories.public(zh), "TH")) == {everywhere}
    assert list(events.concerning(events.public(zh), "kh")) == [about_cambodia]
    assert general not in events.concerning(events.public(zh), "KH")


def test_the_migration_gives_stored_events_their_tokens(zh):
    event = EventPageFactory(countries=["KH"])
    EventPage.objects.filter(pk=event.pk).update(countries=["vn", "KH"], country_tokens="")
    migration = importlib.import_module("events.migrations.0003_country_list_field")

    migration.fill_country_tokens(apps, None)

    assert EventPage.objects.filter(pk=event.pk).values_list("countries", "country_tokens").get() == (
        ["KH", "VN"],
        "|KH|VN|",
    )
