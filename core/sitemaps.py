"""/sitemap.xml with every language's pages.

Wagtail's sitemap lists the descendants of the site's root page, which is the
zh-hans home page: the English tree (a sibling root) would be missing. This
one lists the trees of every translation of the root page (the pages the
public may read: core.areas.live_and_public; a directory page adds its
entries from its area), and gives each page its hreflang alternates (its
live translations).
"""

from collections import defaultdict

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Locale, Page

from core.areas import live_and_public


class MultilingualSitemap(Sitemap):
    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True).only("path")
        in_any_tree = Q()
        for root in roots:
            in_any_tree |= Q(path__startswith=root.path)
        pages = live_and_public(Page.objects.filter(in_any_tree))
        return pages.order_by("path").defer_streamfields().specific()

    def _urls(self, page, protocol, domain):
        language_codes = dict(Locale.objects.values_list("pk", "language_code"))
        entries = []
        by_translation_key = defaultdict(list)
        for item in self.paginator.page(page).object_list:
            for url_info in item.get_sitemap_urls(self.request):
                entries.append((item, url_info))
                by_translation_key[item.translation_key].append(
                    {"lang_code": language_codes.get(item.locale_id, ""), "location": url_info["location"]}
                )
        urls = []
        for item, url_info in entries:
            alternates = by_translation_key[item.translation_key]
            urls.append({**url_info, "alternates": alternates} if len(alternates) > 1 else url_info)
        last_mods = {url.get("lastmod") for url in urls}
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls
