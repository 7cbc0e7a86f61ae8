"""The directory page: the public list with filters, one page per entry,
and the form to apply to be listed."""

import datetime
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from core import public_forms
from core.areas import content_area
from core.models import BasePage
from directory.forms import ApplicationForm, DirectoryFilterForm
from directory.structured_data import organization_json_ld
from directory.submissions import submit_application

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


class DirectoryPage(RoutablePageMixin, BasePage):
    """Overseas chambers and service providers, one locale per page translation."""

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("directory page")

    # ------------------------------------------------------------ URLs

    def entry_url(self, entry, base_url=None):
        """The entry's page under this directory (pass base_url when building many)."""
        base_url = base_url if base_url is not None else self.get_url()
        return base_url + self.reverse_subpage("entry", args=[entry.key])

    def _language_urls(self, request, suffix="", only_locales=None):
        """Where the language switcher leads from one of this page's views: the
        same view (`suffix`: route and query) in each live translation, or
        None for a locale outside `only_locales`."""
        return {
            page.locale.language_code: page.get_url(request) + suffix
            if only_locales is None or page.locale_id in only_locales
            else None
            for page in self.get_translations(inclusive=True).live().select_related("locale")
        }

    def get_sitemap_urls(self, request=None):
        """The page itself and every listed entry's page."""
        urls = super().get_sitemap_urls(request)
        base_url = self.get_full_url(request)
        entries = content_area("directory").public(self.locale_id).order_by("key").only("key", "verified_on")
        for entry in entries:
            verified = entry.verified_on and timezone.make_aware(
                datetime.datetime.combine(entry.verified_on, datetime.time())
            )
            urls.append({"location": self.entry_url(entry, base_url), "lastmod": verified or None})
        return urls

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["directory_url"] = self.get_url(request)
        context["apply_url"] = context["directory_url"] + self.reverse_subpage("apply")
        return context

    # ------------------------------------------------------------ views

    @path("")
    def index_route(self, request):
        entries = content_area("directory").public(self.locale)
        filters = DirectoryFilterForm(request.GET, facets=Facets.of(entries), language_code=self.locale.language_code)
        paginator = Paginator(filters.apply(entries), PAGE_SIZE)
        results = paginator.get_page(request.GET.get("page"))
        base_url = self.get_url(request)
        for entry in results:
            entry.url = self.entry_url(entry, base_url)
        # Filters are codes, the same in every language; the page number is not.
        query = request.GET.copy()
        query.pop("page", None)
        return self.render(
            request,
            context_overrides={
                "filters": filters,
                "results": results,
                "paginator": paginator,
                "language_urls": self._language_urls(request, f"?{query.urlencode()}" if query else ""),
            },
        )

    @path("apply/", name="apply")
    def apply_route(self, request):
        if request.method not in ("GET", "HEAD", "POST"):
            return HttpResponseNotAllowed(["GET", "POST"])
        privacy_url = public_forms.privacy_url(request, self)
        thanks_url = self.get_url(request) + self.reverse_subpage("apply_thanks")
        if request.method == "POST":
            if limited := public_forms.rate_limited(request, "listing_application"):
                return limited
            form = ApplicationForm(request.POST, privacy_url=privacy_url)
            if form.is_bot:
                return public_forms.refuse_bot(request, "listing_application")
            if form.is_valid():
                submit_application(form.cleaned_data, language=self.locale.language_code)
                return redirect(thanks_url)
        else:
            form = ApplicationForm(privacy_url=privacy_url)
        return self.render(
            request,
            template="directory/apply_page.html",
            context_overrides={
                "form": form,
                "page_title": _("Apply to be listed"),
                "language_urls": self._language_urls(request, self.reverse_subpage("apply")),
            },
        )

    @path("apply/thanks/", name="apply_thanks")
    def apply_thanks_route(self, request):
        return self.render(
            request,
            template="directory/apply_thanks_page.html",
            context_overrides={"page_title": _("Thank you for your application")},
        )

    # Last: a key could otherwise shadow the routes above (keys may not be "apply").
    @path("<slug:key>/", name="entry")
    def entry_route(self, request, key):
        entry = content_area("directory").public(self.locale).filter(key=key).first()
        if entry is None:
            raise Http404
        url = request.build_absolute_uri(self.entry_url(entry, self.get_url(request)))
        return self.render(
            request,
            template="directory/entry_page.html",
            context_overrides={
                "entry": entry,
                "page_title": entry.name,
                "structured_data": organization_json_ld(entry, url),
                "language_urls": self._language_urls(
                    request,
                    self.reverse_subpage("entry", args=[entry.key]),
                    only_locales=set(
                        content_area("directory")
                        .public()
                        .filter(translation_key=entry.translation_key)
                        .values_list("locale_id", flat=True)
                    ),
                ),
            },
        )
