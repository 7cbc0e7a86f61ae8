"""What every request looks up, computed once per process and publish.

The site chrome (centre details, footer links, contact settings, the home
page and main menu of one language), the site a host name serves and the
paths under a view restriction are the same for every page until an editor
changes them. Each is memoised in this process together with the versions of
the page-cache tags it depends on (edge/purge.py), read BEFORE it is built:

- the site chrome of a language: `site` and `locale:<language>`, the tags
  whose purge drops every cached page showing that chrome (centre details,
  footer links and site settings purge `site`; a page in the main menu or a
  home page purges its language);
- the site for a host name, the restricted paths and locales: `site` (sites,
  locales and view restrictions are in PAGE_CACHE_SITE_WIDE_MODELS);
- a content area's index page in a language (core.areas.live_index):
  `home:<language>` too, which any page shown in that language moves on when
  it is published, unpublished, moved or deleted;
- the countries of an area's public items in a language (search's facets):
  `area:<key>:<language>` too, which a change to any item of the area shown
  in that language moves on;
- a country hub's listings in a language (core.related.country_hub): the
  `hub:` tags a cached hub page records, for that country and for every
  country, and at most COUNTRY_HUB_SECONDS (what time ends: an event that
  starts, an advisory that expires);
- a page's live translations (the language switcher): the page's `page:`
  tags in every language and the `locale:` tags (a page above it moved);
- what a page takes from another language's pages (the privacy notice):
  `home:` of every language (until_any_page_changes);
- a listing's items rendered once (memoised_each; memoised_cards: an advisory's entry, a
  directory entry's), their counts, which items a page of results lists
  (memoised_listing) and filter choices: the item's own tags or the area's,
  and today's date where time changes them (`depends_on`);
- a template fragment (memoised_fragment, the `{% memoised_html %}` tag: the
  footer, the main menu, a page's body): the chrome's tags, or those and
  `home:<language>` (any page of the language).

A request reads the tags' current versions (one cache read) and rebuilds a
memo whose versions have moved on, so a memo is never older than a page the
page cache would serve; the purge runs at save and again at commit, so a
memo built from the old rows in between is dropped as well. The chrome is
kept per site and language: one language's is never shown in another.
"""

from dataclasses import dataclass, field
from time import monotonic

from django.conf import settings
from django.core.paginator import Paginator
from django.http.request import split_domain_port
from django.utils.translation import get_language
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.models.sites import get_site_for_hostname

from core.areas import content_areas
from edge.purge import (
    SITE,
    area_tag,
    base_tags,
    home_tag,
    hub_tag,
    locale_tag,
    page_tag,
    versions_for_storing,
    versions_read_once,
)

_memos = {}
# A country hub's listings (and the home page's) name upcoming events and
# current advisories, which time ends without a publish; as the events
# listing, kept this long at most.
COUNTRY_HUB_SECONDS = 60


def memoised(key, tags, build, max_age=None, depends_on=None):
    """`build()`, kept in this process until a version of `tags` moves on
    (or `max_age` seconds have passed, when given, or `depends_on` differs
    from the value it was built with: what time changes without a publish,
    such as today's date; the entry under `key` is then replaced, not added to)."""
    versions = (versions_for_storing(tags), depends_on)
    stored = _memos.get(key)
    now = monotonic()
    if stored is not None and stored[0] == versions and (max_age is None or now - stored[2] < max_age):
        return stored[1]
    value = build()
    _memos[key] = (versions, value, now)
    return value


def memoised_each(items, key, tags, build, depends_on=None):
    """[build(item) for item in items], each kept as `memoised` keeps one
    value: under key(item) until a version of tags(item) moves on (or
    `depends_on` differs). The versions of all their tags are read at once:
    one cache read for a page of twenty fragments, not twenty."""
    tag_sets = [tags(item) for item in items]
    versions = versions_for_storing(set().union(*tag_sets))
    now = monotonic()
    values = []
    for item, item_tags in zip(items, tag_sets, strict=True):
        item_key, wanted = key(item), ({tag: versions[tag] for tag in item_tags}, depends_on)
        stored = _memos.get(item_key)
        if stored is None or stored[0] != wanted:
            stored = _memos[item_key] = (wanted, build(item), now)
        values.append(stored[1])
    return values


def memoised_cards(items, *, key, tags, load, render=None, pk_of=None, missing="", depends_on=None):
    """A listing's entries (as HTML, say), each kept as memoised_each keeps
    one: render(obj) for the object of each item (the object itself without
    `render`), whose pk is pk_of(item) (the item itself by default). The
    objects are read only when an entry is missing, all at once: load(pks)
    gives {pk: object} (a queryset's in_bulk). An item whose object is no
    longer there (withdrawn since the listing was read; its purge drops the
    entry too) gives `missing`."""
    pk_of = pk_of or (lambda item: item)
    loaded = None

    def build(item):
        nonlocal loaded
        if loaded is None:
            loaded = load([pk_of(each) for each in items])
        obj = loaded.get(pk_of(item))
        if obj is None:
            return missing
        return obj if render is None else render(obj)

    return memoised_each(items, key, tags, build, depends_on=depends_on)


