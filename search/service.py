"""One site search: every source in one locale, ranked together, with
facets by type and country, the editors' promotions and a page of results.

The page's language first: when nothing there matches, the other language's
results are shown instead (never mixed), and the outcome says so
(`other_language`, `locale`), so "words in Chinese or English" finds the
Cambodia guide from /en/search/?q=柬埔寨. Suggestions do the same.

The backend returns matching primary keys and scores only: on SQLite one
query for every source (_collect_in_one_pass), on the engines one request
for every source of a language (_collect_at_once), on PostgreSQL one query
per source; facets, filters and the merge happen on those, and only the shown
page of objects is loaded. The number of queries depends on the number of
sources at most, never on the amount of content.
"""

import heapq
import logging
from collections import Counter
from dataclasses import dataclass, field
from functools import partial
from itertools import chain, islice
from operator import attrgetter

from django.core.paginator import Paginator
from modelsearch.backends import get_search_backend
from modelsearch.utils import get_descendants_content_types_pks

from core.vocabularies import country_name
from edge.chrome import (
    all_locales,
    memoised,
    memoised_cards,
    memoised_each,
    site_for_request,
    until_any_page_changes,
    until_area_changes,
)
from edge.purge import area_tag, base_tags
from search import highlight, pinyin
from search.errors import ENGINE_ERRORS
from search.sources import available_sources

logger = logging.getLogger("outbound.search")

MAX_MATCHES_PER_SOURCE = 1000  # ranked best first; a longer tail is never looked at
PER_PAGE = 10
COUNTRY_FACETS = 10  # the countries listed beside the results at first; all of them one link away
SUGGESTIONS = 8
RETRY_AFTER_SECONDS = 30  # told to clients (Retry-After) when the engine failed


class SearchUnavailable(Exception):
    """The search engine (or database search) failed or timed out."""


class Hit:
    """A match. One is made for every match in the shown language (thousands
    for a common word), so a class with slots, not a dataclass (whose
    __init__ with defaults cost twice as much); `obj`, `url` and the
    highlighted HTML are set for the shown page only (load_page)."""

    __slots__ = ("source", "pk", "relevance", "countries", "obj", "url", "title_html", "snippet_html")

    def __init__(self, source, pk, relevance, countries=()):
        self.source = source
        self.pk = pk
        self.relevance = relevance
        self.countries = countries
        self.obj = None
        self.url = self.title_html = self.snippet_html = ""

    def __repr__(self):
        return f"<Hit {self.source.key} {self.pk!r} {self.relevance!r}>"


@dataclass
class Facet:
    value: str
    label: str
    count: int
    selected: bool = False
    url: str = ""


@dataclass
class SearchOutcome:
    locale: object = None  # the results' locale
    other_language: bool = False  # nothing matched in the page's language; these are in `locale`
    total: int = 0
    page: object = None
    type_facets: list = field(default_factory=list)
    country_facets: list = field(default_factory=list)
    countries_found: int = 0  # how many countries the results concern (country_facets may list fewer)
    broadened: bool = False  # nothing matched every word; these match some
    page_links: list = field(default_factory=list)
    previous_url: str = ""
    next_url: str = ""


def _ranked_ids(backend, query, queryset, limit, autocomplete=False):
    search = backend.autocomplete if autocomplete else backend.search
    results = search(query, queryset)
    if hasattr(results, "ranked_ids"):
        return results.ranked_ids(limit)
    # A backend without ranked_ids (not one of the project's): load the objects.
    return [(obj.pk, getattr(obj, "_score", 0) or 0) for obj in results.annotate_score("_score")[:limit]]


def guarded(call, *args, **kwargs):
    """call(*args, **kwargs), with an engine failure raised as SearchUnavailable
    (every search on the site goes through this: the pages and the API)."""
    try:
        return call(*args, **kwargs)
    except ENGINE_ERRORS as error:
        # No query text in the log: it may hold what a visitor typed about themselves.
        logger.warning("search backend failed: %s", type(error).__name__)
        raise SearchUnavailable from error


def _read_public_countries(source, locale):
    if not source.country_field:  # a policy has no country
        return dict.fromkeys(source.public(locale).values_list("pk", flat=True), ())
    items = source.public(locale).values_list("pk", source.country_field)
    return {pk: source.countries_of(value) for pk, value in items}


