"""One definition per content area (guides, advisories, events, directory).

Each app describes its area once, in `<app>/area.py`, and registers it with
the same Wagtail-hook interface as core.related, in its wagtail_hooks.py:

    @hooks.register(CONTENT_AREAS_HOOK)
    def content_areas():
        return AREA

Everything that shows an area's items to the public reads them from
`area.public(locale)`: home-page blocks and country hubs, index pages and
their filters, feeds and the events calendar, the sitemap, compare, search
and the API. It is the one rule of what the public may see: live and public
pages (no view restriction on the page or an ancestor), or listed directory
entries, in the locale when one is given. Nothing else re-derives it.

Other apps reach an area by its key (`content_area("events")`) or through
`content_areas()`, never by importing the app's models.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, IntegerField, Q
from django.db.models.functions import Cast
from django.utils import timezone, translation
from modelsearch import index
from wagtail import hooks
from wagtail.models import Locale, Page, ReferenceIndex

from core.fields import CountryListField, concerns_q
from core.related import Listing, ListingItem
from core.vocabularies import country_name, label

CONTENT_AREAS_HOOK = "content_areas"


def start_of_day(day):
    """Midnight at the start of `day` in the site's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def live_and_public(pages):
    """Pages the public may read: published, and no view restriction on them or an ancestor.

    Wagtail's `public()` reads every view restriction each time; their paths
    are memoised per publish instead (edge/chrome.py)."""
    from edge.chrome import restricted_paths  # edge.purge imports this module

    private = Q()
    for path in restricted_paths():
        private |= Q(path__startswith=path)
    return pages.live().exclude(private) if private else pages.live()


def live_index(model_label):
    """An area's index page lookup: the live page of that type in the locale,
    memoised until a page in that language is published or unpublished (edge/chrome.py)."""

    def look_up(locale):
        return apps.get_model(model_label).objects.live().filter(locale=locale).order_by("path").first()

    def find(locale):
        from edge.chrome import until_pages_change

        if not isinstance(locale, Locale):  # a locale's id
            return look_up(locale)
        return until_pages_change(("index", model_label, locale.pk), locale.language_code, lambda: look_up(locale))

    find.model_label = model_label  # the page type that lists the area (edge/purge.py purges it)
    return find


def _page_urls(pages, request, locale):
    return {page.pk: page.get_url(request) for page in pages}


