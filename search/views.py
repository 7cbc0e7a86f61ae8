"""The search page and its suggestion endpoint, one per locale
(/zh-hans/search/, /en/search/).

Both are GET-only and cacheable: no session, no cookie, no CSRF token, no
database write (query counts are batched by search.stats)."""

from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.vocabularies import country_name, is_country_code
from edge.chrome import active_locale
from search import service
from search.promotions import promotions_for
from search.query import MAX_QUERY_LENGTH, parse
from search.sources import available_sources
from search.stats import query_counter

CACHE_SECONDS = 300


def _cacheable(response):
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response


def _unavailable(request, context):
    response = render(request, "search/unavailable.html", context, status=503)
    response["Retry-After"] = str(service.RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


@require_safe
def search(request):
    locale = active_locale()
    visitor_query = parse(request.GET.get("q", ""))
    notices = []
    source_keys = {source.key for source in available_sources()}
    type_key = request.GET.get("type", "").strip()
    if type_key and type_key not in source_keys:
        notices.append(_("The type filter was not recognised and has been ignored."))
        type_key = ""
    country = request.GET.get("country", "").strip().upper()
    if country and not is_country_code(country):
        notices.append(_("The country filter was not recognised and has been ignored."))
        country = ""
    all_countries = request.GET.get("countries", "").strip()
    if all_countries and all_countries != "all":
        notices.append(_("The country list option was not recognised and has been ignored."))
    all_countries = all_countries == "all"
    if visitor_query.truncated:
        notices.append(
            _("Your search was too long; only its first %(count)d characters were searched.")
            % {"count": MAX_QUERY_LENGTH}
        )
    context = {
        "query": visitor_query.text,
        "notices": notices,
        "type_key": type_key,
        "country": country,
        "country_label": country_name(country, locale.language_code) if country else "",
        "all_countries": all_countries,
        "outcome": None,
        "promotions": [],
    }
    if visitor_query.text and not visitor_query.is_searchable:
        notices.append(_("Please type at least one word or number to search for."))
    elif visitor_query.text:
        try:
            promotions = promotions_for(visitor_query, locale, request)
            outcome = service.search(
                visitor_query,
                locale,
                type_key=type_key,
                country=country,
                page_number=request.GET.get("page", 1),
                exclude_pages={promotion.page_id for promotion in promotions if promotion.page_id},
                country_facets=None if all_countries else service.COUNTRY_FACETS,
            )
            service.load_page(outcome, visitor_query, request)
        except service.SearchUnavailable:
            return _unavailable(request, context)
        query_counter.record(locale.language_code, visitor_query.normalised, outcome.total + len(promotions))
        state = {"q": visitor_query.text, "type": type_key, "country": country, "countries": all_countries}
        _add_links(outcome, state)
        context.update(
            outcome=outcome,
            promotions=promotions,
            clear_type_url=_link(state, type=""),
            clear_country_url=_link(state, country=""),
            more_countries_url=_link(state, countries=True) if outcome.countries_found > service.COUNTRY_FACETS else "",
            fewer_countries_url=_link(state, countries=False),
        )
    return _cacheable(render(request, "search/search.html", context))


def _link(state, **changes):
    """?q=…&type=…&country=…&countries=all&page=…: the search in `state` (the
    visitor's query and filters) with `changes`, leaving out what is empty."""
    params = {**state, **changes}
    params["countries"] = "all" if params.get("countries") else ""
    return "?" + urlencode({name: value for name, value in params.items() if value})


def _add_links(outcome, state):
    for facet in outcome.type_facets:
        facet.url = _link(state, type="" if facet.selected else facet.value)
    for facet in outcome.country_facets:
        facet.url = _link(state, country="" if facet.selected else facet.value)
    page = outcome.page
    outcome.page_links = [
        {"number": number, "url": _link(state, page=number), "current": number == page.number}
        if number != page.paginator.ELLIPSIS
        else {"ellipsis": True}
        for number in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    ]
    outcome.previous_url = _link(state, page=page.previous_page_number()) if page.has_previous() else ""
    outcome.next_url = _link(state, page=page.next_page_number()) if page.has_next() else ""


@require_safe
def suggest(request):
    """JSON: {"query": …, "suggestions": [{"title", "url", "type"}]}; for the
    search box's as-you-type list (search works without it)."""
    locale = active_locale()
    visitor_query = parse(request.GET.get("q", ""))
    suggestions = []
    if visitor_query.is_searchable:
        try:
            suggestions = service.suggest(visitor_query, locale, request)
        except service.SearchUnavailable:
            response = JsonResponse(
                {"query": visitor_query.text, "suggestions": [], "error": "unavailable"}, status=503
            )
            response["Retry-After"] = str(service.RETRY_AFTER_SECONDS)
            add_never_cache_headers(response)
            return response
    return _cacheable(JsonResponse({"query": visitor_query.text, "suggestions": suggestions}))
