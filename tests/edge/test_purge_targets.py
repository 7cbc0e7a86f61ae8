"""What purges the page cache and what it purges (edge/purge.py): content
changes purge the pages that show them; visitors' form posts purge nothing.

Every GET here is made by a fresh client with no cookie, as an anonymous
visitor's first request would be; the posts come from another client."""

import time

import pytest
from django.core.cache import cache
from django.test import Client
from wagtail.models import Site

from advisories.models import AdvisoryIndexPage
from core.areas import content_area
from core.models import SiteSettings
from core.related import country_hub
from directory.models import DirectoryEntry, DirectoryPage, EntryStatus
from edge.cache import CACHE_STATUS_HEADER
from edge.purge import TAG_KEY_PREFIX, page_tag
from events.models import EventIndexPage
from guides.models import GuideIndexPage
from home.models import InformationPage
from tests.factories import (
    AdvisoryPageFactory,
    CountryGuidePageFactory,
    DirectoryEntryFactory,
    EmergencyCardFactory,
    EventPageFactory,
    application_form,
    english_of,
    index_of,
    registration_form,
)

pytestmark = pytest.mark.usefixtures("page_cache_on")


def get(path):
    return Client().get(path)


def cache_status(path):
    return get(path).get(CACHE_STATUS_HEADER)


def warm(*paths):
    for path in paths:
        assert cache_status(path) in ("miss", "hit"), f"{path} was not stored"
    for path in paths:
        assert cache_status(path) == "hit", path