@dataclass(frozen=True)
class ContentArea:
    key: str  # stable: the search type filter, a hub listing's key
    model_label: str  # "events.EventPage"
    label: str  # what search calls it: "Training and events"
    country_field: str | None  # one code ("country"), a CountryListField ("countries"), or None: no country
    index_page: Callable[[Any], Any]  # locale -> the area's live index page, or None
    listing_item: Callable[[Any, str], ListingItem] | None = None  # (item, its URL) -> one line of a Listing
    text_fields: tuple = ("summary",)  # search snippets: the first non-empty wins
    visible: Callable[[Any], Any] = live_and_public  # queryset -> what the public may see of it
    urls: Callable[[Any, Any, Any], dict] = _page_urls  # (items, request, locale) -> {pk: URL}
    # Its items are listed on the country hub (core.related.COUNTRY_HUB_HOOK) of each country they concern.
    on_country_hubs: bool = False
    # Its items are the country hubs: a country's guide shows the other areas' hub listings.
    is_country_hub: bool = False
    # item -> True when every page shows it (the alert banner): changing it purges the whole language.
    on_every_page: Callable[[Any], bool] | None = None
    # When an item first became public (a datetime field): what the follow digest calls new.
    first_public_field: str = "first_published_at"
    # Structured facts searchable as words (SEARCH_FACTS_FIELD): (field, vocabulary) pairs, the
    # vocabulary a TextChoices class or COUNTRY (the codes' names in both languages).
    search_facts: tuple = ()

    @property
    def model(self):
        return apps.get_model(self.model_label)

    @property
    def index_model_label(self):
        """The page type that lists this area's items (with its routes: feeds, calendar …)."""
        return self.index_page.model_label

    @property
    def is_page(self):
        return issubclass(self.model, Page)

    def index_above(self, item):
        """The page above `item` as its own type (its index page): the area's
        memoised index page of the item's locale when that is the parent (one
        query less on the item's page), else read."""
        parent = item.get_parent()
        index = self.index_page(item.locale)
        return index if index is not None and index.pk == parent.pk else parent.specific

    def public(self, locale=None):
        """What the public may see of this area, in `locale` (a Locale or its id) when given."""
        items = self.visible(self.model.objects.all())
        return items if locale is None else items.filter(locale=locale)

    def concerning(self, items, country_code):
        """`items` that concern one country (for a list with `empty_means_all`: or every country)."""
        if isinstance(self.model._meta.get_field(self.country_field), CountryListField):
            return items.filter(concerns_q(self.model, self.country_field, [country_code]))
        return items.filter(**{self.country_field: country_code.upper()})

    def concerning_any(self, items, country_codes):
        """`items` that concern one of `country_codes` (None: every country)."""
        if country_codes is None:
            return items
        if isinstance(self.model._meta.get_field(self.country_field), CountryListField):
            return items.filter(concerns_q(self.model, self.country_field, list(country_codes)))
        return items.filter(**{f"{self.country_field}__in": [code.upper() for code in country_codes]})

    def citing(self, page, locale):
        """Public items of `locale` whose content links to `page` or one of its translations
        (a link in rich text, a page chooser: Wagtail's reference index), in one query."""
        same_page = Page.objects.filter(translation_key=page.translation_key).annotate(id_text=Cast("pk", CharField()))
        references = ReferenceIndex.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model),
            to_content_type=ContentType.objects.get_for_model(Page),
            to_object_id__in=same_page.values("id_text"),
        ).annotate(citing_pk=Cast("object_id", IntegerField()))
        return self.public(locale).filter(pk__in=references.values("citing_pk"))

    def citing_listing(self, page, locale, title, order=100):
        """`citing` as a Listing for core.related.POLICY_CITATIONS_HOOK (no "see all": it is the whole list)."""
        items = self.citing(page, locale).order_by("title")
        if self.is_page:
            items = items.defer_streamfields()
        with translation.override(locale.language_code):
            return self.listing(items, locale, title=str(title), more_url="", order=order)

    def new_between(self, locale, country_codes, since, until):
        """Public items of `locale` concerning these countries (None: all) that first
        became public on a day from `since` up to, not including, `until` (site time)."""
        field = self.first_public_field
        items = self.concerning_any(self.public(locale), country_codes)
        return items.filter(**{f"{field}__gte": start_of_day(since), f"{field}__lt": start_of_day(until)}).order_by(
            field
        )

    def countries_of_item(self, item):
        """The codes of the countries `item` concerns (none when the area names no country)."""
        return self.countries_of(getattr(item, self.country_field, None)) if self.country_field else ()

    def countries_of(self, value):
        """The codes of a stored country field value (one code or a list)."""
        if not value:
            return ()
        return (value,) if isinstance(value, str) else tuple(value)

    def listing(self, items, locale, **kwargs):
        """A core.related.Listing of `items` (already public), each with its URL."""
        items = list(items)
        urls = self.urls(items, None, locale)
        index = self.index_page(locale)
        kwargs.setdefault("more_url", index.get_url() if index else "")
        kwargs.setdefault("key", self.key)
        return Listing(items=[self.listing_item(item, urls.get(item.pk, "")) for item in items], **kwargs)


COUNTRY = "country"
SEARCH_FACTS_BOOST = 1  # as body text: a higher weight lets every guide that names a country outrank the page about it


def facts_as_words(item):
    """An item's structured facts (its area's `search_facts`) as words: labels
    in the item's language, country names in every language of the site."""
    area = next((area for area in content_areas() if isinstance(item, area.model)), None)
    if area is None:
        return ""
    language = item.locale.language_code
    words = []
    with translation.override(language):
        for name, vocabulary in area.search_facts:
            value = getattr(item, name, None) or ()
            for code in [value] if isinstance(value, str) else value:
                if vocabulary == COUNTRY:
                    languages = (language, *(code for code, _name in settings.LANGUAGES if code != language))
                    words.extend(country_name(code, other) for other in languages)
                else:
                    words.append(str(label(vocabulary, code)))
    return " ".join(dict.fromkeys(words))


# A model whose area declares search_facts indexes them: `search_facts = facts_as_words` in its
# class body (there, not in a mixin: the engines name a field after the model that defines it)
# and SEARCH_FACTS_FIELD in its search_fields.
SEARCH_FACTS_FIELD = index.SearchField("search_facts", boost=SEARCH_FACTS_BOOST)


def content_areas():
    """Every registered area, in the order the apps registered them."""
    return [fn() for fn in hooks.get_hooks(CONTENT_AREAS_HOOK)]


def content_area(key):
    """The area registered under `key`; LookupError when no installed app registered it."""
    for area in content_areas():
        if area.key == key:
            return area
    raise LookupError(f"no content area {key!r}")


def public_only(items):
    """The items of `items` (any areas' objects) that the public may see, in their order."""
    by_model = {}
    for item in items:
        by_model.setdefault(type(item), []).append(item.pk)
    visible = set()
    for area in content_areas():
        if (pks := by_model.get(area.model)) is not None:
            visible.update((area.model, pk) for pk in area.public().filter(pk__in=pks).values_list("pk", flat=True))
    return [item for item in items if (type(item), item.pk) in visible]