def _public_countries_key(source, locale):
    return ("search countries", source.key, locale.pk)


def _public_countries(source, locale):
    """{pk: countries} of every public item of `source` in `locale`, memoised
    until an item of the area shown in that language changes (edge/chrome.py):
    a search then reads its matches' language and countries from it instead
    of from the database, so what it costs per match is a lookup."""
    key = _public_countries_key(source, locale)
    return until_area_changes(key, source, locale.language_code, lambda: _read_public_countries(source, locale))


def _public_countries_of(sources, locale):
    """[_public_countries(source, locale) for source in sources], the same
    memos, with the tag versions of all of them read at once
    (edge.chrome.memoised_each: one cache read, not one a source)."""
    language = locale.language_code
    return memoised_each(
        sources,
        key=lambda source: _public_countries_key(source, locale),
        tags=lambda source: base_tags(language) | {area_tag(source, language)},
        build=lambda source: _read_public_countries(source, locale),
    )


def _ranked_in_locales(backend, query, source, locales):
    """({locale id: [(pk, score)] best first, at most MAX_MATCHES_PER_SOURCE},
    {pk: countries}) for every locale, from one ranked query; each match's
    locale and countries come from _public_countries. A score does not depend
    on which rows are wanted, so each locale's list is what a query of that
    locale alone would give, unless the shared limit was reached: then each
    locale is asked alone."""
    limit = MAX_MATCHES_PER_SOURCE * len(locales)
    ranked = guarded(_ranked_ids, backend, query, source.public(), limit)
    if not ranked:
        return {}, {}
    public = {locale.pk: _public_countries(source, locale) for locale in locales}
    if len(ranked) >= limit:
        by_locale = {
            locale.pk: guarded(_ranked_ids, backend, query, source.public(locale), MAX_MATCHES_PER_SOURCE)
            for locale in locales
        }
    else:
        by_locale = {locale.pk: [] for locale in locales}
        for pk, score in ranked:
            for locale_pk, in_locale in by_locale.items():
                if pk in public[locale_pk]:
                    if len(in_locale) < MAX_MATCHES_PER_SOURCE:
                        in_locale.append((pk, score))
                    break
    countries = {pk: public[locale_pk].get(pk, ()) for locale_pk, matches in by_locale.items() for pk, _ in matches}
    return by_locale, countries


def _collect(backend, query, locales, sources):
    """{locale id: [Hit]}: each source searched once for every locale."""
    hits = {locale.pk: [] for locale in locales}
    for source in sources:
        by_locale, countries = _ranked_in_locales(backend, query, source, locales)
        for locale_pk, ranked in by_locale.items():
            hits[locale_pk].extend(Hit(source, pk, score, countries.get(pk, ())) for pk, score in ranked)
    return hits


def _index_entries(read):
    """A function of index entry ids giving {entry id: (content type id,
    object id)} for at least those: every entry's, read once per publish
    (until_any_page_changes), and an id the memo does not know yet (an
    object indexed since, or not public: the outbox may index it after the
    publish's purge) read and added at its end (entries are never removed
    or reordered, which _PublicEntries relies on). An entry's type and
    object never change (SQLite never reuses an AUTOINCREMENT id), so what
    the memo holds is never wrong; the purge only bounds what it holds."""
    known = until_any_page_changes(("search index entries",), read)

    def entries(entry_ids):
        if missing := set(entry_ids).difference(known):
            known.update(read(missing))
        return known

    return entries


def _collect_in_one_pass(results, sources):
    """A function of a locale giving its [Hit], from one ranked query for all
    the sources (a backend that can: SQLite's FTS5 finds and scores every
    match of every type for each query, so a query per source repeated that
    work for each), or None when the backend declines. Each match is looked
    up in the locale's memo of public index entries (_public_entries), which
    drops what the public may not see there and gives its source, pk and
    countries; each source's are ranked as its own query ranks them and cut
    at MAX_MATCHES_PER_SOURCE: what _collect gives. A locale's hits are made
    only when asked for (the first locale with any is shown), and re-ranked
    by nearness (_nearer_first)."""
    ranked = guarded(results.relevance_ranked_entries)
    if ranked is None:
        return None
    known = guarded(_index_entries(results.read_index_entries), [entry_id for entry_id, _relevance in ranked])

    def in_locale(locale):
        public = _public_entries(sources, locale, known)
        matches = [[] for _source in sources]
        for entry_id, relevance in ranked:
            if (item := public.get(entry_id)) is not None:
                matches[item[0]].append((item[1], relevance, item[2]))
        hits = [
            Hit(source, pk, relevance, countries)
            for source, found in zip(sources, matches, strict=True)
            for pk, relevance, countries in results.best_first(source.model, found)[:MAX_MATCHES_PER_SOURCE]
        ]
        return guarded(_nearer_first, results, hits) if hits else hits

    return in_locale