def republish(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()


@pytest.fixture
def pages():
    """A guide to Cambodia and an advisory about Thailand (so the guide's hub
    does not list it), and the paths of the pages around them."""
    guide = CountryGuidePageFactory(country="KH")
    advisory = AdvisoryPageFactory(title="泰国海关新规", countries=["TH"])
    return {
        "guide": guide,
        "advisory": advisory,
        "home": "/zh-hans/",
        "about": "/zh-hans/about/",
        "guides": index_of(GuideIndexPage).url,
        "advisories": index_of(AdvisoryIndexPage).url,
        "events": index_of(EventIndexPage).url,
        "directory": index_of(DirectoryPage).url,
    }


# ---------------------------------------------------------------- visitors never purge


def test_an_anonymous_subscription_leaves_cached_pages_cached(pages, django_capture_on_commit_callbacks):
    """Subscribers are not in the purge allow-list. With the old whole-site
    purge (any save in the advisories app moved the one generation) every
    page below would be a miss."""
    cached = [pages["home"], pages["advisories"], pages["advisory"].url, pages["about"]]
    warm(*cached)
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(
            "/zh-hans/advisories/subscribe/",
            {"email": "firm@example.com", "language": "zh-hans", "countries": ["TH"], "kinds": ["legal"]},
        )
    assert response.status_code == 302
    for path in cached:
        assert cache_status(path) == "hit", path


def test_an_anonymous_registration_leaves_cached_pages_cached(pages, django_capture_on_commit_callbacks):
    """Registrations (and the e-mail deliveries they queue) are not in the
    allow-list; the old purge dropped every page on each one."""
    event = EventPageFactory(countries=["KH"])
    cached = [pages["home"], pages["events"], pages["guide"].url, pages["about"]]
    warm(*cached)
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(event.url + "register/", registration_form())
    assert response.status_code == 302
    assert event.registrations.count() == 1
    for path in cached:
        assert cache_status(path) == "hit", path


def test_an_anonymous_listing_application_leaves_cached_pages_cached(pages, django_capture_on_commit_callbacks):
    """An application saves a pending directory entry, an area item the public
    does not see (ContentArea.visible): it purges nothing. The old purge
    (any save in the directory app) dropped every page."""
    cached = [pages["home"], pages["directory"], pages["guide"].url]
    warm(*cached)
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(pages["directory"] + "apply/", application_form())
    assert response.status_code == 302
    assert DirectoryEntry.objects.get().status == EntryStatus.PENDING
    for path in cached:
        assert cache_status(path) == "hit", path


# ---------------------------------------------------------------- precise purge


def test_publishing_a_guide_purges_it_its_index_and_the_home_page_but_not_an_advisory(pages):
    """Tags `page:`, `area:guides:zh-hans` and `home:zh-hans`. Dropping the
    area tag leaves the index stale; the old site-wide generation would make
    the advisory and its index misses too."""
    guide, advisory = pages["guide"], pages["advisory"]
    warm(guide.url, pages["guides"], pages["home"], advisory.url, pages["advisories"], "/en/")
    republish(guide, summary="柬埔寨投资新摘要。")
    assert cache_status(guide.url) == "miss"
    index = get(pages["guides"])
    assert index[CACHE_STATUS_HEADER] == "miss"
    assert "柬埔寨投资新摘要。" in index.content.decode()
    assert cache_status(pages["home"]) == "miss"
    assert cache_status(advisory.url) == "hit"
    assert cache_status(pages["advisories"]) == "hit"
    assert cache_status("/en/") == "hit"  # the other language's home page lists no Chinese guide


def test_publishing_an_advisory_purges_the_hub_of_a_country_it_concerns(pages):
    """A country guide is the hub of the other areas (`on_country_hubs` in
    advisories/area.py, tag `hub:advisories:zh-hans:KH`): without it the guide
    would keep its old listing; another country's guide stays cached."""
    guide, thailand = pages["guide"], CountryGuidePageFactory(country="TH")
    warm(guide.url, thailand.url, pages["guides"], pages["events"])
    AdvisoryPageFactory(title="柬埔寨劳动法修订", countries=["KH"])
    hub = get(guide.url)
    assert hub[CACHE_STATUS_HEADER] == "miss"
    assert "柬埔寨劳动法修订" in hub.content.decode()
    assert cache_status(thailand.url) == "hit"
    assert cache_status(pages["guides"]) == "hit"
    assert cache_status(pages["events"]) == "hit"
    AdvisoryPageFactory(title="全球合规提示", countries=[])  # about every country: on every hub
    assert cache_status(thailand.url) == "miss"


def test_unpublishing_an_advisory_purges_it_and_its_listings_only(pages):
    """Saving a page that is no longer live purges what it was shown on (the
    pre-save state is read: `_record_state_before_save`)."""
    advisory = pages["advisory"]
    warm(advisory.url, pages["advisories"], pages["home"], pages["guides"])
    advisory.unpublish()
    assert get(advisory.url).status_code == 404
    listing = get(pages["advisories"])
    assert listing[CACHE_STATUS_HEADER] == "miss"
    assert "泰国海关新规" not in listing.content.decode()
    assert cache_status(pages["home"]) == "miss"
    assert cache_status(pages["guides"]) == "hit"


def test_deleting_an_event_purges_its_listings(pages):
    """post_delete of a live area item purges the targets read before the delete."""
    event = EventPageFactory(title="柬埔寨投资说明会")
    warm(pages["events"], pages["home"], pages["advisories"])
    event.delete()
    listing = get(pages["events"])
    assert listing[CACHE_STATUS_HEADER] == "miss"
    assert "柬埔寨投资说明会" not in listing.content.decode()
    assert cache_status(pages["home"]) == "miss"
    assert cache_status(pages["advisories"]) == "hit"


def test_moving_a_page_purges_its_old_and_new_parents(en):
    """post_page_move: the page, its old parent (which listed it) and its new one."""
    about = InformationPage.objects.get(locale=en, slug="about")
    accessibility = InformationPage.objects.get(locale=en, slug="accessibility")
    privacy = InformationPage.objects.get(locale=en, slug="privacy")
    warm("/en/about/", "/en/about/accessibility/")
    privacy.move(accessibility, pos="last-child")
    assert cache_status("/en/about/") == "miss"
    assert cache_status("/en/about/accessibility/") == "miss"
    assert get("/en/about/accessibility/privacy/").status_code == 200
    assert about.get_children().filter(pk=privacy.pk).count() == 0


def test_listing_a_directory_entry_purges_the_directory_and_withdrawing_it_too(pages):
    """A snippet area item purges when it is, or was before the save, public."""
    entry = DirectoryEntryFactory(status=EntryStatus.PENDING, name="湄公河律师事务所")
    warm(pages["directory"], pages["guide"].url, pages["events"])
    entry.status = EntryStatus.LISTED
    entry.save()
    listing = get(pages["directory"])
    assert listing[CACHE_STATUS_HEADER] == "miss" and "湄公河律师事务所" in listing.content.decode()
    assert cache_status(pages["guide"].url) == "miss"  # the Cambodian hub lists it
    assert cache_status(pages["events"]) == "hit"
    warm(pages["directory"])
    entry.status = EntryStatus.WITHDRAWN
    entry.save()
    listing = get(pages["directory"])
    assert listing[CACHE_STATUS_HEADER] == "miss" and "湄公河律师事务所" not in listing.content.decode()


def test_an_alert_purges_every_page_of_its_language(pages):
    """The alert banner is on every page (`on_every_page` in advisories/area.py);
    a notice is not, so it leaves unrelated pages cached."""
    warm(pages["about"], pages["guides"], "/en/about/")
    AdvisoryPageFactory(title="泰国通知", severity="info", countries=["TH"])
    assert cache_status(pages["about"]) == "hit"
    AdvisoryPageFactory(title="紧急安全提示", severity="alert", countries=["TH"])
    about = get(pages["about"])
    assert about[CACHE_STATUS_HEADER] == "miss" and "紧急安全提示" in about.content.decode()
    assert cache_status(pages["guides"]) == "miss"
    assert cache_status("/en/about/") == "hit"


def test_changing_site_settings_purges_every_page(pages, site):
    """core.SiteSettings is in PAGE_CACHE_SITE_WIDE_MODELS: tag `site`."""
    warm(pages["about"], pages["advisory"].url, "/en/about/")
    settings_ = SiteSettings.for_site(site)
    settings_.icp_number = "浙ICP备12345678号-9"
    settings_.save()
    for path in (pages["about"], pages["advisory"].url, "/en/about/"):
        response = get(path)
        assert response[CACHE_STATUS_HEADER] == "miss", path
        assert "浙ICP备12345678号-9" in response.content.decode()


def test_an_emergency_card_change_purges_the_guide_and_the_card_page(pages, django_capture_on_commit_callbacks):
    """guides.EmergencyCard is in PAGE_CACHE_SITE_WIDE_MODELS: without it a
    cached guide kept offering no card after one was added, and a cached card
    page kept an old emergency number after an editor corrected it."""
    guide_index = index_of(GuideIndexPage)
    card_path = guide_index.emergency_card_url("KH")
    warm(pages["guide"].url)
    assert card_path not in get(pages["guide"].url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        card = EmergencyCardFactory()
    guide = get(pages["guide"].url)
    assert guide[CACHE_STATUS_HEADER] == "miss" and card_path in guide.content.decode()
    warm(card_path)
    card.police = "112"
    with django_capture_on_commit_callbacks(execute=True):
        card.save()
    fresh = get(card_path)
    assert fresh[CACHE_STATUS_HEADER] == "miss" and "112" in fresh.content.decode()


def test_an_entry_whose_tag_version_was_evicted_is_never_served(pages):
    """A missing version is a miss, and the fresh version is never the old one."""
    guide = pages["guide"]
    warm(guide.url)
    key = TAG_KEY_PREFIX + page_tag(guide, "zh-hans")
    old_version = cache.get(key)
    cache.delete(key)
    assert cache_status(guide.url) == "miss"
    assert cache.get(key) not in (None, old_version)
    assert cache_status(guide.url) == "hit"


def test_the_country_hubs_listings_come_from_areas_that_declare_it():
    """Every area that contributes a country-hub listing says `on_country_hubs`,
    so its changes purge the hubs (a new hub listing without the declaration
    fails here)."""
    for code in ("KH", "TH"):
        for listing in country_hub(code, Site.objects.get(is_default_site=True).root_page.locale):
            assert content_area(listing.key).on_country_hubs, listing.key


# ---------------------------------------------------------------- seats left


def test_the_events_listing_is_cached_briefly_so_the_seats_left_catch_up(
    settings, pages, django_capture_on_commit_callbacks
):
    """Registrations never purge; the listing, which shows the seats left, is
    kept EVENTS_LISTING_CACHE_SECONDS (its max-age, honoured by edge/cache.py)."""
    settings.EVENTS_LISTING_CACHE_SECONDS = 1
    english = english_of(EventPageFactory(capacity=20, english=True))
    first = get("/en/events/")
    assert "max-age=1" in first["Cache-Control"]
    assert "20 seats left" in first.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(english.url + "register/", registration_form(seats=3))
    assert cache_status("/en/events/") == "hit"
    time.sleep(1.2)
    after = get("/en/events/")
    assert after[CACHE_STATUS_HEADER] == "miss"
    assert "17 seats left" in after.content.decode()
