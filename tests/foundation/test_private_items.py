"""Nothing private reaches a public surface, in any content area.

For every area (country guides, advisories, events, the directory) the module
builds one public control item and one private item of each kind: a page
behind a password, a login or a group restriction, an unpublished page, a
page under a view-restricted parent, and for the directory a withdrawn
(unlisted) and a pending entry. Every public surface is fetched once, as an
anonymous visitor: the home page (its blocks, featured guides and the alert
banner), every index with its filters, the feeds and the events calendar, the
country hub (the guide page), compare, the sitemap, search and suggestions,
and the API (listings, search and each item's detail).

A private item must appear on none of them; the public control must appear on
each surface that lists its area, which proves the checks can see an item.
An item "appears" when its marker (a word in its title or name) or its URL is
in the response (on the compare page: its country among the choices).
"""

import pytest
from django.db import transaction
from django.test import Client
from wagtail.models import Locale, Page, PageViewRestriction

from directory.models import DirectoryPage, EntryStatus
from tests.factories import (
    AdvisoryPageFactory,
    CountryGuidePageFactory,
    DirectoryEntryFactory,
    EventPageFactory,
    restrict,
)

COUNTRY = "MN"  # what the advisories, events and entries concern, and the public guide's country
WORD = "zanzibarleak"  # in every item's title: what search and suggestions are asked for

PAGE_AREAS = ("guides", "advisories", "events")
PAGE_KINDS = ("password", "login", "groups", "unpublished", "private-parent")
ENTRY_KINDS = ("withdrawn", "pending")
PRIVATE_ITEMS = [(area, kind) for area in PAGE_AREAS for kind in PAGE_KINDS] + [
    ("directory", kind) for kind in ENTRY_KINDS
]
# One guide per country and language: each private guide has its own country.
GUIDE_COUNTRIES = {"public": COUNTRY, "password": "LA", "login": "NP", "groups": "BT", "unpublished": "KG"}
GUIDE_COUNTRIES["private-parent"] = "TJ"

pytestmark = pytest.mark.django_db


def marker(area, kind):
    return f"mk{area}{kind.replace('-', '')}mk"


def title(area, kind):
    return f"{WORD} {marker(area, kind)}"


# ---------------------------------------------------------------- building the items


def _private_folder(home):
    """A password-protected page under the home page, to hold the private-parent items."""
    folder = home.add_child(instance=Page(title="Members only", slug="members-only"))
    restrict(folder, PageViewRestriction.PASSWORD)
    return folder


def _make_page(area, kind):
    fields = {"title": title(area, kind), "slug": marker(area, kind), "live": kind != "unpublished"}
    if area == "guides":
        return CountryGuidePageFactory(country=GUIDE_COUNTRIES[kind], **fields)
    if area == "advisories":
        # Alerts: the newest public alert is the site banner.
        return AdvisoryPageFactory(severity="alert", countries=[COUNTRY], **fields)
    return EventPageFactory(countries=[COUNTRY], **fields)


def _build(home):
    items = {}
    folder = _private_folder(home)
    for area in PAGE_AREAS:
        items[area, "public"] = _make_page(area, "public")
        for kind in PAGE_KINDS:
            page = _make_page(area, kind)
            if kind == "private-parent":
                page.move(folder, pos="last-child")
            else:
                restrict(page, kind)
            items[area, kind] = page.specific_class.objects.get(pk=page.pk)
    zh = Locale.objects.get(language_code="zh-hans")
    statuses = {"public": EntryStatus.LISTED, "withdrawn": EntryStatus.WITHDRAWN, "pending": EntryStatus.PENDING}
    for kind, status in statuses.items():
        items["directory", kind] = DirectoryEntryFactory(
            locale=zh, key=marker("directory", kind), name=title("directory", kind), country=COUNTRY, status=status
        )
    # Editors may feature any guide on the home page, even one that later became private.
    home.featured_guides = [("guide", items["guides", kind]) for kind in ("public", *PAGE_KINDS)]
    home.save_revision().publish()
    return items


def _url(area, item):
    if area == "directory":
        directory = DirectoryPage.objects.get(locale_id=item.locale_id)
        return directory.entry_url(item)
    return item.get_url()


# ---------------------------------------------------------------- the surfaces