def _public_entries(sources, locale, known):
    """{index entry id: (position of its source in `sources`, pk, countries)}
    for every public item of `sources` in `locale` among `known` (the memo
    of index entries, _index_entries): what a one-pass search needs of a
    match, in one lookup. Built from the areas' memos of public items
    (_public_countries_of) and kept until one of them changes (the same
    tags); brought up to date when `known` was read again or has learnt
    entries since (an object indexed after the purge)."""
    language = locale.language_code
    tags = base_tags(language).union(area_tag(source, language) for source in sources)
    key = ("search public entries", locale.pk, tuple(source.key for source in sources))
    memo = memoised(key, tags, lambda: _PublicEntries(sources, _public_countries_of(sources, locale)))
    return memo.among(known)


class _PublicEntries:
    """_public_entries' memo: the public items of each source, and the index
    entries of `known` found among them so far."""

    def __init__(self, sources, public_countries):
        self.public_countries = public_countries
        self.source_of_content_type = {
            content_type_pk: position
            for position, source in enumerate(sources)
            for content_type_pk in get_descendants_content_types_pks(source.model)
        }
        self.pk_from_object_id = [source.model._meta.pk.to_python for source in sources]  # object ids are text
        self.known, self.looked_at, self.by_entry = None, 0, {}

    def among(self, known):
        if known is not self.known:  # read again since: start over
            self.known, self.looked_at, self.by_entry = known, 0, {}
        if len(known) > self.looked_at:  # entries are only ever added to `known`, at its end
            for entry_id, (content_type_pk, object_id) in islice(known.items(), self.looked_at, None):
                if (position := self.source_of_content_type.get(content_type_pk)) is None:
                    continue
                pk = self.pk_from_object_id[position](object_id)
                if (countries := self.public_countries[position].get(pk)) is not None:
                    self.by_entry[entry_id] = (position, pk, countries)
            self.looked_at = len(known)
        return self.by_entry


def _collect_at_once(backend, query, sources):
    """A function of a locale giving its [Hit], for an engine that takes many
    searches in one request (the results class's ranked_ids_many), or None
    for a backend that cannot: that locale's search of every source, sent in
    one request when the locale is asked for (the first with any is shown,
    so the other language costs nothing unless the page's has no match).
    A source's matches are kept when its per-publish memo of public items
    has them (an index may lag a change by a moment), as _collect keeps them."""
    many = getattr(backend.results_class, "ranked_ids_many", None)
    if many is None:
        return None

    def in_locale(locale):
        searches = [backend.search(query, source.public(locale)) for source in sources]
        ranked = guarded(many, searches, MAX_MATCHES_PER_SOURCE)
        return [
            Hit(source, pk, relevance, countries)
            for source, public, matches in zip(sources, _public_countries_of(sources, locale), ranked, strict=True)
            for pk, relevance in matches
            if (countries := public.get(pk)) is not None
        ]

    return in_locale


def _nearer_first(results, hits):
    """`hits` (one locale's, from _collect_in_one_pass) with each source's best
    re-ranked by nearness, as that locale's own query per source would rank
    them: done for the shown locale only, in one query for all the sources."""
    if not results.ranks_by_nearness():  # one word, or any word: thousands of hits left as they are
        return hits
    by_source = {}  # by key: a source (a frozen dataclass) hashes all its fields
    for hit in hits:
        by_source.setdefault(hit.source.key, []).append(hit)
    models = {key: group[0].source.model for key, group in by_source.items()}
    ranked = {models[key]: [(hit.pk, hit.relevance) for hit in group] for key, group in by_source.items()}
    reranked = results.nearer_first(ranked)
    if reranked is ranked:  # nothing to re-rank (a single word, any word)
        return hits
    in_order = []
    for key, group in by_source.items():
        by_pk = {hit.pk: hit for hit in group}
        for pk, relevance in reranked[models[key]]:
            hit = by_pk[pk]
            hit.relevance = relevance
            in_order.append(hit)
    return in_order


