"""The guide index (/guides/): cards, filters, map, and the compare route (guides/views.py)."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin

from core.areas import content_area
from core.images import prefetch_renditions
from core.models import BasePage
from core.routing import page_path
from edge.chrome import locale_by_id, site_for_request, until_area_changes
from guides import freshness
from guides.catalogue import sort_guides
from guides.forms import MAX_COMPARED, MIN_COMPARED, GuideFilterForm
from guides.models.guide import CountryGuidePage
from guides.region_tiles import GuideLink, region_tiles


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

    def card(self, guide, request, language_code, today):
        """The guide as the index and the compare page show it."""
        return GuideCard(
            guide=guide,
            name=guide.country_label(language_code),
            url=self.guide_urls(request)[guide.pk],
            stale=guide.is_stale(today),
        )

    def compare_url(self, request=None, countries=()):
        url = self.get_url(request) + self.reverse_subpage("compare")
        return f"{url}?{urlencode([('c', code) for code in countries])}" if countries else url

    # ------------------------------------------------------------ the index

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        language_code = get_language()
        today = freshness.today()
        form = GuideFilterForm(request.GET)
        guides = list(self.live_guides())
        urls = self.guide_urls(request)
        filters = form.filters()
        matching = sort_guides(filters.apply(guides), form.sort_order(), language_code)
        cards = [self.card(guide, request, language_code, today) for guide in matching]
        # The map shows every guide; those the filters leave out are drawn paler.
        matching_ids = {guide.pk for guide in matching}
        links = [GuideLink(card.guide.country, card.guide.region, card.name, card.url) for card in cards] + [
            GuideLink(
                guide.country,
                guide.region,
                guide.country_label(language_code),
                urls[guide.pk],
                highlighted=False,
            )
            for guide in guides
            if guide.pk not in matching_ids
        ]
        context.update(
            form=form,
            cards=cards,
            total_count=len(guides),
            filters_active=filters.active,
            region_tiles=region_tiles(links, language_code),
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
