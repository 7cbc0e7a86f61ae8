"""The guide index (/guides/): cards, filters, map, and the compare route."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from core.areas import content_area
from core.models import BasePage
from guides import freshness
from guides.catalogue import SORT_BY_NAME, sort_guides
from guides.facts import gdp_per_capita
from guides.forms import MAX_COMPARED, MIN_COMPARED, GuideFilterForm, parse_compare
from guides.models.guide import CountryGuidePage
from guides.world_map import GuideLink, world_map


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
        """This locale's published, public guides: one query, sections not loaded."""
        return content_area("guides").public(self.locale_id).child_of(self).defer_streamfields().order_by("path")

    def _card(self, guide, request, language_code, today):
        return GuideCard(
            guide=guide,
            name=guide.country_label(language_code),
            url=guide.get_url(request),
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
        filters = form.filters()
        matching = sort_guides(filters.apply(guides), form.sort_order(), language_code)
        cards = [self._card(guide, request, language_code, today) for guide in matching]
        # The map shows every guide; those the filters leave out are drawn paler.
        matching_ids = {guide.pk for guide in matching}
        links = [GuideLink(card.guide.country, card.name, card.url) for card in cards] + [
            GuideLink(guide.country, guide.country_label(language_code), guide.get_url(request), highlighted=False)
            for guide in guides
            if guide.pk not in matching_ids
        ]
        context.update(
            form=form,
            cards=cards,
            total_count=len(guides),
            filters_active=filters.active,
            world_map=world_map(links),
            compare_action=self.compare_url(request),
            min_compared=MIN_COMPARED,
            max_compared=MAX_COMPARED,
        )
        return context

    # ------------------------------------------------------------ compare

    @path("compare/", name="compare")
    def compare(self, request):
        """/guides/compare/?c=KH&c=VN: facts and tags of 2 to 4 countries side by side."""
        language_code = get_language()
        today = freshness.today()
        guides = {guide.country: guide for guide in self.live_guides()}
        selection = parse_compare(request.GET.getlist("c"), guides.keys())
        columns = []
        if selection.ready and MIN_COMPARED <= len(selection.codes) <= MAX_COMPARED:
            for code in selection.codes:
                guide = guides[code]
                columns.append(
                    {
                        "card": self._card(guide, request, language_code, today),
                        "facts": guide.facts(language_code, today),
                        "gdp_per_capita": gdp_per_capita(guide.gdp_usd_billions, guide.population_millions),
                    }
                )
        choices = [
            self._card(guide, request, language_code, today)
            for guide in sort_guides(guides.values(), SORT_BY_NAME, language_code)
        ]
        fact_rows = [
            {"label": facts[0].label, "facts": facts}
            for facts in zip(*(column["facts"] for column in columns), strict=True)
        ]
        context = {
            # Not a page of its own: `page` stays unset so the language switcher
            # keeps the path and the ?c= selection (core_tags.language_versions).
            "index_page": self,
            "page_title": _("Compare countries"),
            "selection": selection,
            "selected": set(selection.codes),
            "columns": columns,
            "fact_rows": fact_rows,
            "choices": choices,
            "min_compared": MIN_COMPARED,
            "max_compared": MAX_COMPARED,
        }
        status = 400 if selection.errors else 200
        return TemplateResponse(request, "guides/compare.html", context, status=status)
