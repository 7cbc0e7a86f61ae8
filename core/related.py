"""What relates to what, across apps, through Wagtail hooks.

A country guide asks "what relates to this country?" and the home page asks
"what is new?" without importing the other apps: each app registers a
function with a hook and returns a `Listing` (or None when it has nothing).

    @hooks.register(COUNTRY_HUB_HOOK)
    def advisories_for_country(country_code, locale): ...

    @hooks.register(HOME_SECTIONS_HOOK)
    def latest_advisories(locale): ...

    @hooks.register(SITE_BANNERS_HOOK)
    def current_alert(request): ...   # returns a Banner or None

A listing's items come from the area's public queryset and its listing item
(core.areas: ContentArea.public, ContentArea.listing), never from a queryset
of its own.
"""

from dataclasses import dataclass, field

from wagtail import hooks

COUNTRY_HUB_HOOK = "country_hub_sections"
HOME_SECTIONS_HOOK = "home_page_sections"
SITE_BANNERS_HOOK = "site_banners"
# fn(locale) -> {country code: URL of its live guide in that locale}; registered by guides
COUNTRY_GUIDES_HOOK = "country_guides"


@dataclass(frozen=True)
class ListingItem:
    title: str
    url: str
    note: str = ""  # a date, a severity, a city: one short line under the title
    badge: str = ""  # short label shown before the title (e.g. severity)


@dataclass(frozen=True)
class Listing:
    key: str  # stable id for templates and CSS: "advisories", "events", …
    title: str
    items: list = field(default_factory=list)
    more_url: str = ""
    empty_text: str = ""
    order: int = 100


@dataclass(frozen=True)
class Banner:
    key: str  # remembered when dismissed, e.g. "advisory-42"
    text: str
    url: str = ""
    level: str = "alert"
    dismiss_url: str = ""  # a form POSTs key and next there (sets a cookie); empty: not dismissible


def _collect(hook_name, *args):
    listings = [listing for fn in hooks.get_hooks(hook_name) if (listing := fn(*args)) is not None]
    return sorted(listings, key=lambda listing: listing.order)


def country_hub(country_code, locale):
    """Listings that relate to one country, from every app that registered."""
    return _collect(COUNTRY_HUB_HOOK, country_code, locale)


def home_sections(locale):
    """The home page's listings (latest advisories, upcoming events …)."""
    return _collect(HOME_SECTIONS_HOOK, locale)


def site_banners(request):
    return [banner for fn in hooks.get_hooks(SITE_BANNERS_HOOK) if (banner := fn(request)) is not None]


def country_guide_urls(locale):
    """{country code: URL of the country's guide in `locale`}: link "the guide to X" without importing guides."""
    urls = {}
    for fn in hooks.get_hooks(COUNTRY_GUIDES_HOOK):
        urls.update(fn(locale) or {})
    return urls
