"""Editors' promoted results (wagtail.contrib.search_promotions) for a query.

A promotion names one page; a visitor sees that page's translation in their
own locale (live and public), so one promotion serves both languages. Read
only: Wagtail's Query.get() would create a row per new query."""

from dataclasses import dataclass

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page

from core.areas import live_and_public
from edge.chrome import memoised
from edge.purge import SITE

MAX_PROMOTIONS = 5


@dataclass(frozen=True)
class Promotion:
    title: str
    url: str
    description: str
    page_id: int | None = None


def _promoted_queries():
    """Every query string with a promotion: memoised (a promotion's save
    purges the whole site, edge.chrome), so most searches ask nothing here."""
    return memoised(
        ("promoted queries",),
        {SITE},
        lambda: frozenset(SearchPromotion.objects.values_list("query__query_string", flat=True)),
    )


def promotions_for(visitor_query, locale, request):
    if visitor_query.normalised not in _promoted_queries():
        return []
    picks = list(
        SearchPromotion.objects.filter(query__query_string=visitor_query.normalised)
        .select_related("page")
        .order_by("sort_order", "pk")[:MAX_PROMOTIONS]
    )
    keys = {pick.page.translation_key for pick in picks if pick.page_id}
    pages = {
        page.translation_key: page
        for page in live_and_public(Page.objects.filter(translation_key__in=keys, locale=locale)).specific()
    }
    promotions = []
    for pick in picks:
        if pick.page_id:
            if (page := pages.get(pick.page.translation_key)) is not None:
                promotions.append(Promotion(page.title, page.get_url(request), pick.description, page.pk))
        elif pick.external_link_url:
            title = pick.external_link_text or pick.external_link_url
            promotions.append(Promotion(title, pick.external_link_url, pick.description))
    return promotions