def until_pages_change(key, language, build, **options):
    """`build()`, kept until a page in `language` (or anything site-wide)
    changes. `options`: memoised's `max_age` and `depends_on`."""
    return memoised(key, base_tags(language) | {home_tag(language)}, build, **options)


def until_any_page_changes(key, build):
    """`build()`, kept until a page in any language (or anything site-wide)
    changes: for what one language's page takes from another's (a
    translation's address, the source language's privacy notice)."""
    return memoised(key, {SITE} | {home_tag(code) for code, _name in settings.LANGUAGES}, build)


def until_area_changes(key, area, language, build, **options):
    """`build()`, kept until an item of content area `area` shown in `language`
    (or anything site-wide) changes: every such change purges the area's tag.
    `options`: memoised's `max_age` and `depends_on`."""
    return memoised(key, base_tags(language) | {area_tag(area, language)}, build, **options)


def memoised_listing(key, area, language, page_number, per_page, count, read, **options):
    """A page of a listing of `area`'s items in `language`: (the page of a
    Paginator over positions, which checks `page_number`, and
    `read(start, stop)`: what the page lists, such as its items' ids). The
    count (`count()`) is kept under `key` and each page's rows under `key`
    and its number, until an item of the area in that language changes
    (until_area_changes; `options`: its `max_age`, `depends_on`). `key` must
    hold everything the listing depends on (the index page, the valid filters)."""
    total = until_area_changes((*key, "count"), area, language, count, **options)
    results = Paginator(range(total), per_page).get_page(page_number)
    start = (results.number - 1) * per_page
    page_key = (*key, "page", results.number)
    return results, until_area_changes(page_key, area, language, lambda: read(start, start + per_page), **options)


def until_hub_changes(country, locale, build, name="country hub"):
    """`build()` for the country hub of `country` in `locale` (its listings,
    or under another `name` their HTML), kept until an item listed on that
    hub (or on every hub) changes: the tags a cached hub page records
    (edge.purge.tags_of_served_page), so it is exactly as fresh; at most
    COUNTRY_HUB_SECONDS."""
    language = locale.language_code
    tags = base_tags(language) | {
        hub_tag(area, language, code) for area in content_areas() if area.on_country_hubs for code in (None, country)
    }
    return memoised((name, locale.pk, country), tags, build, max_age=COUNTRY_HUB_SECONDS)


# What a rendered fragment (memoised_fragment) is kept until, per language:
# "site" what the chrome is kept until (anything site-wide, a page in the main
# menu or a home page); "pages" that or any page of the language (its own
# publish, and every page it may link to or list).
FRAGMENT_LIFETIMES = {
    "site": base_tags,
    "pages": lambda language: base_tags(language) | {home_tag(language)},
}


def memoised_fragment(request, name, vary, until, render, on=None):
    """`render()`, the HTML of a template fragment (the footer, the main menu,
    a page's body), kept per site, active language, `name` and `vary` until
    the tags of FRAGMENT_LIFETIMES[until] move on (and, for a page in `vary`,
    its own `page:` tag) or `on` differs from the value it was rendered with
    (memoised's `depends_on`: today's date for what time changes without a
    publish). A page is keyed by its id alone, so a republished page's
    fragment replaces the old one rather than adding to it. Not kept for a
    preview (the draft of a page whose live version shares its id) nor for a
    page that is not live: those are rendered every time. Without the tags a
    footer edited or a body republished would be served as first rendered;
    without the language in the key, one language's fragment in another's
    page."""
    if getattr(request, "is_preview", False) or any(isinstance(value, Page) and not value.live for value in vary):
        return render()
    language = get_language()
    site = site_for_request(request)
    key = ("fragment", name, site.pk if site else None, language, *(_fragment_key(value) for value in vary))
    pages = {page_tag(value, language) for value in vary if isinstance(value, Page)}
    tags = FRAGMENT_LIFETIMES[until](language) | pages
    return memoised(key, tags, render, depends_on=on)


def _fragment_key(value):
    if isinstance(value, Page):
        return ("page", value.pk)
    if value is None or isinstance(value, str | int):
        return value
    raise TypeError(f"A fragment varies by pages, strings and numbers, not {type(value).__name__}")


# ---------------------------------------------------------------- site, locales and restrictions


