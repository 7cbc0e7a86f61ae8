"""Purging the page cache: tag-versioned entries, purged by content only.

Every cached response records the tags it depends on, each with the version
the tag had before the page was rendered (edge/cache.py). A hit reads the
current versions of those tags (one `get_many`) and is a miss when any has
moved on; purging a tag moves its version on. The tags:

- `site`: every page (site settings, centre details and footer links,
  images, documents, locales, view restrictions …: the models listed in
  PAGE_CACHE_SITE_WIDE_MODELS);
- `locale:<language>`: every page in one language (the main menu lists the
  pages right under the home page; the alert banner shows on every page);
- `home:<language>`: the home page, which lists the newest of every area and
  the featured guides;
- `page:<translation key>:<language>`: a page in one language, with every
  route it serves (feeds, calendar, compare,
  directory entries are routes of their index pages);
- `area:<key>:<language>`: the index page of a content area (core/areas.py)
  in that language, which lists its items;
- `hub:<key>:<language>:<country>` and `hub:<key>:<language>:*`: the country
  hubs (the guide of a country: the area with `is_country_hub`) that list an
  area's items (`on_country_hubs`): one country's hub, or every hub.

What purges is an allow-list, declared once: the content areas' items
(`core.areas.content_areas()`: a page or a directory entry that is, or was
until this change, public), any page (published, unpublished, saved while
live, moved, renamed, deleted), and the PAGE_CACHE_SITE_WIDE_MODELS. Nothing
else does, so an anonymous registration, subscription, listing application
(a pending entry is not public), e-mail delivery or search log never purges.

An area item purges `page:` of itself (in every language, as each version
links its live translations) and of its parent (in its language), its area's
`area:<key>:<language>`, `home:<language>` and the hubs of the countries it
concerns before and after the change (every hub when it names none and that
means every country, as for advisories). One that every page shows, or
showed before the change (`ContentArea.on_every_page`: an alert), purges its
whole language, as does a page right under the home page (the menu) and a
moved or renamed page with pages below it (their addresses change). So
publishing one advisory leaves the other advisories, the guides of other
countries, the events and the directory cached.

The events listing shows the seats left, which registrations change: it is
not purged by them but kept only EVENTS_LISTING_CACHE_SECONDS (its max-age;
edge/cache.py). An event page open for registration has a form and is never
stored.

Each purge happens when the change is saved and again when the transaction
commits, so a request that cached the old content in between is dropped too.
A version is never reused: a tag whose version was evicted restarts at the
current time in nanoseconds, above any version an entry may have stored, and
an entry whose tag version is missing is a miss.
"""

import time
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from wagtail.models import Page
from wagtail.signals import page_slug_changed, post_page_move

from core.areas import content_areas

TAG_KEY_PREFIX = "page-cache:tag:"
SITE = "site"
MENU_DEPTH = 3  # the root is 1, each language's home page 2, the pages in the main menu 3


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def locale_tag(language):
    return f"locale:{language}"


def home_tag(language):
    return f"home:{language}"


def page_tag(page, language):
    return f"page:{page.translation_key}:{language}"


def area_tag(area, language):
    return f"area:{area.key}:{language}"


def _key(tag):
    return TAG_KEY_PREFIX + tag


# ---------------------------------------------------------------- versions


# Within a request (edge.chrome.KnownSiteMiddleware): {tag: version or None}
# as first read in it, so the dozen memos a page consults cost one or two
# cache reads, not one each. None outside a request: every read asks the cache.
_read_in_request = ContextVar("page_cache_versions_read_in_request", default=None)


def every_page_tags():
    """The tags most memos of any page depend on, read together on a request's first read."""
    return {SITE} | {tag for code, _name in settings.LANGUAGES for tag in (locale_tag(code), home_tag(code))}


@contextmanager
def versions_read_once():
    """Each tag's version read from the cache once while this lasts (a
    request): as a cached page records its tags' versions once, before it is
    rendered. A purge in between forgets what was read (purge_tags), so a
    request that saves content sees its own purge."""
    token = _read_in_request.set({})
    try:
        yield
    finally:
        _read_in_request.reset(token)