def _surfaces(items):
    """{surface name: response text} for every public surface, as an anonymous visitor."""
    client = Client()
    guide = items["guides", "public"]
    paths = {
        "home": "/zh-hans/",
        "guide index": "/zh-hans/guides/",
        "guide index filtered": "/zh-hans/guides/?region=southeast-asia",
        "compare choices": "/zh-hans/guides/compare/",
        "country hub": guide.get_url(),
        "advisory index": "/zh-hans/advisories/",
        "advisory index by country": f"/zh-hans/advisories/?country={COUNTRY}",
        "advisory index by kind": "/zh-hans/advisories/?kind=legal",
        "advisory feed": "/zh-hans/advisories/feed/",
        "advisory feed by kind": "/zh-hans/advisories/feed/kind/legal/",
        "advisory feed by country": f"/zh-hans/advisories/feed/country/{COUNTRY}/",
        "event index": "/zh-hans/events/",
        "event index by country": f"/zh-hans/events/?country={COUNTRY}",
        "events calendar": "/zh-hans/events/calendar/",
        "directory": "/zh-hans/directory/",
        "directory by country": f"/zh-hans/directory/?country={COUNTRY}",
        "sitemap": "/sitemap.xml",
        "search": f"/zh-hans/search/?q={WORD}",
        "search by country": f"/zh-hans/search/?q={WORD}&country={COUNTRY}",
        "suggestions": f"/zh-hans/search/suggest/?q={WORD}",
        "api pages": "/api/v2/pages/?fields=title",
        "api guides": "/api/v2/pages/?type=guides.CountryGuidePage&fields=title,country",
        "api advisories": "/api/v2/pages/?type=advisories.AdvisoryPage&fields=title&kind=legal",
        "api advisories all": "/api/v2/pages/?type=advisories.AdvisoryPage&fields=title",
        "api events": "/api/v2/pages/?type=events.EventPage&fields=title",
        "api page search": f"/api/v2/pages/?search={WORD}",
        "api directory": "/api/v2/directory/?fields=name",
        "api directory by country": f"/api/v2/directory/?country={COUNTRY}&fields=name",
    }
    texts = {}
    for name, path in paths.items():
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="zh-hans")
        assert response.status_code == 200, f"{name}: {path} answered {response.status_code}"
        texts[name] = _text(response)
    # Comparing with a private guide's country: refused as a country without a guide.
    for kind in PAGE_KINDS:
        path = f"/zh-hans/guides/compare/?c={COUNTRY}&c={GUIDE_COUNTRIES[kind]}"
        response = client.get(path)
        assert response.status_code == 400, f"{path} answered {response.status_code}"
        texts[f"compare with {kind} guide"] = _text(response)
    # Each item's own API detail: a private item's must be a 404, so its text is empty.
    for (area, kind), item in items.items():
        endpoint = "directory" if area == "directory" else "pages"
        response = client.get(f"/api/v2/{endpoint}/{item.pk}/")
        texts[f"api detail {area} {kind}"] = _text(response) if response.status_code == 200 else ""
        if response.status_code != 200:
            assert response.status_code == 404, f"api detail of {area} {kind}: {response.status_code}"
    return texts


def _text(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode()


# Where the public control of each area must be seen (its area's surfaces).
CONTROL_SURFACES = {
    "guides": [
        "home",
        "guide index",
        "guide index filtered",
        "compare choices",
        "sitemap",
        "search",
        "search by country",
        "suggestions",
        "api pages",
        "api guides",
        "api page search",
        "api detail guides public",
    ],
    "advisories": [
        "home",
        "country hub",
        "advisory index",
        "advisory index by country",
        "advisory index by kind",
        "advisory feed",
        "advisory feed by kind",
        "advisory feed by country",
        "sitemap",
        "search",
        "search by country",
        "suggestions",
        "api pages",
        "api advisories",
        "api advisories all",
        "api page search",
        "api detail advisories public",
    ],
    "events": [
        "home",
        "country hub",
        "event index",
        "event index by country",
        "events calendar",
        "sitemap",
        "search",
        "search by country",
        "suggestions",
        "api pages",
        "api events",
        "api page search",
        "api detail events public",
    ],
    "directory": [
        "country hub",
        "directory",
        "directory by country",
        "sitemap",
        "search",
        "search by country",
        "suggestions",
        "api directory",
        "api directory by country",
        "api detail directory public",
    ],
}


@pytest.fixture(scope="module")
def seen(django_db_setup, django_db_blocker):
    """The items and every surface's text, built once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        home = Page.objects.get(depth=2, locale__language_code="zh-hans").specific
        items = _build(home)
        urls = {key: _url(key[0], item) for key, item in items.items()}
        yield {"urls": urls, "texts": _surfaces(items)}
        transaction.set_rollback(True)


def _appears(seen, area, kind, surface):
    text = seen["texts"][surface]
    if marker(area, kind) in text or seen["urls"][area, kind] in text:
        return True
    # The compare page offers guides by country name, with the code as the choice.
    return area == "guides" and surface.startswith("compare") and f'value="{GUIDE_COUNTRIES[kind]}"' in text


@pytest.mark.parametrize(("area", "kind"), PRIVATE_ITEMS, ids=[f"{area}-{kind}" for area, kind in PRIVATE_ITEMS])
def test_a_private_item_is_on_no_public_surface(seen, area, kind):
    leaks = [surface for surface in seen["texts"] if _appears(seen, area, kind, surface)]
    assert leaks == []


@pytest.mark.parametrize("area", list(CONTROL_SURFACES))
def test_the_public_item_is_on_every_surface_of_its_area(seen, area):
    missing = [surface for surface in CONTROL_SURFACES[area] if not _appears(seen, area, "public", surface)]
    assert missing == []
