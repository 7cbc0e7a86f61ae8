import pytest
from django.core.management import call_command
from wagtail.models import Page, Revision

from core.models import CentreDetails, EmailDelivery
from core.site_structure import set_up_site
from core.vocabularies import REGIONS_OF_CHINA
from directory.models import ListingApplication
from events.models import Registration
from search.models import SearchQueryStat

pytestmark = pytest.mark.django_db


def _counts():
    return (
        Page.objects.count(),
        Revision.objects.count(),
        CentreDetails.objects.count(),
        # the demo site's day (core/demo/day.py)
        Registration.objects.count(),
        ListingApplication.objects.count(),
        SearchQueryStat.objects.count(),
        EmailDelivery.objects.count(),
    )


def test_setting_up_the_site_again_changes_nothing():
    before = _counts()
    assert set_up_site() == []
    assert _counts() == before


def test_load_demo_command_is_idempotent(capsys):
    call_command("load_demo")
    before = _counts()
    call_command("load_demo")
    assert _counts() == before
    assert "created" not in capsys.readouterr().out.split("Demo content is in place.")[-1]


def test_demo_pages_exist_in_both_languages(client):
    for path in ("/zh-hans/", "/en/", "/zh-hans/about/privacy/", "/en/about/privacy/"):
        assert client.get(path).status_code == 200, path


def test_loaded_demo_content_is_searchable_in_both_languages(client):
    """load_demo defers indexing to the end of the import; it must still happen."""
    call_command("load_demo")
    for path, query in (("/zh-hans/search/", "柬埔寨"), ("/en/search/", "Cambodia")):
        outcome = client.get(path, {"q": query}).context["outcome"]
        assert outcome.total > 0, (path, query)


def test_demo_images_come_through_the_bundle_importer_described_in_both_languages(client):
    """core/demo/content/images/ (drawn by the project, CC0: SOURCES.md beside them)."""
    from wagtail.images import get_image_model

    from directory.models import DirectoryEntry
    from events.models import EventPage
    from guides.models import CountryGuidePage

    call_command("load_demo")
    call_command("load_demo")
    assert get_image_model().objects.count() == 5  # a second load reuses them (content hash)
    cambodia = CountryGuidePage.objects.filter(slug="cambodia").order_by("locale__language_code")
    assert [(page.locale.language_code, bool(page.lead_image_alt)) for page in cambodia] == [
        ("en", True),
        ("zh-hans", True),
    ]
    for page in cambodia:
        assert f'alt="{page.lead_image_alt}"' in client.get(page.url).content.decode()
    poster = EventPage.objects.filter(slug="compliance-risk-training-2026").first()
    assert poster.lead_image_decorative and poster.lead_image is not None
    logo = DirectoryEntry.objects.filter(key="angkor-gateway-chamber", locale__language_code="en").get()
    assert logo.logo_alt == "Angkor Gateway Chamber logo"


def test_every_demo_guide_country_has_an_emergency_card_in_both_languages(client):
    """core/demo/content/emergency_cards.json through the bundle importer (format 1.1):
    without a card for a guide's country its card page would be a 404. The demo
    numbers are not checked against official sources, so each card says so."""
    from guides.models import CountryGuidePage, EmergencyCard

    call_command("load_demo")
    countries = set(CountryGuidePage.objects.live().values_list("country", flat=True)) - REGIONS_OF_CHINA
    assert countries  # the demo has guides abroad (Hong Kong's guide has no card: core.vocabularies.REGIONS_OF_CHINA)
    cards = EmergencyCard.objects.filter(country__in=countries)
    assert {(card.country, card.locale.language_code) for card in cards} == {
        (country, language) for country in countries for language in ("zh-hans", "en")
    }
    assert all(card.numbers_are_examples for card in cards)
    for language in ("zh-hans", "en"):
        assert client.get(f"/{language}/guides/emergency/KH/").status_code == 200
