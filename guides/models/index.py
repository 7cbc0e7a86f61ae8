"""The guide index (/guides/): cards, filters, map, and the compare route (guides/views.py)."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin

from core.areas import content_area
from core.images import prefetch_renditions
from core.models import BasePage
from core.routing import page_path
from edge.chrome import locale_by_id, memoised_each, site_for_request, until_area_changes
from edge.purge import area_tag, base_tags
from guides import freshness
from guides.catalogue import SORT_BY_NAME, sort_guides
from guides.forms import MAX_COMPARED, MIN_COMPARED, GuideFilterForm
from guides.models.guide import CountryGuidePage
from guides.region_tiles import GuideLink, dim, region_tiles, tile_class_ends

CARD_TEMPLATE = "guides/includes/guide_card.html"
REGION_TILES_TEMPLATE = "guides/includes/region_tiles.html"


@dataclass(frozen=True)
class GuideCard:
    """One guide as the index and the compare page show it."""

    guide: CountryGuidePage
    name: str
    url: str
    stale: bool


class GuideIndexPage(RoutablePageMixin, BasePage):
    parent_page_types = ["home.HomePage"]
    subpage_types = ["guides.CountryGuidePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("guide index page")

    def live_guides(self):
        """This locale's published, public guides in tree order: sections not
        loaded, lead images and their renditions prefetched. Memoised until a
        guide in this language (or anything site-wide) changes
        (edge.chrome.until_area_changes): shared between requests, never changed."""

        def load():
            guides = content_area("guides").public(self.locale_id).child_of(self).defer_streamfields().order_by("path")
            return tuple(prefetch_renditions(guides, "lead_image"))

        language = locale_by_id(self.locale_id).language_code
        return until_area_changes(("live guides", self.pk), content_area("guides"), language, load)

    def guide_urls(self, request):
        """{guide id: URL} of live_guides(), memoised with them (per site)."""
        site = site_for_request(request) if request else None
        language = locale_by_id(self.locale_id).language_code
        return until_area_changes(
            ("guide urls", self.pk, site.pk if site else None),
            content_area("guides"),
            language,
            lambda: {guide.pk: guide.get_url(request) for guide in self.live_guides()},
        )

    def card(self, guide, request, language_code, today, urls=None):
        """The guide as the index and the compare page show it (`urls`:
        guide_urls(request), when making many: each call reads the memo's versions)."""
        return GuideCard(
            guide=guide,
            name=guide.country_label(language_code),
            url=(urls or self.guide_urls(request))[guide.pk],
            stale=guide.is_stale(today),
        )

    def compare_url(self, request=None, countries=()):
        url = self.get_url(request) + self.reverse_subpage("compare")
        return f"{url}?{urlencode([('c', code) for code in countries])}" if countries else url

    # ------------------------------------------------------------ the index

    def guides_by_name(self, language_code):
        """live_guides() in the order of their countries' names in
        `language_code` (pinyin in Chinese), memoised with them: sorting 200
        names by their collation keys was every request's work."""
        language = locale_by_id(self.locale_id).language_code
        return until_area_changes(
            ("guides by name", self.pk, language_code),
            content_area("guides"),
            language,
            lambda: tuple(sort_guides(self.live_guides(), SORT_BY_NAME, language_code)),
        )

    def _memoised(self, what, request, language_code, build, **options):
        """`build()` kept per index page, site and reader's language until a
        guide in this language changes (as live_guides)."""
        site = site_for_request(request)
        return until_area_changes(
            (what, self.pk, site.pk if site else None, language_code),
            content_area("guides"),
            locale_by_id(self.locale_id).language_code,
            build,
            **options,
        )

    def region_map(self, request, language_code, matching_ids, filters_active):
        """The map's HTML (guides/includes/region_tiles.html), rendered once
        with every tile in full colour (memoised with live_guides, per site
        and reader's language, and whether filters are active: its caption
        says so) with where each tile's class ends; a request only dims the
        tiles of the guides its filters leave out (guides.region_tiles.dim).
        Rendering ~200 tiles and sorting their names was a third of the
        index's time. Nothing of one request's filters is kept."""

        def render():
            guides, urls = self.guides_by_name(language_code), self.guide_urls(request)
            links = [
                GuideLink(guide.country, guide.region, guide.country_label(language_code), urls[guide.pk])
                for guide in guides
            ]
            context = {"region_tiles": region_tiles(links, language_code), "filters_active": filters_active}
            html = render_to_string(REGION_TILES_TEMPLATE, context)
            return html, tile_class_ends(html, {guide.pk: urls[guide.pk] for guide in guides})

        html, ends = self._memoised(("region map", filters_active), request, language_code, render)
        return dim(html, ends, matching_ids)

    def card_html(self, request, cards, language_code):
        """Each guide's card (guides/includes/guide_card.html) rendered once,
        memoised per guide, site and reader's language until a guide in this
        language changes (the guides it shows come from live_guides, kept as
        long) or the day does (a guide's review falls overdue at midnight)."""
        site = site_for_request(request)
        language = locale_by_id(self.locale_id).language_code
        return memoised_each(
            cards,
            key=lambda card: ("guide card", card.guide.pk, site.pk if site else None, language_code),
            tags=lambda card: base_tags(language) | {area_tag(content_area("guides"), language)},
            build=lambda card: render_to_string(CARD_TEMPLATE, {"card": card}),
            depends_on=freshness.today(),
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        language_code = get_language()
        today = freshness.today()
        form = GuideFilterForm(request.GET)
        filters = form.filters()
        guides = self.guides_by_name(language_code)
        matching = filters.apply(guides)
        if (sort := form.sort_order()) != SORT_BY_NAME:
            matching = sort_guides(matching, sort, language_code)
        urls = self.guide_urls(request)
        cards = [self.card(guide, request, language_code, today, urls) for guide in matching]
        context.update(
            form=form,
            cards=cards,
            card_html=self.card_html(request, cards, language_code),
            total_count=len(guides),
            filters_active=filters.active,
            region_map=self.region_map(request, language_code, {guide.pk for guide in matching}, filters.active)
            if guides
            else "",
            compare_action=self.compare_url(request),
            min_compared=MIN_COMPARED,
            max_compared=MAX_COMPARED,
        )
        return context

    # ------------------------------------------------------------ compare (guides/views.py)

    compare = page_path("compare/", "guides.views.compare")
    changes_feed = page_path("changes/<str:country>/feed/", "guides.views.changes_feed")

    emergency_card = page_path("emergency/<str:country>/", "guides.views.emergency_card")
    emergency_card_print = page_path("emergency/<str:country>/print/", "guides.views.emergency_card_print")
    emergency_vcard = page_path("emergency/<str:country>/contacts/", "guides.views.emergency_vcard")

    def emergency_card_url(self, country, request=None, route="emergency_card"):
        return self.get_url(request) + self.reverse_subpage(route, args=[country])

    def changes_feed_url(self, country, request=None):
        return self.get_url(request) + self.reverse_subpage("changes_feed", args=[country])