def _other_locales(locale):
    """The locales searched, in order, when nothing matches in `locale`."""
    return [other for other in all_locales() if other.pk != locale.pk]


def _matches(backend, visitor_query, locales, sources):
    """(hits, their locale, broadened): every word, in each locale in turn;
    only then any word, in each locale in turn (an English query on the
    Chinese page that names a country matches some Chinese pages through the
    country's name, but all its words only in English). Each pass asks each
    source once for all the locales (_ranked_in_locales: PostgreSQL), all the
    sources in one ranked query (_collect_in_one_pass: SQLite), or each
    locale asked for, all its sources in one request (_collect_at_once: the
    engines)."""
    one_pass = hasattr(backend.results_class, "relevance_ranked_entries")
    for operator in ("and", "or"):
        if operator == "or" and not visitor_query.can_broaden():
            break
        query = visitor_query.as_search_query(operator)
        if one_pass:
            hits_in = _collect_in_one_pass(backend.search(query, sources[0].model.objects.all()), sources)
        else:
            hits_in = _collect_at_once(backend, query, sources)
        by_locale = _collect(backend, query, locales, sources) if hits_in is None else None
        for locale in locales:
            if hits := (hits_in(locale) if by_locale is None else by_locale[locale.pk]):
                return hits, locale, operator == "or"
    return [], locales[0], False


def search(
    visitor_query,
    locale,
    type_key="",
    country="",
    page_number=1,
    per_page=None,
    exclude_pages=(),
    country_facets=COUNTRY_FACETS,
):
    """Search every source in `locale`, else in the other languages (see the
    module docstring); `type_key` and `country` narrow the results (each
    facet's counts take the other filter into account). `exclude_pages`:
    pages already shown as editors' promotions. `country_facets`: how many
    countries to list (those with the most results, and the chosen one), or
    None for all."""
    backend = get_search_backend()
    sources = available_sources()
    hits, results_locale, broadened = _matches(backend, visitor_query, [locale, *_other_locales(locale)], sources)
    if exclude_pages:
        hits = [hit for hit in hits if not (hit.source.is_page and hit.pk in exclude_pages)]

    # Thousands of hits for a common word: each filter only when it is set, counted in C (Counter, chain).
    in_country = [hit for hit in hits if country in hit.countries] if country else hits
    of_type = [hit for hit in hits if hit.source.key == type_key] if type_key else hits
    shown = [hit for hit in in_country if hit.source.key == type_key] if type_key else list(in_country)
    shown.sort(key=attrgetter("relevance"), reverse=True)
    if named := visitor_query.named_country():
        # A country's name alone: its country hub (the guide) first, then the rest by relevance.
        shown.sort(key=lambda hit: not (hit.source.is_country_hub and named in hit.countries))

    outcome = SearchOutcome(
        locale=results_locale, other_language=results_locale != locale, total=len(shown), broadened=broadened
    )
    type_counts = Counter(hit.source.key for hit in in_country)
    outcome.type_facets = [
        Facet(source.key, str(source.label), count, source.key == type_key)
        for source in sources
        if (count := type_counts[source.key])
    ]
    country_counts = Counter(chain.from_iterable(hit.countries for hit in of_type))
    outcome.country_facets = _country_facets(country_counts, country, locale.language_code, country_facets)
    outcome.countries_found = len(country_counts)
    outcome.page = Paginator(shown, per_page or PER_PAGE).get_page(page_number)
    return outcome


def _country_facets(counts, chosen, language, limit):
    """Facets of the `limit` countries with the most results (all when None),
    most first, then by name; the chosen country's too, wherever it ranks.
    Only those listed are made (a common word concerns a couple of hundred)."""
    name = partial(country_name, language_code=language)
    if limit is None or len(counts) <= limit:
        listed = sorted(counts.items(), key=lambda item: (-item[1], name(item[0])))
    else:
        listed = heapq.nsmallest(limit, counts.items(), key=lambda item: (-item[1], name(item[0])))
        if chosen in counts and all(code != chosen for code, _count in listed):
            listed.append((chosen, counts[chosen]))
    return [Facet(code, name(code), count, code == chosen) for code, count in listed]


