import pytest
from django.core.management import call_command
from wagtail.models import Locale, Page, Revision

from core.models import CentreDetails, EmailDelivery
from core.related import policy_citations
from core.site_structure import set_up_site
from core.vocabularies import REGIONS_OF_CHINA
from directory.models import ListingApplication
from events.models import Registration
from filing.models import Procedure, SensitiveCountry, SensitiveIndustry, Threshold
from policies.models import PolicyPage
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


def test_demo_navigator_rules_come_through_the_importer_published_and_citing_their_policies(client):
    """load_demo imports core/demo/content/filing_rules.json (no second loader): every
    rule is live and cites a document of the demo policy library, and the navigator answers."""
    call_command("load_demo")
    zh = Locale.objects.get(language_code="zh-hans")
    assert Procedure.objects.filter(locale=zh).in_force().count() == 13
    assert Threshold.objects.in_force().count() == 1
    for model in (Procedure, Threshold, SensitiveIndustry, SensitiveCountry):
        assert not model.objects.filter(policy__isnull=True).exists(), model
    response = client.get(
        "/en/filing/result/",
        {"investor": "local", "country": "VN", "industry": "real-estate", "amount": "50", "mode": "new",
         "financing": "own-funds"},
    )  # fmt: skip
    assert "Approval of the outbound investment project" in response.content.decode()


def test_demo_guides_and_advisories_cite_policies_in_both_languages(client):
    """The demo bundle links guides and an advisory to policy pages by their public path;
    the importer stores those as internal links (interchange.richtext.with_page_links), so
    the reference index lists them under "cited by". Without it the lists would be empty."""
    call_command("load_demo")
    for code in ("zh-hans", "en"):
        locale = Locale.objects.get(language_code=code)
        order_11 = PolicyPage.objects.get(locale=locale, slug="ndrc-order-11-2017")
        cited = {listing.key: len(listing.items) for listing in policy_citations(order_11, locale)}
        assert cited.get("guides") == 8, (code, cited)
        mofcom = PolicyPage.objects.get(locale=locale, slug="mofcom-order-3-2014")
        cited_by = [item.title for listing in policy_citations(mofcom, locale) for item in listing.items]
        assert any("annual" in title.lower() or "年度" in title for title in cited_by), (code, cited_by)
        page = client.get(order_11.url).content.decode()
        assert 'class="policy-cited-by"' in page