def current_versions(tags):
    """{tag: version} for the tags whose version is in the cache (one read, or
    none when a request has read them all already)."""
    read = _read_in_request.get()
    if read is None:
        found = page_cache().get_many([_key(tag) for tag in tags])
        return {tag: found[_key(tag)] for tag in tags if _key(tag) in found}
    missing = [tag for tag in tags if tag not in read]
    if missing:
        wanted = set(missing) | (every_page_tags() - set(read))
        found = page_cache().get_many([_key(tag) for tag in wanted])
        read.update({tag: found.get(_key(tag)) for tag in wanted})
    return {tag: read[tag] for tag in tags if read[tag] is not None}


def get_with_versions(key, tags):
    """(the page cache's entry under `key` or None, {tag: version} of the
    `tags` whose version is in the cache), in one read: one round trip to Redis."""
    found = page_cache().get_many([key, *(_key(tag) for tag in tags)])
    return found.get(key), {tag: found[_key(tag)] for tag in tags if _key(tag) in found}


def versions_for_storing(tags):
    """{tag: version} for every tag, starting a fresh version for a missing one."""
    versions = current_versions(tags)
    missing = set(tags) - set(versions)
    cache = page_cache() if missing else None  # a lookup through asgiref's Local: only when needed
    for tag in missing:
        # A fresh number, never an old one: entries stored under an evicted
        # version must stay unreachable.
        fresh = time.time_ns()
        versions[tag] = fresh if cache.add(_key(tag), fresh, timeout=None) else cache.get(_key(tag), fresh)
        if (read := _read_in_request.get()) is not None:
            read[tag] = versions[tag]
    return versions


def purge_tags(tags):
    """Move each tag's version on: every entry that recorded the old one is a miss."""
    if (read := _read_in_request.get()) is not None:
        read.clear()
    cache = page_cache()
    for tag in set(tags):
        try:
            cache.incr(_key(tag))
        except ValueError:  # no version yet, or it was evicted
            cache.set(_key(tag), time.time_ns(), timeout=None)


def purge_now_and_after_commit(tags):
    tags = frozenset(tags)
    if tags:
        purge_tags(tags)
        transaction.on_commit(lambda: purge_tags(tags))


# ---------------------------------------------------------------- what a page depends on


def _language_of(instance):
    return instance.locale.language_code


def hub_tag(area, language, country=None):
    """The hubs listing `area` in `language`: of one country, or (None) of every country."""
    return f"hub:{area.key}:{language}:{country or '*'}"


def tags_of_served_page(page, language):
    """The tags of a page (and its routes) as served in `language`, besides `site` and `locale:`."""
    tags = {page_tag(page, language)}
    if page.depth == MENU_DEPTH - 1:
        tags.add(home_tag(language))
    page_type = page.specific_class
    if page_type is None:
        return tags
    areas = content_areas()
    for area in areas:
        if page_type._meta.label == area.index_model_label:
            tags.add(area_tag(area, language))
        if area.is_country_hub and issubclass(page_type, area.model):
            countries = area.countries_of_item(page)
            for listed in (listed for listed in areas if listed.on_country_hubs):
                tags.add(hub_tag(listed, language))
                tags.update(hub_tag(listed, language, code) for code in countries)
    return tags


def base_tags(language):
    """What every cached page in `language` depends on."""
    return {SITE, locale_tag(language)}


# ---------------------------------------------------------------- what a change purges


def _area_of(model):
    for area in content_areas():
        if issubclass(model, area.model):
            return area
    return None


def _is_site_wide(model):
    return model._meta.label in settings.PAGE_CACHE_SITE_WIDE_MODELS


def _state(area, instance):
    """What of `instance` (an area item or any page), as it stands, decides what a change purges."""
    if isinstance(instance, Page):
        shown = instance.live
    else:
        shown = area.visible(area.model.objects.filter(pk=instance.pk)).exists()
    on_every_page = area is not None and area.on_every_page is not None and area.on_every_page(instance)
    countries = area.countries_of_item(instance) if area is not None else ()
    return {"shown": shown, "on_every_page": on_every_page, "countries": countries}


