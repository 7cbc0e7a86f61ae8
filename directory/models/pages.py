"""The directory page: the public list with filters, one page per entry,
and the form to apply to be listed (its views are in directory/views.py)."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin

from core.areas import content_area
from core.links import absolute_url
from core.models import BasePage
from core.routing import page_path
from edge.chrome import translation_urls


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

    def language_urls(self, request, suffix="", only_locales=None):
        """Where the language switcher leads from one of this page's views: the
        same view (`suffix`: route and query) in each live translation, or
        None for a locale outside `only_locales` (the translations' addresses
        memoised: edge.chrome.translation_urls)."""
        return {
            code: url + suffix if only_locales is None or locale_id in only_locales else None
            for locale_id, code, url in translation_urls(request, self)
        }

    def get_sitemap_urls(self, request=None):
        """The page itself and every listed entry's page."""
        urls = super().get_sitemap_urls(request)
        base_url = absolute_url(self, request)
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

    # ------------------------------------------------------------ routes (directory/views.py)

    index_route = page_path("", "directory.views.directory_index", name="index_route")
    apply_route = page_path("apply/", "directory.views.apply")
    apply_thanks_route = page_path("apply/thanks/", "directory.views.apply_thanks")
    # Last: a key could otherwise shadow the routes above (keys may not be "apply").
    entry_route = page_path("<slug:key>/", "directory.views.entry_page", name="entry")
