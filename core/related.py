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

    @hooks.register(FOLLOW_DIGEST_HOOK)
    def new_events(country_codes, locale, since, until): ...  # a Listing keyed by a DigestTopic, or None

    @hooks.register(COUNTRY_GROUPS_HOOK)
    def guide_groups(): ...   # {group key ("rcep", "southeast-asia"): {country codes}}

    @hooks.register(POLICY_CITATIONS_HOOK)
    def guides_citing(policy, locale): ...   # a Listing of what cites this policy document, or None

A listing's items come from the area's public queryset and its listing item
(core.areas: ContentArea.public, ContentArea.listing), never from a queryset
of its own.
"""

from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import override
from wagtail import hooks

COUNTRY_HUB_HOOK = "country_hub_sections"
HOME_SECTIONS_HOOK = "home_page_sections"
SITE_BANNERS_HOOK = "site_banners"
# fn(locale) -> {country code: URL of its live guide in that locale}; registered by guides
COUNTRY_GUIDES_HOOK = "country_guides"
# fn(locale) -> {country code: URL of its emergency card page in that locale}; registered by guides
EMERGENCY_CARDS_HOOK = "emergency_cards"
# fn(country codes or None for every country, locale, since, until) -> Listing of what is new
# in [since, until) (dates), its key a core.vocabularies.DigestTopic value; the follow digest
FOLLOW_DIGEST_HOOK = "follow_digest_sections"
# fn() -> {group key: set of country codes}: which countries a region or bloc holds
COUNTRY_GROUPS_HOOK = "country_groups"
# fn(policy page, locale) -> Listing of the public items in `locale` that cite that policy
# document (any of its translations), or None; the policy library's "cited by" (policies/)
POLICY_CITATIONS_HOOK = "policy_citations"


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
    """Listings that relate to one country, from every app that registered:
    memoised per locale and country until an item listed there changes (edge.chrome)."""
    from edge.chrome import until_hub_changes  # edge imports core

    return until_hub_changes(country_code, locale, lambda: _collect(COUNTRY_HUB_HOOK, country_code, locale))


def _rendered(listings):
    return mark_safe("".join(render_to_string("core/listing.html", {"listing": item}) for item in listings))  # noqa: S308


def country_hub_html(country_code, locale):
    """The country hub's listings rendered (core/listing.html), in `locale`'s
    language: built from the listings' sources and kept as country_hub keeps
    them (not from country_hub's memo, which may be older). Rendering them
    was about a millisecond of every guide page."""
    from edge.chrome import until_hub_changes

    def render():
        with override(locale.language_code):
            return _rendered(_collect(COUNTRY_HUB_HOOK, country_code, locale))

    return until_hub_changes(country_code, locale, render, name="country hub html")


def home_sections(locale):
    """The home page's listings (latest advisories, upcoming events …)."""
    return _collect(HOME_SECTIONS_HOOK, locale)


def home_sections_html(locale):
    """The home page's listings rendered, in `locale`'s language: kept until a
    page of that language changes (a change to any area's item purges the
    home page's `home:` tag) and at most COUNTRY_HUB_SECONDS (an event that
    starts, an advisory that expires). They were read and rendered on every
    uncached home page: two queries, a third of its time."""
    from edge.chrome import COUNTRY_HUB_SECONDS, until_pages_change

    def render():
        with override(locale.language_code):
            return _rendered(home_sections(locale))

    key = ("home sections html", locale.pk)
    return until_pages_change(key, locale.language_code, render, max_age=COUNTRY_HUB_SECONDS)


def site_banners(request):
    return [banner for fn in hooks.get_hooks(SITE_BANNERS_HOOK) if (banner := fn(request)) is not None]


def country_guide_urls(locale):
    """{country code: URL of the country's guide in `locale`}: link "the guide to X" without importing guides."""
    urls = {}
    for fn in hooks.get_hooks(COUNTRY_GUIDES_HOOK):
        urls.update(fn(locale) or {})
    return urls


def digest_sections(country_codes, locale, since, until):
    """What is new for these countries (None: every country) between two dates, from every app."""
    listings = [
        listing
        for fn in hooks.get_hooks(FOLLOW_DIGEST_HOOK)
        if (listing := fn(country_codes, locale, since, until)) is not None and listing.items
    ]
    return sorted(listings, key=lambda listing: listing.order)


def policy_citations(policy, locale):
    """What cites this policy document, in `locale`, from every app that registered; empty listings left out."""
    return [listing for listing in _collect(POLICY_CITATIONS_HOOK, policy, locale) if listing.items]


def country_groups():
    """{region or bloc key: set of country codes}, as the apps that know it say."""
    groups = {}
    for fn in hooks.get_hooks(COUNTRY_GROUPS_HOOK):
        for key, codes in (fn() or {}).items():
            groups.setdefault(key, set()).update(codes)
    return groups


def groups_of(country_codes):
    """The keys of the regions and blocs that hold any of these countries."""
    wanted = set(country_codes)
    return sorted(key for key, codes in country_groups().items() if codes & wanted)


def countries_in(group_keys):
    groups = country_groups()
    return set().union(*(groups.get(key, set()) for key in group_keys))


def emergency_card_urls(locale):
    """{country code: URL of the country's emergency card in `locale`}, without importing guides."""
    urls = {}
    for fn in hooks.get_hooks(EMERGENCY_CARDS_HOOK):
        urls.update(fn(locale) or {})
    return urls