def targets_of(instance, area, states):
    """The tags a change to `instance` (a page or an area item) purges, given
    its states before and after the change (those in which it was shown)."""
    language = _language_of(instance)
    tags = {home_tag(language)}
    if area is not None:
        tags.add(area_tag(area, language))
        if area.on_country_hubs:
            every_country = getattr(area.model._meta.get_field(area.country_field), "empty_means_all", False)
            for state in states:
                # No country named: on every hub when that means every country, else on none.
                codes = state["countries"] or ([None] if every_country else [])
                tags.update(hub_tag(area, language, code) for code in codes)
    if isinstance(instance, Page):
        # In every language: each version links its live translations.
        tags.update(page_tag(instance, code) for code, _name in settings.LANGUAGES)
        if instance.depth > 1:
            tags.add(page_tag(instance.get_parent(), language))
        if instance.depth <= MENU_DEPTH:
            tags.add(locale_tag(language))
    if any(state["on_every_page"] for state in states):
        tags.add(locale_tag(language))
    return tags


def _concerns_pages(sender):
    return _area_of(sender) is not None or issubclass(sender, Page)


def _record_state_before_save(sender, instance, raw=False, **kwargs):
    """The row as it was before this save: a change that hides an item, or
    moves it to other countries, must purge where it was shown."""
    if raw or instance.pk is None or not _concerns_pages(sender):
        return
    before = sender._default_manager.filter(pk=instance.pk).first()
    if before is not None:
        instance._page_cache_before = _state(_area_of(sender), before)


def _on_save(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if _is_site_wide(sender):
        purge_now_and_after_commit({SITE})
        return
    if not _concerns_pages(sender):
        return
    area = _area_of(sender)
    states = [state for state in (getattr(instance, "_page_cache_before", None), _state(area, instance)) if state]
    shown_in = [state for state in states if state["shown"]]
    if shown_in:
        purge_now_and_after_commit(targets_of(instance, area, shown_in))


def _record_state_before_delete(sender, instance, **kwargs):
    if _concerns_pages(sender):
        area = _area_of(sender)
        state = _state(area, instance)
        instance._page_cache_targets = targets_of(instance, area, [state]) if state["shown"] else set()


def _on_delete(sender, instance, **kwargs):
    if _is_site_wide(sender):
        purge_now_and_after_commit({SITE})
    else:
        purge_now_and_after_commit(getattr(instance, "_page_cache_targets", ()))


def _on_m2m_change(sender, instance, action, **kwargs):
    if action.startswith("post_") and (_is_site_wide(type(instance)) or _is_site_wide(sender)):
        purge_now_and_after_commit({SITE})


def _on_page_moved_or_renamed(sender, instance, **kwargs):
    """A moved or renamed page: itself, its old and new parents and listings;
    when pages sit below it, their addresses changed too: its whole language."""
    instance = instance.specific
    area = _area_of(type(instance))
    tags = targets_of(instance, area, [_state(area, instance)])
    if parent_before := kwargs.get("parent_page_before"):
        tags.add(page_tag(parent_before, _language_of(instance)))
    if instance.get_children_count():
        tags.add(locale_tag(_language_of(instance)))
    purge_now_and_after_commit(tags)


def connect_purge_signals():
    pre_save.connect(_record_state_before_save, dispatch_uid="page-cache-before-save")
    post_save.connect(_on_save, dispatch_uid="page-cache-save")
    pre_delete.connect(_record_state_before_delete, dispatch_uid="page-cache-before-delete")
    post_delete.connect(_on_delete, dispatch_uid="page-cache-delete")
    m2m_changed.connect(_on_m2m_change, dispatch_uid="page-cache-m2m")
    post_page_move.connect(_on_page_moved_or_renamed, dispatch_uid="page-cache-move")
    page_slug_changed.connect(_on_page_moved_or_renamed, dispatch_uid="page-cache-slug")
