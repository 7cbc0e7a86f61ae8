"""Public views of the directory page: the routes of DirectoryPage name them
(core/routing.py)."""

from dataclasses import dataclass, field

from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import public_forms
from core.areas import content_area
from core.links import absolute_url
from directory.forms import ApplicationForm, DirectoryFilterForm
from directory.structured_data import organization_json_ld
from directory.submissions import submit_application
from edge.chrome import memoised_cards, memoised_listing, until_area_changes
from edge.purge import area_tag, base_tags

PAGE_SIZE = 20


@dataclass
class Facets:
    """What the listed entries of one locale have, to offer as filter choices."""

    countries: set = field(default_factory=set)
    services: set = field(default_factory=set)
    languages: set = field(default_factory=set)

    @classmethod
    def of(cls, entries):
        facets = cls()
        # Distinct combinations: far fewer rows than entries to decode.
        combinations = entries.order_by().values_list("country", "services", "languages").distinct()
        for country, services, languages in combinations:
            facets.countries.add(country)
            facets.services.update(services or ())
            facets.languages.update(languages or ())
        return facets


def filter_choices(page):
    """The filters' choices in the page's language: what its listed entries
    have, sorted by name. Built once per process and language, kept until an
    entry shown in that language changes (edge.chrome.until_area_changes, the
    tag whose purge drops the cached directory page too): reading every
    listed entry's facets and sorting the names was a third of a filtered
    directory page's time."""
    language = page.locale.language_code

    def build():
        facets = Facets.of(content_area("directory").public(page.locale))
        return DirectoryFilterForm.choices_for(facets, language)

    return until_area_changes(("directory filters", page.locale_id), content_area("directory"), language, build)


def _page_of_results(page, filters, page_number):
    """(the page, the ids of the entries it lists), memoised per directory
    page and filters (edge.chrome.memoised_listing) until an entry shown in
    its language changes: counting the filtered entries and reading a page
    of them were most of the page's queries; the items themselves are
    memoised (_cards)."""

    def entries():  # built only when a memo is missing
        return filters.apply(content_area("directory").public(page.locale))

    valid = tuple((name, filters.value(name)) for name in filters.fields if filters.value(name))
    return memoised_listing(
        ("directory", page.pk, valid),
        content_area("directory"),
        page.locale.language_code,
        page_number,
        PAGE_SIZE,
        count=lambda: entries().count(),
        read=lambda start, stop: list(entries()[start:stop].values_list("pk", flat=True)),
    )


CARD_TEMPLATE = "directory/includes/entry_card.html"


def _cards(page, ids, base_url):
    """Each entry's item in the list as HTML, memoised per entry until an
    entry of the directory shown in that language changes (an entry is no
    page: its change purges the area's tag, edge/purge.py) or the day does
    (an entry's verification grows stale). Shared by every filter and page
    of results that lists the entry. Its link starts with `base_url`, the
    directory's address, in the key too."""
    language = page.locale.language_code

    def render(entry):
        entry.url = page.entry_url(entry, base_url)
        return render_to_string(CARD_TEMPLATE, {"entry": entry})

    return memoised_cards(
        ids,
        key=lambda pk: ("directory card", pk, language, base_url),
        tags=lambda pk: base_tags(language) | {area_tag(content_area("directory"), language)},
        load=lambda pks: content_area("directory").public(page.locale).in_bulk(pks),
        render=render,
        depends_on=timezone.localdate(),
    )


def directory_index(page, request):
    filters = DirectoryFilterForm(request.GET, choices=filter_choices(page))
    results, ids = _page_of_results(page, filters, request.GET.get("page"))
    base_url = page.get_url(request)
    # Filters are codes, the same in every language; the page number is not.
    query = request.GET.copy()
    query.pop("page", None)
    return page.render(
        request,
        context_overrides={
            "filters": filters,
            "results": results,
            "cards": _cards(page, ids, base_url),
            "paginator": results.paginator,
            "language_urls": page.language_urls(request, f"?{query.urlencode()}" if query else ""),
        },
    )


def apply(page, request):
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    privacy_url = public_forms.privacy_url(request, page)
    thanks_url = page.get_url(request) + page.reverse_subpage("apply_thanks")
    if request.method == "POST":
        if flooded := public_forms.flooded(request, "listing_application"):
            return flooded
        form = ApplicationForm(request.POST, privacy_url=privacy_url)
        if form.is_bot:
            return public_forms.refuse_bot(request, "listing_application")
        limit = form.is_valid() and public_forms.accepted_limit(request, "listing_application", form)
        if form.is_valid() and not limit:
            submit_application(form.cleaned_data, language=page.locale.language_code)
            public_forms.count_accepted(request, "listing_application")
            return redirect(thanks_url)
    else:
        form = ApplicationForm(privacy_url=privacy_url)
        limit = None
    response = page.render(
        request,
        template="directory/apply_page.html",
        context_overrides={
            "form": form,
            "page_title": _("Apply to be listed"),
            "language_urls": page.language_urls(request, page.reverse_subpage("apply")),
        },
    )
    return limit.refuse(response) if limit else response


def apply_thanks(page, request):
    return page.render(
        request,
        template="directory/apply_thanks_page.html",
        context_overrides={"page_title": _("Thank you for your application")},
    )


def entry_page(page, request, key):
    entry = content_area("directory").public(page.locale).filter(key=key).first()
    if entry is None:
        raise Http404
    url = absolute_url(page.entry_url(entry, page.get_url(request)))
    return page.render(
        request,
        template="directory/entry_page.html",
        context_overrides={
            "entry": entry,
            "page_title": entry.name,
            "structured_data": organization_json_ld(entry, url),
            "language_urls": page.language_urls(
                request,
                page.reverse_subpage("entry", args=[entry.key]),
                only_locales=set(
                    content_area("directory")
                    .public()
                    .filter(translation_key=entry.translation_key)
                    .values_list("locale_id", flat=True)
                ),
            ),
        },
    )