def site_for_request(request):
    """Site.find_for_request, with the host's site memoised (also on the request, where Wagtail looks)."""
    if not hasattr(request, "_wagtail_site"):
        hostname = split_domain_port(request._get_raw_host())[0]
        port = request.get_port()

        def find():
            try:
                return get_site_for_hostname(hostname, port)
            except Site.DoesNotExist:
                return None

        request._wagtail_site = memoised(("site", hostname, port), {SITE}, find)
    return request._wagtail_site


def locale_by_id(locale_id):
    return memoised(("locale", locale_id), {SITE}, lambda: Locale.objects.get(pk=locale_id))


def all_locales():
    """Every locale, by id: memoised (locales purge the whole site)."""
    return memoised(("locales",), {SITE}, lambda: list(Locale.objects.order_by("pk")))


def active_locale():
    """Locale.get_active(), memoised per language."""
    return memoised(("active locale", get_language()), {SITE}, Locale.get_active)


class KnownSiteMiddleware:
    """Puts the request's site where Wagtail looks for it, from the memo: the
    views, `get_url` and the site settings then never look it up. The memos
    a request consults read each tag's version once (edge.purge.versions_read_once)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with versions_read_once():
            site_for_request(request)
            return self.get_response(request)


def restricted_paths():
    """Tree paths of the pages with a view restriction (their descendants are restricted too)."""
    return memoised(
        ("restricted",), {SITE}, lambda: tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
    )


def translation_urls(request, page):
    """[(locale id, language code, URL)] of the page's live translations
    (itself included), for the language switcher: memoised per page and site
    until a version of the page in any language changes (its `page:` tags,
    which a translation's publish, unpublish, move or deletion purges in
    every language) or a page above it moves (its language's `locale:` tag).
    It read them on every uncached page."""

    def read():
        translations = page.get_translations(inclusive=True).live().select_related("locale")
        return [(found.locale_id, found.locale.language_code, found.get_url(request)) for found in translations]

    site = site_for_request(request)
    tags = {SITE} | {tag for code, _name in settings.LANGUAGES for tag in (locale_tag(code), page_tag(page, code))}
    return memoised(("translation urls", page.translation_key, site.pk if site else None), tags, read)


# ---------------------------------------------------------------- the chrome


@dataclass(frozen=True)
class MenuItem:
    title: str
    url: str
    path: str  # the tree path: the menu marks the item a page is under


@dataclass(frozen=True)
class Chrome:
    home: MenuItem | None = None
    # The live home page, where routing starts (edge/serving.py); None when it is not live.
    home_id: int | None = None
    home_url_path: str = ""
    menu: tuple = ()
    centre_name: str = ""
    address: str = ""
    opening_hours: str = ""
    footer_links: tuple = ()  # (label, url)
    # The marks a government website carries (footer): organiser, host, site map per language.
    organiser: str = ""
    host: str = ""
    site_map_url: str = ""
    contact: dict = field(default_factory=dict)  # SiteSettings' plain fields
    wechat_qr: str = ""  # the QR code's <img> tag (safe HTML), rendered once


CONTACT_FIELDS = (
    "phone",
    "email",
    "icp_number",
    "icp_url",
    "psb_number",
    "psb_url",
    "government_site_code",
    "party_government_mark_url",
    "error_report_url",
)


def site_chrome(request, language=None):
    """The chrome of the request's site in `language` (default: the active one)."""
    language = language or get_language()
    site = site_for_request(request)
    if site is None:
        return Chrome()
    return memoised(("chrome", site.pk, language), base_tags(language), lambda: _build(request, site, language))


def _build(request, site, language):
    from core.models import CentreDetails, SiteSettings

    try:
        locale = Locale.objects.get_for_language(language)
    except Locale.DoesNotExist:
        return Chrome()
    home = Page.objects.get(pk=site.root_page_id).get_translation_or_none(locale)
    menu = home.get_children().live().in_menu().specific(defer=True) if home else ()
    centre = CentreDetails.for_locale(locale)
    settings = SiteSettings.for_site(site)
    qr = settings.wechat_qr
    return Chrome(
        home=MenuItem(home.title, home.get_url(request), home.path) if home else None,
        home_id=home.pk if home and home.live else None,
        home_url_path=home.url_path if home and home.live else "",
        menu=tuple(MenuItem(item.title, item.get_url(request), item.path) for item in menu),
        centre_name=centre.name if centre else "",
        address=centre.address if centre else "",
        opening_hours=centre.opening_hours if centre else "",
        footer_links=tuple((link.label, link.url) for link in centre.footer_links.all()) if centre else (),
        organiser=centre.organiser if centre else "",
        host=centre.host if centre else "",
        site_map_url=centre.site_map_url if centre else "",
        contact={name: getattr(settings, name) for name in CONTACT_FIELDS},
        wechat_qr=qr.get_rendition("fill-120x120").img_tag({"alt": ""}) if qr else "",
    )