def load_page(outcome, visitor_query, request):
    """Fetch the objects of the shown page only, with URLs and highlights."""
    by_source = {}
    for hit in outcome.page.object_list:
        by_source.setdefault(hit.source, []).append(hit)
    query_terms = highlight.terms(visitor_query)
    for source, hits in by_source.items():
        shown_items = _shown_items(source, [hit.pk for hit in hits], request, outcome.locale)
        for hit, shown in zip(hits, shown_items, strict=True):
            if shown is None:  # deleted between the search and now
                continue
            hit.obj, hit.url = shown
            hit.title_html = highlight.highlight(_title(hit.obj), visitor_query, query_terms=query_terms)
            hit.snippet_html = highlight.snippet(_text(source, hit.obj), visitor_query, query_terms=query_terms)
    outcome.page.object_list = [hit for hit in outcome.page.object_list if hit.obj is not None]
    return outcome


def _shown_items(source, pks, request, locale):
    """[(object, URL), or None where there is none] for `pks` of `source` in
    `locale`: each kept per site until an item of the area in that language
    (or anything site-wide, or a page above it) changes, as the area's public
    items are (_public_countries); those not kept are read in one query.
    What a result shows of its item (title, summary, address) is the same for
    every query; only the highlights differ, and they are made per request.
    Reading ten results' objects and URLs was a fifth of a search."""
    language = locale.language_code
    site = site_for_request(request) if request is not None else None

    def objects_and_urls(wanted):
        objects = _shown_objects(source).in_bulk(wanted)
        urls = source.urls(objects.values(), request, locale)
        return {key: (obj, urls.get(key, "")) for key, obj in objects.items()}

    return memoised_cards(
        pks,
        key=lambda pk: ("search result", source.key, locale.pk, site.pk if site else None, pk),
        tags=lambda pk: base_tags(language) | {area_tag(source, language)},
        load=objects_and_urls,
        missing=None,
    )


def _shown_objects(source):
    """A result's object as search shows it: a page without its StreamFields
    (a title, a summary and a URL are shown; decoding a body's blocks cost
    more than the rest of loading ten results)."""
    objects = source.model.objects.all()
    return objects.defer_streamfields() if source.is_page else objects


def _title(obj):
    return getattr(obj, "title", None) or getattr(obj, "name", "") or str(obj)


def _text(source, obj):
    for name in source.text_fields:
        if value := getattr(obj, name, ""):
            return str(value)
    return getattr(obj, "search_description", "") or ""


def _suggested(backend, visitor_query, locale, limit):
    # Pinyin or its initials (jianpuzhai, jpz) complete as the name they spell.
    typed = pinyin.suggestion_text(visitor_query.search_text) or visitor_query.search_text
    sources = available_sources()
    if many := getattr(backend.results_class, "ranked_ids_many", None):  # an engine: one request
        by_source = guarded(many, [backend.autocomplete(typed, source.public(locale)) for source in sources], limit)
    else:
        by_source = [
            guarded(_ranked_ids, backend, typed, source.public(locale), limit, autocomplete=True) for source in sources
        ]
    ranked = [(score, source, pk) for source, matches in zip(sources, by_source, strict=True) for pk, score in matches]
    ranked.sort(key=lambda item: item[0], reverse=True)
    return ranked[:limit]


def suggest(visitor_query, locale, request, limit=SUGGESTIONS):
    """Titles that complete what is being typed, best first: in `locale`, else
    in the first other language with any (each then carries its "language")."""
    backend = get_search_backend()
    results_locale = locale
    ranked = _suggested(backend, visitor_query, locale, limit)
    for other in _other_locales(locale) if not ranked else ():
        if ranked := _suggested(backend, visitor_query, other, limit):
            results_locale = other
            break
    by_source = {}
    for _score, source, pk in ranked:
        by_source.setdefault(source, []).append(pk)
    loaded = {}
    for source, pks in by_source.items():
        shown = _shown_items(source, pks, request, results_locale)
        loaded.update({(source, pk): item for pk, item in zip(pks, shown, strict=True) if item is not None})
    suggestions = []
    for _score, source, pk in ranked:
        if (source, pk) in loaded:
            obj, url = loaded[(source, pk)]
            suggestion = {"title": _title(obj), "url": url, "type": str(source.label)}
            if results_locale != locale:
                suggestion["language"] = results_locale.language_code
            suggestions.append(suggestion)
    return suggestions
